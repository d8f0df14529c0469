"""The interface every detector implements, and the table that finds them by name.

A detector is built once per compiled policy from one rule's ``params``. It declares what it
wants the scanner to look for, and the scanner looks for all of it at once:

- ``patterns()``: regular expressions in Hyperscan syntax, matched on ``Text.wide`` (NFKC,
  case kept). Every pattern of every rule goes into one Hyperscan database, so a post is
  scanned once however many rules there are. Hyperscan cannot backtrack, so no pattern can
  hang the scanner.
- ``terms()``: literal words and phrases, matched on ``Text.compact`` (folded, spaces and
  separators dropped) by one Aho-Corasick automaton shared by every rule.

For each post, ``find()`` gets the hits of its own patterns and terms, already in ``wide``
coordinates, and decides what they mean: a checksum, a context word nearby, a disclosure that
is missing. A detector is called only when one of its *trigger* patterns or terms hit; context
words, exclusions and the like are declared with ``trigger=False``: they are passed along
when the detector runs but never wake it up (most posts contain "but" or 会社, few contain a
card number). Detectors that must look at every post (``always = True``) are always called.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..text import Text

__all__ = [
    "DETECTORS",
    "Context",
    "Detector",
    "Hit",
    "Match",
    "ParamError",
    "Pattern",
    "Term",
    "detector_class",
    "near",
]


class ParamError(ValueError):
    """A detector parameter is wrong. ``key`` names it, so the policy loader can say where."""

    def __init__(self, key: str | None, message: str, fix: str | None = None):
        super().__init__(message)
        self.key = key
        self.message = message
        self.fix = fix


@dataclass(frozen=True, slots=True)
class Pattern:
    """A regular expression for Hyperscan. ``name`` says which one matched in an explanation."""

    regex: str
    name: str
    caseless: bool = False
    trigger: bool = True


@dataclass(frozen=True, slots=True)
class Term:
    """A literal for the automaton. ``tag`` groups terms by meaning (``context``, ``cue`` …).

    ``word`` asks for word boundaries when the term starts or ends with a Latin letter or
    digit, so ``ass`` does not match inside ``class``.
    """

    text: str
    tag: str = "term"
    word: bool = True
    trigger: bool = True


@dataclass(frozen=True, slots=True)
class Match:
    """One hit of a pattern or term, as a span of ``Text.wide``. ``key`` indexes the list."""

    key: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Hit:
    """What a detector reports: a span of ``Text.wide`` and why it is a finding."""

    start: int
    end: int
    evidence: str
    severity: str | None = None  # overrides the rule's severity (e.g. a harassment class)
    detail: str | None = None  # e.g. the internal document a leak came from


@dataclass(frozen=True)
class Organization:
    """Facts about the organization that detectors use."""

    names: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    codenames: tuple[str, ...] = ()
    internal_domains: tuple[str, ...] = ()
    spokespeople: tuple[str, ...] = ()


@dataclass
class Context:
    """What a detector may use when it is built: the organization and registered documents."""

    organization: Organization = field(default_factory=Organization)
    internal_index: Any = None  # koe.engine.leak.InternalIndex, when documents are registered


class Detector:
    """Base class. Subclasses set ``name`` and override what they need."""

    name: ClassVar[str] = ""
    always: ClassVar[bool] = False
    # Koe's own detectors ship tested patterns; the generic `regex` detector runs what an
    # organization wrote, which must never reach a backtracking engine (see patterns.py).
    trusted_patterns: ClassVar[bool] = True

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        self.params = params
        self.context = context

    def runs_on_every_post(self) -> bool:
        """``always``, unless the detector knows it has nothing to look at (no documents)."""
        return self.always

    def patterns(self) -> Sequence[Pattern]:
        return ()

    def terms(self) -> Sequence[Term]:
        return ()

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        raise NotImplementedError

    # Helpers for parameter checking, so every detector says the same thing the same way.
    def param_list(self, key: str, *, required: bool = False) -> list[str]:
        value = self.params.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ParamError(key, f"'{key}' must be a list of strings",
                             f"write {key}: [\"first\", \"second\"]")
        if required and not value:
            raise ParamError(key, f"'{key}' must list at least one entry")
        return value

    def param_int(self, key: str, default: int, *, low: int = 0, high: int = 10_000) -> int:
        value = self.params.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ParamError(key, f"'{key}' must be a whole number from {low} to {high}")
        return value

    def param_float(self, key: str, default: float, *, low: float = 0.0,
                    high: float = 1.0) -> float:
        value = self.params.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise ParamError(key, f"'{key}' must be a number from {low} to {high}")
        return float(value)


def near(matches: Iterable[Match], start: int, end: int, radius: int) -> Match | None:
    """The first match that lies within ``radius`` characters of ``start:end``."""
    for m in matches:
        if m.end >= start - radius and m.start <= end + radius:
            return m
    return None


def read_patterns(raw: Any, key: str = "patterns") -> list[Pattern]:
    """A rule's list of extra regular expressions: strings, or ``{name, regex, caseless}``."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ParamError(key, f"'{key}' must be a list of regular expressions")
    out: list[Pattern] = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            out.append(Pattern(item, f"pattern {i + 1}"))
        elif isinstance(item, dict) and isinstance(item.get("regex"), str):
            out.append(Pattern(item["regex"], str(item.get("name", f"pattern {i + 1}")),
                               bool(item.get("caseless", False))))
        else:
            raise ParamError(key, f"pattern {i + 1} must be a string or "
                             "{name: ..., regex: ..., caseless: true|false}")
    return out


