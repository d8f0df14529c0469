"""Patterns Hyperscan finds by an anchor and re confirms (detectors/anchors.py)."""

import pytest

from koe.engine import load_policy
from koe.engine.detectors.anchors import Anchors, read_anchors
from koe.engine.detectors.base import Match, ParamError, Pattern

FULL = Pattern(r"abc[^.]{0,20}def", "shape")
CONTEXT = Pattern(r"gh[^.]{0,5}ij", "context", trigger=False)


def test_anchor_goes_to_hyperscan_and_the_full_pattern_gives_the_spans():
    anchors = Anchors([FULL, CONTEXT], {0: "def", 1: "ij"})
    assert [p.regex for p in anchors.patterns] == ["def", "ij"]
    wide = "abc and def. abcdef"
    got = anchors.verify(wide, [Match(0, 8, 11), Match(0, 16, 19)], [])
    assert got == [Match(0, 0, 11), Match(0, 13, 19)]


def test_an_anchor_alone_does_not_wake_the_rule():
    anchors = Anchors([FULL, CONTEXT], {0: "def", 1: "ij"})
    assert anchors.verify("only def here", [Match(0, 5, 8)], []) is None
    # a trigger term woke it as well: the rule runs, without the unconfirmed pattern
    assert anchors.verify("only def here", [Match(0, 5, 8)], [Match(3, 0, 4)], {3}) == []
    # a context pattern's anchor never decides whether the rule woke
    assert Anchors([CONTEXT], {0: "ij"}).verify("no ij", [Match(0, 3, 5)], []) == []


def test_read_anchors_checks_the_value():
    assert read_anchors([{"regex": "a.{0,9}b", "anchor": "b"}, "c"]) == {0: "b"}
    with pytest.raises(ParamError):
        read_anchors([{"regex": "a.{0,9}b", "anchor": 3}])


@pytest.mark.parametrize("text, found", [
    ("お前の住所をネットに貼るからな", True),
    ("顔写真晒すぞ", True),
    ("恥を晒した一日だった", False),
    ("ネットに上げた写真が好評", False),
    ("Women should just shut up and cook", True),
    ("The lid shut and clicked", False),
    ("ご連絡先：東京都千代田区丸の内1-2-3", True),
    ("東京都の天気は晴れ", False),
])
def test_anchored_default_rules_keep_their_findings(text, found):
    scanner = load_policy().compile()
    codes = {f.rule for f in scanner.scan(text, account="personal", lang="ja").findings}
    assert bool(codes & {"H102", "H103", "P109"}) == found, codes
