"""Search terms of a text: character bigrams of Japanese (and other CJK) runs, words of Latin
text. Pure Python; the selectors match a query's terms against the stored ones.

>>> sorted(terms("ステマ投稿 Stealth marketing!"))
['marketing', 'stealth', 'ステ', 'テマ', 'マ投', '投稿']
"""

from __future__ import annotations

import re
import unicodedata

MAX_TERM = 40
# Hiragana, katakana (incl. the long-vowel mark), CJK ideographs and their extensions.
_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """NFKC (full-width Latin and half-width kana become ordinary) and lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def terms(text: str) -> set[str]:
    """The set of search terms of ``text`` (bigrams of CJK runs; a lone CJK character as is)."""
    text = normalize(text)
    out: set[str] = set()
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            out.add(run)
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    latin = _CJK_RUN.sub(" ", text)
    for word in _WORD.findall(latin):
        out.add(word[:MAX_TERM])
    return out