# Detector name → "module:Class". Modules are imported only when a policy uses them.
DETECTORS: dict[str, str] = {
    "lexicon": "koe.engine.detectors.lexicon:LexiconDetector",
    "regex": "koe.engine.detectors.lexicon:RegexDetector",
    "email": "koe.engine.detectors.pii:EmailDetector",
    "phone": "koe.engine.detectors.pii:PhoneDetector",
    "credit_card": "koe.engine.detectors.pii:CreditCardDetector",
    "iban": "koe.engine.detectors.pii:IbanDetector",
    "my_number": "koe.engine.detectors.pii:MyNumberDetector",
    "us_ssn": "koe.engine.detectors.pii:UsSsnDetector",
    "passport": "koe.engine.detectors.pii:PassportDetector",
    "bank_account": "koe.engine.detectors.pii:BankAccountDetector",
    "jp_address": "koe.engine.detectors.pii:JpAddressDetector",
    "service_token": "koe.engine.detectors.secrets:ServiceTokenDetector",
    "masked_token": "koe.engine.detectors.secrets:MaskedTokenDetector",
    "private_key": "koe.engine.detectors.secrets:PrivateKeyDetector",
    "password_prose": "koe.engine.detectors.secrets:PasswordProseDetector",
    "credential_assignment": "koe.engine.detectors.secrets:CredentialAssignmentDetector",
    "codename": "koe.engine.detectors.organization:CodenameDetector",
    "internal_domain": "koe.engine.detectors.organization:InternalDomainDetector",
    "confidential_cue": "koe.engine.detectors.organization:ConfidentialCueDetector",
    "disclosure": "koe.engine.detectors.disclosure:DisclosureDetector",
    "spokesperson": "koe.engine.detectors.spokesperson:SpokespersonDetector",
    "near_duplicate": "koe.engine.detectors.leak:NearDuplicateDetector",
    "harassment": "koe.engine.detectors.harassment:HarassmentDetector",
    "classifier": "koe.engine.detectors.harassment:ClassifierDetector",
    "claim": "koe.engine.detectors.claims:ClaimDetector",
}


def detector_class(name: str) -> type[Detector]:
    """Import and return the detector class registered as ``name``. KeyError if unknown."""
    module_name, _, class_name = DETECTORS[name].partition(":")
    return getattr(importlib.import_module(module_name), class_name)
