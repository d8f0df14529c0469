"""Leak detection: posts that reproduce registered internal documents."""

import pytest

from koe.engine import InternalIndex, default_policy
from koe.engine.text import Text

DOCS = [
    ("chat-42", "来週の値上げは全社で15%、発表は月曜の朝に行う予定です。まだ外には出さないでください。"),
    ("wiki-7", "Q3 roadmap: we will sunset the legacy billing API on March 1st and migrate all "
               "enterprise customers to the new usage-based plan before the public announcement."),
    ("chat-99", "The reorg moves the Osaka support team under the Tokyo office starting in April."),
    ("wiki-kite", "# カイト 量産計画\n\n工場：委託先（契約は法務部で管理）\n\n- EVT：5月\n"
                  "- DVT：7月（重量が目標の180gを超過。現在195g）\n- PVT：9月\n- 出荷：11月中旬\n\n"
                  "初回生産は8,000台。原価は1台あたり約9,400円。"),
    ("wiki-ramp", "## Kite ramp plan\n\nFactory: contract manufacturer (terms with legal)\n\n"
                  "- EVT: May\n- DVT: July (weight over the 180 g target; now 195 g)\n"
                  "- PVT: September\n- Ship: mid-November\n\nFirst build is 8,000 units."),
]


@pytest.fixture(scope="module")
def index():
    return InternalIndex.from_documents(DOCS)


@pytest.fixture(scope="module")
def leak_scanner(index):
    return default_policy().compile(internal_index=index)


LEAKS = [
    ("来週の値上げは全社で15%、発表は月曜の朝に行う予定らしいよ", "chat-42"),
    ("来週の値上げは全社で１５％、発表は月曜の朝に行う予定です。", "chat-42"),  # full width
    ("lol our Q3 roadmap: we will sunset the legacy billing API on March 1st and migrate "
     "all enterprise customers to the new plan", "wiki-7"),
    ("Q3 ROADMAP: We will sunset the legacy billing  API on March 1st and migrate all "
     "enterprise customers", "wiki-7"),  # case and spacing changed
    ("Heard that the reorg moves the Osaka support team under the Tokyo office starting in "
     "April, wow", "chat-99"),
    # a wiki list copied into one sentence: list marks and line breaks gone, words edited
    ("DVT：7月（重量が目標の180gを超過。現在195g）、出荷：11月中旬、初回生産は8,000台らしい",
     "wiki-kite"),
    ("Kite ramp: DVT in July (weight is over the 180 g target, now 195 g), ship "
     "mid-November. first build is 8,000 units.", "wiki-ramp"),
]

NOT_LEAKS = [
    "来週から値上げするお店が多いみたい",
    "Our public roadmap is on the website; the billing API docs are there too.",
    "The Osaka office has great ramen nearby",
    "カイトの出荷は秋ごろらしい、重さがちょっと気になる",  # the same topic in one's own words
    "the Kite ships in November I think, hope it's light and the build is big",
    "",
    "短い",
]


@pytest.mark.parametrize(("post", "doc_id"), LEAKS)
def test_it_finds_a_near_copy_and_names_the_document(leak_scanner, post, doc_id):
    findings = [f for f in leak_scanner.scan(post).findings if f.rule == "L101"]
    assert [f.detail for f in findings] == [doc_id]
    f = findings[0]
    assert post[f.start:f.end] == f.text and len(f.text) > 20
    assert doc_id in f.evidence


@pytest.mark.parametrize("post", NOT_LEAKS)
def test_it_ignores_posts_that_share_only_words(leak_scanner, post):
    assert "L101" not in {f.rule for f in leak_scanner.scan(post).findings}


def test_without_registered_documents_there_is_no_leak_finding():
    scanner = default_policy().compile()
    assert not [f for f in scanner.scan(LEAKS[0][0]).findings if f.rule == "L101"]


def test_boilerplate_shared_by_many_documents_is_not_evidence():
    boiler = "よろしくお願いいたします。ご確認のほどお願い申し上げます。"
    docs = [(f"d{i}", f"案件{i}について連絡します。{boiler}") for i in range(300)]
    index = InternalIndex.from_documents(docs)
    assert index.query(Text(boiler)) == []


def test_the_index_refuses_documents_after_freezing(index):
    with pytest.raises(RuntimeError):
        index.add("late", "too late")


def test_a_copy_inside_a_post_longer_than_any_document_is_found(index):
    filler = "今日はいい天気ですね。散歩に行ってきました。" * 60  # ~1,300 characters
    post = filler + DOCS[1][1] + filler
    matches = index.query(Text(post))
    assert [m.doc_id for m in matches] == ["wiki-7"]
    m = matches[0]
    assert Text(post).wide[m.start:m.end].startswith("Q3 roadmap")


def test_a_post_sharing_a_few_phrases_with_many_documents_is_not_a_leak():
    docs = [(f"m{i}", f"議事録{i}: 予算の件は来週また話しましょう。担当は{i}班、締め切りは月末です。")
            for i in range(200)]
    docs.append(("plan", "予算の件は来週また話しましょう。新しい物流センターは千葉に作る方向で調整中です。"))
    index = InternalIndex.from_documents(docs)
    assert index.query(Text("予算の件は来週また話しましょう、と言われた")) == []
    leak = "予算の件は来週また話しましょう。新しい物流センターは千葉に作る方向で調整中"
    assert [m.doc_id for m in index.query(Text(leak))] == ["plan"]


def test_fingerprint_keys_do_not_depend_on_where_a_shingle_stands():
    import numpy as np

    from koe.engine.leak import _kernel, _shingle_keys

    def keys(s):
        return _shingle_keys(np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32),
                             _kernel(8)).tolist()

    assert keys("abcdefgh") == keys("xyzabcdefgh")[3:]
    assert keys("あいうえおかきく") == keys("12345あいうえおかきく")[5:]
    assert len(set(keys("abcdefghijklmnopqrstuvwxyz"))) == 19
