"""Normalized views and their maps back to the original text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koe.engine.text import Text, compact_term


@pytest.mark.parametrize(
    ("original", "wide", "compact"),
    [
        ("ＡＢＣ１２３", "ABC123", "abci2e"),  # leetspeak digits fold in compact only
        ("ﾊﾟｽﾜｰﾄﾞ", "パスワード", "ぱすわど"),
        ("p a s s w o r d", "p a s s w o r d", "password"),
        ("B.A.K.A", "B.A.K.A", "baka"),
        ("バ　カ", "バ カ", "ばか"),  # NFKC turns the ideographic space into a space
        ("㈱アクメ", "(株)アクメ", "株あくめ"),
        ("zero\u200bwidth", "zero\u200bwidth", "zerowidth"),
    ],
)
def test_it_builds_each_view(original, wide, compact):
    t = Text(original)
    assert t.wide == wide
    assert t.compact == compact


def test_it_maps_a_span_of_a_widened_text_back_to_the_original():
    original = "電話は㈱アクメ ０９０－１２３４－５６７８ まで"
    t = Text(original)
    start = t.wide.index("090")
    end = start + len("090-1234-5678")
    s, e = t.original_span(start, end)
    assert original[s:e] == "０９０－１２３４－５６７８"


def test_it_maps_a_compact_span_back_through_removed_spaces():
    t = Text("you are a n i d i o t ok")
    cs = t.compact.index("idiot")
    ws, we = t.compact_to_wide(cs, cs + 5)
    assert t.original[slice(*t.original_span(ws, we))] == "i d i o t"


def test_it_composes_decomposed_kana_and_keeps_the_span():
    original = "か\u3099んばる"  # が written as か + combining dakuten
    t = Text(original)
    assert t.wide.startswith("が")
    assert t.original_span(0, 1) == (0, 2)


def test_it_keeps_lone_surrogates_encodable():
    t = Text("a\ud800b")
    assert t.wide_bytes.decode("utf-8") == "a\ufffdb"


def test_compact_term_matches_the_post_folding():
    assert compact_term("ＢＡＫＡ") == Text("b a k a").compact


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_every_wide_span_maps_inside_the_original(s):
    t = Text(s)
    n = len(t.wide)
    for start in range(0, n + 1, max(1, n // 7 or 1)):
        for end in range(start, n + 1, max(1, n // 5 or 1)):
            a, b = t.original_span(start, end)
            assert 0 <= a <= b <= len(s)
    t.compact  # noqa: B018 - must not raise
    assert len(t.folded) == len(t.wide)


# Characters the views treat specially: full-width and half-width forms, leetspeak digits,
# katakana, separators, an astral letter, a combining mark and a lone surrogate.
_TRICKY = st.text(alphabet=st.sampled_from(list(
    "aZ09_ .,-'ＡｚＺ０９＠＄ｱｶﾞ1347@$アカ漢字。、！？\u3000\u200b") + ["𝐀", "😀", "\u3099", "\ud800"]),
    max_size=40)


@settings(max_examples=400, deadline=None)
@given(_TRICKY)
def test_word_boundaries_read_one_character_as_the_folded_view_does(s):
    t = Text(s)
    for pos in range(len(t.wide) + 1):
        before = pos > 0 and t.folded[pos - 1].isascii() and t.folded[pos - 1].isalnum()
        after = pos < len(t.wide) and t.folded[pos].isascii() and t.folded[pos].isalnum()
        assert t.is_word_start(pos) is not before
        assert t.is_word_end(pos) is not after


@pytest.mark.parametrize("post", ["今日は晴れ", "漢字とひらがなだけ", "plain ascii", "emoji 😀 here"])
def test_a_post_that_nfkc_leaves_alone_is_its_own_wide_view(post):
    t = Text(post)
    assert t.wide == post
    assert t.original_span(0, len(post)) == (0, len(post))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ＡＢｃ１２！？（）ｱｲｳｶｷ漢字かなabc 。")), max_size=40))
def test_the_wide_view_is_nfkc_where_nfkc_keeps_lengths(s):
    import unicodedata

    assert Text(s).wide == unicodedata.normalize("NFKC", s)
