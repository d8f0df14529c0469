"""The compiled scanner: verdicts per account kind, spans in the original text, robustness."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koe.engine import UsageError, parse_policy
from koe.engine.detectors.base import DETECTORS, Detector, Hit, Term

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


class ContextProbe(Detector):
    """Wakes on its ``wake`` words; reports which of its ``context`` words it was given."""

    name = "context_probe"

    def terms(self):
        return ([Term(w, tag="wake") for w in self.params["wake"]]
                + [Term(w, tag="context", trigger=False) for w in self.params["context"]])

    def find(self, text, patterns, terms):
        words = self.terms()
        given = sorted(words[m.key].text for m in terms if words[m.key].tag == "context")
        yield Hit(0, 1, evidence=",".join(given) or "-")


def _probe_rule(code, wake, context):
    return f"""
  {code}:
    name: probe-{code.lower()}
    category: confidential
    severity: minor
    detector: context_probe
    params: {{wake: {wake}, context: {context}}}
    message: {{en: "m", ja: "m"}}
    suggestion: {{en: "s", ja: "s"}}
"""


def test_rules_that_wake_together_get_only_their_own_context_words(monkeypatch):
    monkeypatch.setitem(DETECTORS, "context_probe", f"{__name__}:ContextProbe")
    policy = parse_policy(
        "rules:" + _probe_rule("X101", '["alpha"]', '["red", "blue"]')
        + _probe_rule("X102", '["alpha"]', '["blue", "green"]')  # wakes with X101
        + _probe_rule("X103", '["omega"]', '["red", "green"]')
        + "verdicts:\n" + "".join(f"  {a}: {{minor: advise, major: block}}\n"
                                   for a in ("personal", "brand", "direct", "internal")))
    scanner = policy.compile()
    evidence = {f.rule: f.evidence for f in scanner.scan("alpha red blue green").findings}
    assert evidence == {"X101": "blue,red", "X102": "blue,green"}
    evidence = {f.rule: f.evidence for f in scanner.scan("omega and alpha, red only").findings}
    assert evidence == {"X101": "red", "X102": "-", "X103": "red"}
    assert scanner.scan("red blue green, nothing wakes").findings == []


@pytest.mark.parametrize(("text", "wakes"), [
    ("idiot.", True),  # nothing dropped inside the term
    ("i d i o t", True),  # spelled across spaces
    ("i. diot", False),  # across the end of a sentence
    ("i\ndiot", False),  # across a line break
    ("kidiot", False),  # inside a longer word
])
def test_a_latin_term_keeps_its_word_boundaries_and_stays_in_its_sentence(monkeypatch, text, wakes):
    monkeypatch.setitem(DETECTORS, "context_probe", f"{__name__}:ContextProbe")
    policy = parse_policy(
        "rules:" + _probe_rule("X101", '["idiot"]', '[]')
        + "verdicts:\n" + "".join(f"  {a}: {{minor: advise, major: block}}\n"
                                  for a in ("personal", "brand", "direct", "internal")))
    assert bool(policy.compile().scan(text).findings) is wakes


@pytest.mark.parametrize(("term", "text", "span"), [
    ("ビューティー", "さくらビューティーの新作", "ビューティー"),  # compact matched ビューティ
    ("ビューティー", "さくらビューティー〜！", "ビューティー〜"),  # a wave after it, also dropped
    ("ビューティー", "ﾋﾞｭｰﾃｨｰ最高", "ﾋﾞｭｰﾃｨｰ"),  # half-width, mapped back to what was typed
    ("ビューティ", "さくらビューティーの新作", "ビューティ"),  # the policy's own spelling
])
def test_a_term_that_ends_in_a_long_vowel_mark_keeps_it_in_its_span(term, text, span):
    policy = parse_policy(f"""\
rules:
  X201:
    name: watch-word
    category: confidential
    severity: minor
    detector: lexicon
    params: {{terms: ["{term}"]}}
    message: {{en: "m", ja: "m"}}
    suggestion: {{en: "s", ja: "s"}}
verdicts:
""" + "".join(f"  {a}: {{minor: advise, major: block}}\n"
              for a in ("personal", "brand", "direct", "internal")))
    assert [f.text for f in policy.compile().scan(text).findings] == [span]
