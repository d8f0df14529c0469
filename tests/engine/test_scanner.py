"""The compiled scanner: verdicts per account kind, spans in the original text, robustness."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koe.engine import UsageError, parse_policy

from .conftest import ACME_POLICY


def test_the_verdict_follows_the_account_kind(acme):
    major = "Between you and me, our company is announcing layoffs next week."
    verdicts = {a: acme.scan(major, account=a).verdict for a in ("personal", "brand", "direct")}
    assert verdicts == {"personal": "review", "brand": "block", "direct": "block"}
    assert acme.scan("今日はいい天気", account="brand").verdict == "ok"


def test_an_organization_can_change_verdicts():
    scanner = parse_policy(ACME_POLICY + "verdicts:\n  personal: {minor: ok, major: block}\n").compile()
    report = scanner.scan("Between you and me, our company is announcing layoffs next week.")
    assert report.verdict == "block"


def test_messages_come_in_the_readers_language(acme):
    text = "On behalf of Acme, I can confirm we will not raise prices."
    en = acme.scan(text, lang="en").findings[0]
    ja = acme.scan(text, lang="ja").findings[0]
    assert en.rule == ja.rule == "O101"
    assert en.message.isascii() and not ja.message.isascii()
    assert ja.suggestion and en.suggestion


def test_spans_index_the_text_as_written_even_after_normalization(acme):
    text = "ｺｺﾀﾞｹﾉ話ですが、うちの会社が来月リストラします"
    finding = next(f for f in acme.scan(text).findings if f.rule == "C103")
    assert text[finding.start:finding.end] == finding.text == "ｺｺﾀﾞｹﾉ話"


def test_each_finding_explains_itself(acme):
    f = acme.scan("決算発表前だけど、今期は増収です").findings[0]
    assert "決算発表前" in f.evidence and "だけど" in f.evidence


def test_it_rejects_an_unknown_account_kind(acme):
    with pytest.raises(UsageError, match="unknown account kind 'tiktok'"):
        acme.scan("hello", account="tiktok")


def test_scanning_does_not_compile_anything(acme, monkeypatch):
    import ahocorasick
    import hyperscan

    def boom(*a, **k):
        raise AssertionError("compiled during a scan")

    monkeypatch.setattr(hyperscan, "Database", boom)
    monkeypatch.setattr(ahocorasick, "Automaton", boom)
    assert acme.scan("On behalf of Acme, hello").findings


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.sampled_from(["personal", "brand", "direct", "internal"]))
def test_no_unicode_input_crashes_and_every_span_is_in_the_original(acme, text, account):
    report = acme.scan(text, account=account)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start:f.end] == f.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Acme Cloud", "おすすめ", "ここだけの話", "会社", "#PR", " ",
                                 "ﾊﾟｽﾜｰﾄﾞ", "元本保証", "ﾌｧﾙｺﾝ", "\u3099", "😀", "𝐀", "\ud800",
                                 "guaranteed returns", "on behalf of Acme", "\n", "ｱｸﾒ"]),
                max_size=30))
def test_spans_hold_for_posts_built_from_trigger_words(acme, parts):
    text = "".join(parts)
    for f in acme.scan(text).findings:
        assert text[f.start:f.end] == f.text
