"""C101/C103: code names and confidentiality words, judged by their everyday uses."""

import pytest

from .conftest import rules_found, spans

CODE_NAME_EVERYDAY = [
    "ファルコンズ負けた…今年もプレーオフ厳しい",
    "ミレニアムファルコン完成した",
    "ハヤブサって英語でファルコンって言うんだね",
    "ファルコン（ハヤブサ）を撮影できた📷 河川敷にて",
    "Falcon is the name of a web framework in Python, for anyone confused",
]

CODE_NAME_LEAKS = [
    ("ファルコンチームで深夜まで作業", "ファルコン"),
    ("社内のファルコンダッシュボード見たらクエリが速くなってた", "ファルコン"),
    ("アクメファルコンのデモ見た", "ファルコン"),
    # an everyday word in another sentence does not hide it
    ("Falcon beta ships next week. Saw a hawk on the way to the office btw", "Falcon"),
    ("ハヤブサの撮影に行った。ファルコンのリリースは来月", "ファルコン"),
]

CUES_FLAGGED = [
    ("confidential, but Acme Cloud prices go up 12% in May", "confidential"),
    ("極秘プロジェクトに配属された。何やってるかは言えないけど", "極秘"),
    ("don't tell anyone but we're sunsetting the desktop app", "don't tell anyone"),
    ("内緒だけど、うちの本部が来期に別の本部と統合されるっぽい", "内緒だけど"),
    ("「社内限定」って書いてある資料、一部だけ紹介するね", "社内限定"),
    ("pre-announcement: Acme Cloud Pro goes to $10/seat in July, you heard it here first",
     "you heard it here first"),
    ("発表前の新機能、アクメクラウドにAI要約が入るよ。まだ秘密ね", "まだ秘密"),
]

CUES_CLEAN = [
    "ドラマの「極秘任務」回、めっちゃ面白かった",
    "The new Top Secret episode was great",
    "my doctor keeps everything confidential, thankfully",
    "don't tell anyone but I'm throwing a surprise party for my sister",
    "ケーキは内緒で買っておいた。まだ秘密ね",
    "unreleased demo tapes from the band leaked, and they're incredible",
    "社外秘や社内限定の資料はSNSに投稿しないでください",
]


@pytest.mark.parametrize("text", CODE_NAME_EVERYDAY)
def test_a_code_name_in_its_everyday_sense_is_not_a_leak(acme, text):
    assert spans(acme, text, "C101") == []


@pytest.mark.parametrize(("text", "span"), CODE_NAME_LEAKS)
def test_a_code_name_for_the_project_is_flagged(acme, text, span):
    assert spans(acme, text, "C101") == [span]


@pytest.mark.parametrize(("text", "span"), CUES_FLAGGED)
def test_a_confidentiality_cue_in_context_is_flagged(acme, text, span):
    assert span in spans(acme, text, "C103")


@pytest.mark.parametrize("text", CUES_CLEAN)
def test_an_ordinary_use_is_not_flagged(acme, text):
    assert "C103" not in rules_found(acme, text)
