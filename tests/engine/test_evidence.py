"""Evidence strings in Japanese: each detector's English shape becomes a Japanese sentence.

The table tests pin the wording of representative shapes; the coverage test scans the two
holdout sets and synthetic posts, and fails when the Japanese of any finding's evidence still
has English words outside 「」 (the quoted parts are the post's or the policy's own words),
listing the shapes no entry covers.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from koe.engine import InternalIndex, load_policy
from koe.engine.leak import read_documents
from koe.engine.report import localize_evidence, split_quoted

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


@pytest.mark.parametrize(("evidence", "ja"), [
    ("secrecy cue 'ここだけの話', work word '会社'", "内緒の前置き「ここだけの話」、仕事の話題「会社」"),
    ("phone number valid in JP, context word '電話'", "日本で有効な電話番号、文脈語「電話」"),
    ("phone number valid in US", "米国で有効な電話番号"),
    ("phone number valid in BR", "ブラジルで有効な電話番号"),
    ("phone number valid in JP (possible)", "日本の電話番号としてあり得る番号"),
    ("Visa number, 16 digits, valid Luhn check", "Visa の番号（16桁、Luhn チェック一致）"),
    ("Discover, UnionPay or Maestro number, 16 digits, valid Luhn check, context word 'card'",
     "Discover・UnionPay・Maestro のいずれかの番号（16桁、Luhn チェック一致）、文脈語「card」"),
    ("IBAN (DE), 22 characters, valid mod-97 check", "IBAN（ドイツ、22文字、チェックデジット一致）"),
    ("street address in 東京都港区 down to the block", "東京都港区の番地まで含む住所"),
    ("street address in Shibuya-ku down to the block", "「Shibuya-ku」の番地まで含む住所"),
    ("US-style street address, house number and street", "米国式の住所（番地と通り名）"),
    ("account-number shape, next to a routing number", "口座番号の形（ルーティング番号の近く）"),
    ("mentions 'Acme Cloud' with promotion 'the best' and no disclosure",
     "「Acme Cloud」への言及と宣伝の言葉「the best」があり、広告の表示がない"),
    ("disclosure '#PR' is buried among 8 hashtags", "広告の表示「#PR」が8個のハッシュタグに埋もれている"),
    ("85% of the post matches internal document 'wiki-004'", "投稿の85%が社内文書「wiki-004」と一致"),
    ("code name 'Falcon', context word 'demo'", "コードネーム「Falcon」、文脈語「demo」"),
    ("masked key", "一部を伏せたキー"),
    ("PEM private key block", "PEM の秘密鍵ブロック"),
    ("'password' followed by a 12-character value", "「password」の後に12文字の値"),
    ("Bearer credential in an authorization header", "認証ヘッダー内の「Bearer」認証情報"),
    ("model score 0.93 ≥ 0.80", "判定モデルのスコア 0.93（しきい値 0.80 以上）"),
    ("pattern 'threat to find someone (en)'", "パターン「居場所を突き止めるという脅し（英語）」"),
    ("pattern 'our own rule'", "パターン「our own rule」"),
    # apostrophes inside quoted words
    ("insult aimed at you: 'you're so' … 'stupid'", "相手に向けた侮辱「you're so」…「stupid」"),
    ("'can't lose' about 'savings'", "「savings」についての「can't lose」"),
    ("official-statement phrase 'Acme's official position'", "公式発言の表現「Acme's official position」"),
    ("secrecy cue 'don't tell anyone', work word 'Orion'",
     "内緒の前置き「don't tell anyone」、仕事の話題「Orion」"),
    ("our own rule: 'can't stop' … 'won't'", "「our own rule」：「can't stop」…「won't」"),
])
def test_evidence_in_japanese(evidence, ja):
    assert localize_evidence(evidence, "ja") == ja
    assert localize_evidence(evidence, "en") == evidence


def test_quoted_parts_keep_their_apostrophes():
    assert split_quoted("phrase 'you're so' … 'can't lose', context word 'it's'") == [
        (False, "phrase "), (True, "you're so"), (False, " … "), (True, "can't lose"),
        (False, ", context word "), (True, "it's")]
    # a shape nobody listed still gets its quotes right
    assert localize_evidence("novel cue 'don't', more 'x'", "ja") == "novelcue「don't」、more「x」"


# Names that stay in Latin letters in Japanese: card networks, formats, schemes.
_LATIN_NAMES = ("American Express", "Diners Club", "Visa", "Mastercard", "JCB", "Discover",
                "UnionPay", "Maestro", "Mir", "UATP", "Luhn", "IBAN", "SSN", "ITIN", "PEM",
                "SSH", "PuTTY")
_LATIN = re.compile("|".join(sorted(_LATIN_NAMES, key=len, reverse=True)))


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _scanner(folder: Path, policy: str):
    index = InternalIndex.from_documents(read_documents(str(folder / "internal.jsonl")))
    return load_policy(str(folder / policy)).compile(internal_index=index)


def test_every_evidence_shape_has_japanese():
    sys.path.insert(0, str(BENCH))
    try:
        import corpus
    finally:
        sys.path.remove(str(BENCH))
    acme = _scanner(BENCH / "holdout", "acme.yaml")
    sets = [(acme, [(r["text"], r["account"]) for r in _rows(BENCH / "holdout" / "rows.jsonl")]),
            (_scanner(BENCH / "holdout2", "org.yaml"),
             [(r["text"], r["account"]) for r in _rows(BENCH / "holdout2" / "rows.jsonl")]),
            (acme, [(p["text"], "personal") for p in corpus.generate_posts(3000, docs=50)])]
    findings = 0
    uncovered: Counter[tuple[str, str]] = Counter()
    for scanner, texts in sets:
        for text, account in texts:
            for f in scanner.scan(text, account=account).findings:
                findings += 1
                outside = re.sub(r"「[^」]*」", "", localize_evidence(f.evidence, "ja"))
                if re.search(r"[A-Za-z]{2,}", _LATIN.sub("", outside)):
                    shape = "".join("'…'" if quoted else part
                                    for quoted, part in split_quoted(f.evidence))
                    uncovered[(f.rule, shape)] += 1
    assert findings > 1000  # the sets still exercise every detector
    assert not uncovered, "evidence with English left in Japanese:\n" + "\n".join(
        f"{n:5} {rule} {shape}" for (rule, shape), n in uncovered.most_common())


def _named_entries(node):
    """The patterns and word pairs of a policy file: mappings with a name and a regex or words."""
    if isinstance(node, dict):
        if isinstance(node.get("name"), str) and ("regex" in node or "first" in node):
            yield node["name"]
        for value in node.values():
            yield from _named_entries(value)
    elif isinstance(node, list):
        for value in node:
            yield from _named_entries(value)


def test_default_pattern_and_pair_names_have_japanese():
    import yaml

    names = set()
    for path in sorted((ROOT / "src" / "koe" / "engine" / "defaults").glob("*.yaml")):
        names.update(_named_entries(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert len(names) > 10
    missing = sorted(n for n in names if localize_evidence(f"pattern '{n}'", "ja") == f"パターン「{n}」")
    assert not missing, f"default pattern names with no Japanese in report._NAMES_JA: {missing}"
