"""Other people's personal data in a post: contact details, payment and ID numbers, addresses.

Hyperscan finds candidates on ``Text.wide`` (full-width digits and letters are already ASCII
there); each detector then checks the few candidates of a post in Python: a checksum (Luhn,
IBAN mod-97, the My Number check digit), a number plan (``phonenumbers``), issuing rules (SSN
areas and groups) and, for numbers that look like anything else, a context word nearby.

Every detector takes the same optional parameters, so an organization can extend the lists:

.. code-block:: yaml

    params:
      context: ["passport", "旅券"]      # words that make a number what it looks like
      radius: 40                         # how near a context word must be, in characters
      exclude: ["order no", "注文番号"]   # cues just before a number that make it something else
      exclude_radius: 20                 # (for addresses: cues anywhere within ``radius``)

Numbers inside URLs, numbers glued to letters or to longer numbers, and money amounts are
never findings.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

import phonenumbers

from ..text import Text
from .anchors import Anchors
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term, near

__all__ = [
    "IBAN_LENGTHS",
    "BankAccountDetector",
    "CreditCardDetector",
    "EmailDetector",
    "IbanDetector",
    "JpAddressDetector",
    "MyNumberDetector",
    "PassportDetector",
    "PhoneDetector",
    "UsSsnDetector",
    "aba_is_valid",
    "card_brand",
    "iban_is_valid",
    "luhn_is_valid",
    "my_number_is_valid",
    "ssn_kind",
]

CONTEXT, EXCLUDE = "context", "exclude"

# --------------------------------------------------------------------------- shared helpers

_ASCII_RUN = re.compile(r"[!-~]*")  # printable ASCII, no space
# Numeric patterns end with the character after the last digit (or the end of the post), so
# Hyperscan reports a run of digits once rather than at every digit; ``_end`` trims it off.
_STOP = r"(?:[^0-9]|\z)"
_URL_MARKS = ("://", "www.", "/", "=", "?", "&", "#")
_MONEY_BEFORE = frozenset("¥$€£₩￥")
_MONEY_AFTER = re.compile(r"\s?(?:円|万|億|千|ドル|ユーロ|yen|jpy|usd|dollars?|eur|euros?|%)",
                          re.IGNORECASE)


def _ascii_tail(wide: str, start: int) -> str:
    """The run of printable ASCII that ends at ``start`` (the URL a candidate may sit in)."""
    seg = wide[max(0, start - 256):start]
    return _ASCII_RUN.match(seg[::-1]).group()[::-1]  # type: ignore[union-attr]


def _in_url(wide: str, start: int) -> bool:
    """True when ``wide[start:]`` continues a URL, a path or a query string."""
    tail = _ascii_tail(wide, start).lower()
    return any(mark in tail for mark in _URL_MARKS)


def _end(wide: str, m: Match) -> int:
    """The end of a numeric pattern hit without the stop character."""
    end = m.end
    return end - 1 if end > m.start and not wide[end - 1].isdigit() else end


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _free_left(wide: str, start: int) -> bool:
    """The candidate does not continue a word, a longer number or a dotted/hyphenated code."""
    if start == 0:
        return True
    ch = wide[start - 1]
    if _is_word(ch) or ch in "@+":
        return False
    if start < 2:
        return True
    before = wide[start - 2]
    if ch == ".":  # 'TEL.03-…' is fine, '1.0312…' continues a number
        return not ("0" <= before <= "9")
    return not (ch in "-/" and _is_word(before))


def _free_right(wide: str, end: int) -> bool:
    """Nothing word-like or number-like goes on right after the candidate."""
    if end >= len(wide):
        return True
    ch = wide[end]
    if _is_word(ch) or ch == "@":
        return False
    return not (ch in "-./," and end + 1 < len(wide) and "0" <= wide[end + 1] <= "9")


def _is_money(wide: str, start: int, end: int) -> bool:
    if start > 0 and wide[start - 1] in _MONEY_BEFORE:
        return True
    return _MONEY_AFTER.match(wide, end) is not None


_IBAN_LIKE = re.compile(r"[A-Z]{2}[0-9]{2}(?:[ -]?[0-9A-Z]{4})+(?:[ -]?[0-9A-Z]{1,4})?")


def _inside_iban_like(wide: str, start: int, end: int) -> bool:
    """True when ``wide[start:end]`` is part of something written like an IBAN (valid or not)."""
    lo = max(0, start - 40)
    return any(m.start() < start and m.end() >= end
               for m in _IBAN_LIKE.finditer(wide, lo, min(len(wide), end + 8)))


def _merge(matches: Iterable[Match]) -> list[tuple[int, int]]:
    """Overlapping or touching pattern hits as sorted, disjoint regions."""
    spans = sorted((m.start, m.end) for m in matches)
    out: list[list[int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


_GROUP = re.compile(r"(\+)?(\()?([0-9]+)(\))?")
# Dashes people type between digits, in Japanese input too (ー, −); all count as '-'.
_DASHES = "ー−‐‑–—―"
_DASH_TABLE = str.maketrans({ch: "-" for ch in _DASHES})


class _Group:
    """One run of digits in a number written in groups: ``(03) 1234-5678`` has three."""

    __slots__ = ("close", "digits", "end", "open", "plus", "sep", "start")

    def __init__(self, m: re.Match[str], offset: int, sep: str) -> None:
        self.start = m.start() + offset
        self.end = m.end() + offset
        self.plus = m.group(1) is not None
        self.open = m.group(2) is not None
        self.digits = m.group(3)
        self.close = m.group(4) is not None
        self.sep = sep  # what stands between the previous group and this one


_NON_DIGITS = re.compile(r"[^0-9]+")


def _chunks(wide: str, start: int, end: int, seps: frozenset[str],
            low: int) -> list[list[_Group]]:
    """Split ``wide[start:end]`` into chains of digit groups joined by one separator each.

    Regions with fewer than ``low`` digits in all give no chains.
    """
    region = wide[start:end]
    if len(_NON_DIGITS.sub("", region)) < low:
        return []
    chunks: list[list[_Group]] = []
    current: list[_Group] = []
    prev_end = None
    for m in _GROUP.finditer(region):
        sep = "" if prev_end is None else region[prev_end:m.start()].translate(_DASH_TABLE)
        g = _Group(m, start, sep)
        joined = current and (sep in seps or (sep == "" and (current[-1].close or g.open)))
        if joined and not g.plus:
            current.append(g)
        else:
            if current:
                chunks.append(current)
            g.sep = ""
            current = [g]
        prev_end = m.end()
    if current:
        chunks.append(current)
    return chunks


def _cut_ok(chunk: list[_Group], i: int, j: int) -> bool:
    """A number may be cut out of a longer chain only where the separator changes.

    ``090-1234-5678 2F`` holds a phone number, but ``DK50 0040 0440 1162 44`` does not hold
    ``0440 1162 44``: the same separator runs on, so the groups belong together.
    """
    inner = {g.sep for g in chunk[i + 1:j + 1]}
    if i > 0 and chunk[i].sep in inner | {"-", "."}:
        return False
    return not (j + 1 < len(chunk) and chunk[j + 1].sep in inner | {"-", "."})


def _greedy(chunk: list[_Group], low: int, high: int,
            check: Callable[[list[_Group], int, int], Hit | None]) -> Iterator[Hit]:
    """Cut numbers of ``low`` to ``high`` digits out of a chain, longest first, left to right."""
    counts = [0]
    for g in chunk:
        counts.append(counts[-1] + len(g.digits))
    n, i = len(chunk), 0
    while i < n and counts[n] - counts[i] >= low:
        found = None
        longest = bisect_right(counts, counts[i] + high) - 2  # last j within ``high`` digits
        for j in range(min(longest, n - 1), i - 1, -1):
            if counts[j + 1] - counts[i] < low:
                break
            if _cut_ok(chunk, i, j):
                found = check(chunk, i, j)
                if found is not None:
                    yield found
                    i = j + 1
                    break
        if found is None:
            i += 1


# --------------------------------------------------------------------------- base class


class _PiiDetector(Detector):
    """Common parameters: context words, exclusion cues, radii; and the term bookkeeping."""

    PARAMS: ClassVar[tuple[str, ...]] = ()  # detector-specific parameter names
    RADIUS: ClassVar[int] = 40
    # Detectors that need a context word wake up on the word (rare: パスポート, 口座) rather
    # than on the number (common: dates, counts, IDs); the others wake up on the number.
    CONTEXT_WAKES: ClassVar[bool] = False

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        known = {"context", "radius", "exclude", "exclude_radius", *self.PARAMS}
        for key in params:
            if key not in known:
                raise ParamError(key, f"unknown parameter '{key}' for detector '{self.name}'",
                                 "use: " + ", ".join(sorted(known)))
        self.context_words = self.param_list("context")
        self.exclude_words = self.param_list("exclude")
        self.radius = self.param_int("radius", self.RADIUS, high=1000)
        self.exclude_radius = self.param_int("exclude_radius", 20, high=1000)

    def terms(self) -> Sequence[Term]:
        return ([Term(w, CONTEXT, trigger=self.CONTEXT_WAKES) for w in self.context_words]
                + [Term(w, EXCLUDE, trigger=False) for w in self.exclude_words])

    def split_terms(self, terms: list[Match]) -> tuple[list[Match], list[Match]]:
        n = len(self.context_words)
        return [m for m in terms if m.key < n], [m for m in terms if m.key >= n]

    def context_near(self, contexts: list[Match], start: int, end: int) -> str | None:
        found = near(contexts, start, end, self.radius)
        return None if found is None else self.context_words[found.key]

    def excluded(self, excludes: list[Match], start: int) -> bool:
        """True when a cue such as 'order no.' stands just before the candidate."""
        return any(start - self.exclude_radius <= m.end <= start for m in excludes)

    def why_context(self, word: str | None) -> str:
        return f", context word '{word}'" if word else ""


# --------------------------------------------------------------------------- e-mail

_EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59}))(?![A-Za-z0-9-])")


# "their email is", "his e-mail:", 「元カノのメアド」「田中さんのメールアドレスは」 just before.
_SOMEONES_ADDRESS = re.compile(
    r"(?:\b(?:his|her|their|my|whose)|'s)\s+(?:personal\s+|private\s+|home\s+|own\s+)?"
    r"(?:e-?mail|mail|address|contact)(?:\s+address)?\s*(?:is|was|[:=])?\s*$"
    r"|の(?:個人の?)?(?:メアド|メールアドレス|アドレス|メール)(?:は|を|が|[:：])?\s*$",
    re.IGNORECASE)

_LOCAL_CHARS = frozenset(string.ascii_letters + string.digits + "._%+-")

# A local part that stands for any name: firstname.lastname, jane.doe.
_SAMPLE_LOCAL = re.compile(r"(?:first|last|given|family|sur)[._-]?name(?:[._-]?(?:first|last|given"
                           r"|family|sur)?[._-]?name)?|(?:john|jane)[._-]?doe")
# An address given as an example: e.g. jane.doe@…, 例：xxxx@…, for example …
_EXAMPLE_BEFORE = re.compile(r"(?:\be\.g\.?|\bfor example|\bfor instance|\bsuch as|\blike"
                             r"|例えば|たとえば|例)\s*[:：,、]?\s*$", re.IGNORECASE)
# The poster's own address: 私のメアド, 自分のアドレスは, 本人です.
_OWN_ADDRESS = re.compile(r"(?:私|わたし|僕|ぼく|自分|俺|本人)の(?:個人の?)?"
                          r"(?:メアド|メールアドレス|アドレス|メール|連絡先)(?:は|を|が|[:：])?\s*$")
_OWN_AFTER = re.compile(r"^[^。\n]{0,12}本人(?:です|だよ|のもの|の)")

# A local part that is filler, not a name: xxxx, aaa, hoge, fuga, piyo.
_FILLER_LOCAL = re.compile(r"([a-z])\1{2,}|hoge|fuga|piyo|hogehoge|foo|xyz|abc")

# A local part naming a role, not a person: support@, info@, shop.contact@, cafe-info@, press@.
_ROLE_LOCAL = re.compile(r"(?:^|[._-])(?:support|help|helpdesk|info|contact|sales|service"
                         r"|inquiry|inquiries|enquiry|enquiries|cs|customer|office|shop|store|booking"
                         r"|reservations?|orders?|press|media|pr|news|newsroom|ir|investors?"
                         r"|recruit|recruiting|careers?|jobs|hr|privacy|legal|compliance|marketing"
                         r"|partners?|feedback|webmaster|events?|team|hello|koho|kouhou|saiyo"
                         # mailboxes of a studio, a community or a clinic: bugs@, beta@, esports@
                         r"|bugs?|beta|qa|esports|community|creators?|fanart|security|abuse"
                         r"|reports?|submissions?|entry|entries|tournaments?|sponsors?"
                         r"|partnerships?|apply|applications|devs?|studio|mods?|moderators?"
                         r"|appeals|billing|payments?|accounts?|safety|tips|newsletter"
                         r"|reception|appointments?|clinic|pharmacy)"
                         r"(?:$|[._\-0-9])", re.IGNORECASE)


class EmailDetector(_PiiDetector):
    """E-mail addresses, except placeholders and addresses that are nobody's.

    An address at one of ``documentation_domains`` (``example.com`` and its subdomains) is a
    placeholder when its local part is one of ``placeholder_names`` (``user@example.com``,
    ``your.name@example.jp``); a name-like local part still counts, because sample data and
    screenshots use those domains to stand for real addresses. ``ignore_addresses`` and
    ``ignore_local_parts`` list addresses that belong to no person (``git@github.com``,
    ``noreply@…``).

    ``exclude`` cues (お問い合わせ, support) mark a published contact address. They do not
    hold for an address at one of ``personal_domains`` (free mail such as gmail.com, whose
    subdomains and country variants count too: no support desk answers from there), nor when
    the address is said to be someone's ("their email is …", 「元カノのメアド」).

    A local part that stands for any name (``firstname.lastname@``, ``jane.doe@``) is a sample
    at any domain, and so is an address given as an example (``e.g.``, ``例：``). The poster's
    own address (``私のメアドは…``, ``…（本人です）``) is not someone else's data.

    A local part naming a role rather than a person (``press@``, ``info@``, ``careers@``,
    ``shop.support@``) at a domain that is not free mail is an organization's published
    mailbox and is not a finding, cue or no cue, unless it is said to be someone's.
    """

    name = "email"
    PARAMS = ("documentation_domains", "placeholder_names", "ignore_addresses",
              "ignore_local_parts", "personal_domains")

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self.doc_domains = tuple(d.lower().lstrip(".")
                                 for d in self.param_list("documentation_domains"))
        self.placeholders = frozenset(a.lower() for a in self.param_list("placeholder_names"))
        self.ignore_addresses = frozenset(a.lower() for a in self.param_list("ignore_addresses"))
        self.ignore_local = frozenset(a.lower() for a in self.param_list("ignore_local_parts"))
        self.personal_domains = tuple(d.lower().strip(".")
                                      for d in self.param_list("personal_domains"))

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]+",
                        "e-mail address")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        _, excludes = self.split_terms(terms)
        seen = set()
        for m in patterns:
            first = m.start  # the scanner may start inside the local part (jane.«doe@…»)
            while first and wide[first - 1] in _LOCAL_CHARS:
                first -= 1
            found = _EMAIL.match(wide, first)
            if found is None or not _free_left(wide, first) or first in seen:
                continue
            seen.add(first)
            if first and wide[first - 1] in "*＊●○•":
                continue  # a****z@yahoo.co.jp: masked, only the last letters are shown
            start, end = found.span()
            domain = found.group(1).lower()
            tld = found.group(1).rsplit(".", 1)[1]
            if not (tld.islower() or tld.isupper()):
                continue  # "thanks@everyone.Great": a missing space, not an address
            if self._ignored(domain, found.group().lower()):
                continue
            tail = _ascii_tail(wide, start)
            if "://" in tail and "/" not in tail.split("://", 1)[1]:
                continue  # user info of a URL: a credential, not a contact detail
            if self.excluded(excludes, start) and not self._personal(wide, start, found):
                continue
            if self._role_address(wide, start, found):
                continue  # press@bank.example: an organization's published mailbox
            if _EXAMPLE_BEFORE.search(wide, max(0, start - 16), start):
                continue  # "e.g. jane.doe@uni.example": how addresses look, nobody's own
            if (_OWN_ADDRESS.search(wide, max(0, start - 20), start)
                    or _OWN_AFTER.match(wide[end:end + 20])
                    or "本人です" in wide[max(0, start - 30):start]):
                continue  # 私のメアドは…, …(本人です): the poster's own, not someone else's
            yield Hit(start, end, f"e-mail address at '{domain}'")

    def _personal(self, wide: str, start: int, found: re.Match[str]) -> bool:
        """An address that is someone's own, whatever support words stand nearby."""
        if _SOMEONES_ADDRESS.search(wide, max(0, start - 40), start):
            return True
        if _ROLE_LOCAL.search(found.group().split("@", 1)[0]):
            return False  # shop.support@gmail.com: a small business's published address
        return self._free_mail(found)

    def _role_address(self, wide: str, start: int, found: re.Match[str]) -> bool:
        """A role mailbox (press@, info@, careers@) at a domain that is not free mail."""
        if not _ROLE_LOCAL.search(found.group().split("@", 1)[0]) or self._free_mail(found):
            return False
        return not _SOMEONES_ADDRESS.search(wide, max(0, start - 40), start)

    def _free_mail(self, found: re.Match[str]) -> bool:
        """gmail.com, mail.yahoo.co.jp, yahoo.co.uk for yahoo: nobody's support desk."""
        domain = found.group(1).lower()
        labels = domain.split(".")
        return any(domain == d or domain.endswith("." + d) or labels[0] == d
                   or ("." not in d and d in labels[:-1]) for d in self.personal_domains)

    def _ignored(self, domain: str, address: str) -> bool:
        local = address.split("@", 1)[0]
        if address in self.ignore_addresses or local in self.ignore_local:
            return True
        if (_FILLER_LOCAL.fullmatch(local) or _SAMPLE_LOCAL.fullmatch(local)
                or local.startswith(("your", "my_", "my."))):
            return True  # xxxx@…, firstname.lastname@…, your_email@…: a sample, at any domain
        if local.rstrip("0123456789") not in self.placeholders:
            return False
        return any(domain == d or domain.endswith("." + d) for d in self.doc_domains)


# --------------------------------------------------------------------------- phone


# What every phone number this detector accepts has: a ``+``, a ``(`` or a trunk ``0`` where
# a number starts, or the US 3-3-4 shape. Without one of these (or a context word) a region
# of digits is a date, a version or a code.
_PHONE_HINT = re.compile(
    r"(?:^| )[+(0]|(?<![0-9])(?:1[ .-]?)?\(?[2-9][0-9]{2}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}(?![0-9])")


# A person a phone number belongs to, between a service cue and the number (see _someones).
_SOMEONE = re.compile(r"さん|様|さま|ちゃん|くん|氏|客|住民|市民|利用者|申請者|相談者|注文者|彼"
                      r"|\b(?:his|her|their|him|them|customer|client|resident|caller|guest"
                      r"|applicant|patient|mrs?|ms|miss)\b|[a-z]'s\b", re.IGNORECASE)


# How Japanese numbers are grouped: 03-1234-5678, 045-123-4567, 0467-12-3456, 01267-1-2345,
# 090-1234-5678, 0120-123-456.
_JP_GROUPS = frozenset({(2, 4, 4), (3, 3, 4), (4, 2, 4), (5, 1, 4), (3, 4, 4), (4, 3, 3)})


class PhoneDetector(_PiiDetector):
    """Phone numbers that are valid in their number plan.

    Numbers with a ``+`` country code are checked as they are. Others must look like a
    phone number (a trunk ``0`` as in Japan or the UK, or the US ``(415) 555-0132`` shape)
    and be valid in one of ``regions``; a bare run of digits also needs a context word,
    except an 11-digit Japanese mobile number (``09012345678``).
    """

    name = "phone"
    PARAMS = ("regions",)
    RADIUS = 30
    SEPS = frozenset({" ", "-", ".", " - "})

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        regions = self.param_list("regions") or ["JP", "US"]
        supported = phonenumbers.SUPPORTED_REGIONS
        for r in regions:
            if r.upper() not in supported:
                raise ParamError("regions", f"'{r}' is not a region phonenumbers knows",
                                 "use two-letter region codes such as JP, US, GB")
        self.regions = [r.upper() for r in regions]

    def patterns(self) -> Sequence[Pattern]:
        # Each starts where a phone number can start, so dates and versions do not wake the
        # detector; the character before the number is part of the match.
        return [Pattern(rf"(?:^|[^0-9])[+(0][0-9 ().{_DASHES}-]{{6,}}[0-9]" + _STOP, "phone number"),
                Pattern(r"(?:^|[^0-9])(?:1[ .-]?)?[2-9][0-9]{2}[ .-][0-9]{3}[ .-][0-9]{4}" + _STOP,
                        "US phone number"),
                Pattern(r"(?:^|[^0-9])[0-9]{9,15}" + _STOP, "run of digits")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        for start, end in _merge(patterns):
            if not ("0" <= wide[start] <= "9" or wide[start] in "+("):
                start += 1
            if end < len(wide) and wide[end] == ")":
                end += 1
            if not (_PHONE_HINT.search(wide[start:end]) or near(contexts, start, end, self.radius)):
                continue  # dates, versions, ISBNs: nothing here can pass, skip the work
            for chunk in _chunks(wide, start, end, self.SEPS, 8):
                yield from _greedy(chunk, 8, 15, lambda c, i, j: self._candidate(
                    wide, c[i:j + 1], contexts, excludes))

    def _candidate(self, wide: str, groups: list[_Group], contexts: list[Match],
                   excludes: list[Match]) -> Hit | None:
        first, last = groups[0], groups[-1]
        if first.open and not any(g.close for g in groups):
            return None
        start, end = first.start, last.end
        if last.open and not last.close:
            return None
        digits = "".join(g.digits for g in groups)
        if not (_free_left(wide, start) and _free_right(wide, end)) or _in_url(wide, start):
            return None
        if not self._separators_ok(groups):
            return None
        if self.excluded(excludes, start) and not self._someones(wide, excludes, start):
            return None
        if _inside_iban_like(wide, start, end):
            return None
        raw = wide[start:end]
        word = self.context_near(contexts, start, end)
        if first.plus:
            region = self._valid(raw, [None]) or self._jp_shaped(raw, groups)
        else:
            if len(digits) < 9 or tuple(len(g.digits) for g in groups) == (3, 2, 4):
                return None  # too short, or the shape of a US SSN
            if len(first.digits) < 2:
                return None  # 0.123456789: a decimal, no area code is one digit
            bare = len(groups) == 1
            if bare and not word and not re.fullmatch(r"0[789]0[0-9]{8}", digits):
                return None
            if digits[0] == "0":
                regions = self.regions
            elif self._us_shape(groups):
                regions = ["US"]
            elif word:
                regions = self.regions
            else:
                return None
            region = (self._valid(raw, regions) or self._jp_shaped(raw, groups)
                      or self._us_possible(raw, groups, word))
        if region is None:
            return None
        return Hit(start, end, f"phone number valid in {region}{self.why_context(word)}")

    def _someones(self, wide: str, excludes: list[Match], start: int) -> bool:
        """A person stands between the cue and the number: the number is theirs.

        ``問い合わせてきた住民の電話番号 090-…``, ``注文者の山本様 090-…``, ``support ticket from
        Mrs. Lee, her cell is …``: a service desk passing on a caller's number, not its own.
        """
        cue = max((m.end for m in excludes if start - self.exclude_radius <= m.end <= start),
                  default=start)
        return _SOMEONE.search(wide, cue, start) is not None

    @staticmethod
    def _separators_ok(groups: list[_Group]) -> bool:
        """Hyphens or dots and spaces mix only after ``)`` or after a ``+`` country code."""
        seps = [g.sep for g in groups[1:]]
        kinds = {s.strip() or " " for s in seps if s}
        if len(kinds) <= 1:
            return True
        for k, g in enumerate(groups[1:], start=1):
            if g.sep == " " and not (groups[k - 1].close or (k == 1 and groups[0].plus)):
                return False
        return True

    @staticmethod
    def _us_shape(groups: list[_Group]) -> bool:
        lens = tuple(len(g.digits) for g in groups)
        if lens[:1] == (1,) and groups[0].digits == "1":
            lens = lens[1:]
        return lens == (3, 3, 4)

    def _us_possible(self, raw: str, groups: list[_Group], word: str | None) -> str | None:
        """'US (possible)' for ``(890) 439-4716`` or ``her number: 890-439-4716``.

        Area codes are assigned over time and fiction uses unassigned ones, but a 3-3-4 number
        with the area code in parentheses, or with a context word, is written as a phone
        number: it counts when the North American plan allows it (area code and exchange
        start with 2-9).
        """
        if "US" not in self.regions or not self._us_shape(groups):
            return None
        area = groups[-3]
        if not ((area.open and area.close) or word):
            return None
        if area.digits[0] in "01" or groups[-2].digits[0] in "01" or area.digits[1:] == "11":
            return None
        try:
            number = phonenumbers.parse(raw, "US")
        except phonenumbers.NumberParseException:
            return None
        return "US (possible)" if phonenumbers.is_possible_number(number) else None

    @staticmethod
    def _jp_shaped(raw: str, groups: list[_Group]) -> str | None:
        """'JP (possible)' for a number of the right length written in Japan's usual groups.

        Number blocks are handed out over time, so a real number can be missing from the
        metadata; the way Japanese numbers are written (090-1234-5678, 03-1234-5678,
        0120-123-456, +81 90 1234 5678) is evidence enough when the length is right.
        """
        lens = [len(g.digits) for g in groups]
        if groups[0].plus:
            if groups[0].digits != "81" or len(lens) < 2:
                return None
            lens = lens[1:]
            lens[0] += 1  # the trunk 0 that +81 replaces
            national = "0" + "".join(g.digits for g in groups[1:])
        else:
            national = "".join(g.digits for g in groups)
        if national[0] != "0" or tuple(lens) not in _JP_GROUPS:
            return None
        try:
            number = phonenumbers.parse(raw, "JP")
        except phonenumbers.NumberParseException:
            return None
        return "JP (possible)" if phonenumbers.is_possible_number(number) else None

    @staticmethod
    def _valid(raw: str, regions: list[str | None]) -> str | None:
        for region in regions:
            try:
                number = phonenumbers.parse(raw, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return phonenumbers.region_code_for_number(number) or region or "?"
        return None


# --------------------------------------------------------------------------- card numbers

_LUHN_DOUBLE = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


def luhn_is_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment card numbers.

    >>> luhn_is_valid("4111111111111111"), luhn_is_valid("4111111111111112")
    (True, False)
    """
    total = 0
    for k, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        total += _LUHN_DOUBLE[d] if k % 2 else d
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card network a number's prefix and length fit, or None.

    >>> card_brand("371449635398431"), card_brand("4111111111111")
    ('American Express', None)
    """
    n = len(digits)
    p2, p3, p4 = int(digits[:2]), int(digits[:3]), int(digits[:4])
    if digits[0] == "4":  # 13-digit Visa numbers are long gone; 13-digit 49… is a JAN barcode
        return "Visa" if n in (16, 19) else None
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:
        return "Mastercard" if n == 16 else None
    if p2 in (34, 37):
        return "American Express" if n == 15 else None
    if p2 == 35:  # JCB issues 3528-3589; the rest of 35 is unassigned, not a reason to miss
        return "JCB" if 16 <= n <= 19 else None
    if 300 <= p3 <= 305 or p3 == 309 or p2 in (36, 38, 39):
        return "Diners Club" if 14 <= n <= 19 else None
    if 2200 <= p4 <= 2204:
        return "Mir" if 16 <= n <= 19 else None
    if digits[0] == "6":
        return "Discover, UnionPay or Maestro" if 16 <= n <= 19 else (
            "Maestro" if n >= 13 else None)
    if p2 == 50 or 56 <= p2 <= 58:
        return "Maestro" if 13 <= n <= 19 else None
    if digits[0] == "1":
        return "UATP" if n == 15 else None
    return None


class CreditCardDetector(_PiiDetector):
    """Payment card numbers: a known network prefix and length, and a valid Luhn check.

    Written plain or in the groups cards print (4-4-4-4, 4-6-5, 4-6-4), with spaces or hyphens.
    """

    name = "credit_card"
    SEPS = frozenset({" ", "-"})

    def patterns(self) -> Sequence[Pattern]:
        sep = f"[ {_DASHES}-]"
        return [Pattern(f"[0-9]{{4}}{sep}?[0-9]{{4}}{sep}?[0-9]{{4}}{sep}?[0-9]{{1,7}}" + _STOP,
                        "card number"),
                Pattern(f"[0-9]{{4}}{sep}[0-9]{{6}}{sep}[0-9]{{4,5}}" + _STOP, "card number (4-6-5)")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        for start, end in _merge(patterns):
            for chunk in _chunks(wide, start, end, self.SEPS, 13):
                yield from _greedy(chunk, 13, 19, lambda c, i, j: self._candidate(
                    wide, c[i:j + 1], contexts, excludes))

    def _candidate(self, wide: str, groups: list[_Group], contexts: list[Match],
                   excludes: list[Match]) -> Hit | None:
        # a card number may stand in parentheses as a whole: (5469 5688 6615 8701)
        first, last = groups[0], groups[-1]
        if any(g.plus for g in groups) or any(g.open for g in groups[1:]) or any(
                g.close for g in groups[:-1]):
            return None
        opened = first.open or (first.start > 0 and wide[first.start - 1] == "(")
        if opened != last.close:
            return None
        digits = "".join(g.digits for g in groups)
        lens = [len(g.digits) for g in groups]
        seps = {g.sep for g in groups[1:]}
        if len(seps) > 1:
            return None
        printed = (all(k == 4 for k in lens[:-1]) and 1 <= lens[-1] <= 4) or lens in (
            [4, 6, 5], [4, 6, 4])
        if len(lens) > 1 and not printed:
            return None
        start = first.start + 1 if first.open else first.start
        end = last.end - 1 if last.close else last.end
        if opened:  # what stands outside the parentheses
            if not (_free_left(wide, start - 1) and _free_right(wide, end + 1)):
                return None
        elif not (_free_left(wide, start) and _free_right(wide, end)):
            return None
        if _in_url(wide, start):
            return None
        brand = card_brand(digits)
        if brand is None or not luhn_is_valid(digits):
            return None
        if self.excluded(excludes, start) or _inside_iban_like(wide, start, end):
            return None
        word = self.context_near(contexts, start, end)
        return Hit(start, end, f"{brand} number, {len(digits)} digits, valid Luhn check"
                               f"{self.why_context(word)}")


# --------------------------------------------------------------------------- IBAN

# Total IBAN length by country (ISO 13616 registry).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28,
    "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22,
    "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}

_IBAN_RUN = re.compile(r"[A-Z]{2}[0-9]{2}(?:[ -]?[0-9A-Z]+)+")
_IBAN_PART = re.compile(r"([ -]?)([0-9A-Z]+)")


def iban_is_valid(iban: str) -> bool:
    """Country length and ISO 7064 mod-97 check of an IBAN without separators.

    >>> iban_is_valid("GB29NWBK60161331926819"), iban_is_valid("GB29NWBK60161331926810")
    (True, False)
    """
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


class IbanDetector(_PiiDetector):
    """International bank account numbers: the country's length and a valid mod-97 check.

    Upper case, written plain or in groups of four separated by spaces or hyphens.
    """

    name = "iban"

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[A-Z]{2}[0-9]{2}[ -]?[0-9A-Z]{4}", "IBAN")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        for m in patterns:
            start = m.start
            length = IBAN_LENGTHS.get(wide[start:start + 2])
            if length is None or not _free_left(wide, start) or _in_url(wide, start):
                continue
            run = _IBAN_RUN.match(wide, start)
            if run is None:
                continue
            compact, end, seps = "", start, set()
            for k, part in enumerate(_IBAN_PART.finditer(run.group())):
                sep, chunk = part.groups()
                if k and sep:
                    seps.add(sep)
                compact += chunk
                end = start + part.end()
                if len(compact) >= length:
                    break
            if len(compact) != length or len(seps) > 1 or not _free_right(wide, end):
                continue
            if seps and not self._grouped_by_four(wide[start:end], seps.pop()):
                continue
            if not iban_is_valid(compact) or self.excluded(excludes, start):
                continue
            word = self.context_near(contexts, start, end)
            yield Hit(start, end, f"IBAN ({compact[:2]}), {length} characters, valid mod-97 "
                                  f"check{self.why_context(word)}")

    @staticmethod
    def _grouped_by_four(value: str, sep: str) -> bool:
        parts = value.split(sep)
        return all(len(p) == 4 for p in parts[:-1]) and 1 <= len(parts[-1]) <= 4


# --------------------------------------------------------------------------- My Number

_MY_NUMBER_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)  # for digits 1..11, left to right


def my_number_is_valid(digits: str) -> bool:
    """The check digit of Japan's Individual Number (マイナンバー), 12 digits.

    >>> my_number_is_valid("123456789018"), my_number_is_valid("123456789012")
    (True, False)
    """
    if len(digits) != 12 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:11], _MY_NUMBER_WEIGHTS, strict=True)) % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


class MyNumberDetector(_PiiDetector):
    """Japan's Individual Number: 12 digits with a valid check digit and a context word."""

    name = "my_number"
    CONTEXT_WAKES = True

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}" + _STOP, "12-digit number",
                        trigger=False)]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        if not contexts:
            return
        for m in patterns:
            start, end = m.start, _end(wide, m)
            value = wide[start:end]
            digits = value.replace(" ", "").replace("-", "")
            if len(digits) != 12 or len(value) not in (12, 14):
                continue
            if len(value) == 14 and value[4] != value[9]:
                continue
            if not (_free_left(wide, start) and _free_right(wide, end)) or _in_url(wide, start):
                continue
            if not my_number_is_valid(digits) or self.excluded(excludes, start):
                continue
            word = self.context_near(contexts, start, end)
            if word is None:
                continue
            yield Hit(start, end, f"12 digits with a valid My Number check digit"
                                  f"{self.why_context(word)}")


# --------------------------------------------------------------------------- US SSN / ITIN

_ITIN_GROUPS = frozenset([*range(50, 66), *range(70, 89), *range(90, 93), *range(94, 100)])
# Numbers printed in ads and samples, never a person's: the Woolworth wallet card, a 1940s
# pamphlet, the textbook example and the range set aside for advertising.
_SSN_NOT_ISSUED = frozenset({"078051120", "219099999", "123456789",
                             *(f"98765432{k}" for k in range(10))})


def ssn_kind(digits: str) -> str | None:
    """'SSN' or 'ITIN' when nine digits follow the issuing rules, else None.

    >>> ssn_kind("078051123"), ssn_kind("911701234"), ssn_kind("666011234")
    ('SSN', 'ITIN', None)
    """
    area, group, serial = digits[:3], int(digits[3:5]), digits[5:]
    if digits in _SSN_NOT_ISSUED or len(set(digits)) == 1:
        return None
    if area[0] == "9":
        return "ITIN" if group in _ITIN_GROUPS else None
    if area in ("000", "666") or group == 0 or serial == "0000":
        return None
    return "SSN"


class UsSsnDetector(_PiiDetector):
    """US Social Security and Individual Taxpayer Identification Numbers.

    ``078-05-1123`` (hyphens, dots or spaces) counts on its own when it follows the issuing
    rules; nine plain digits or odd groupings (``078-051123``) also need a context word.
    """

    name = "us_ssn"
    STRONG = 3  # patterns below this index need no context

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[0-9]{3}-[0-9]{2}-[0-9]{4}" + _STOP, "SSN 3-2-4 with hyphens"),
                Pattern(r"[0-9]{3}\.[0-9]{2}\.[0-9]{4}" + _STOP, "SSN 3-2-4 with dots"),
                Pattern(r"[0-9]{3} [0-9]{2} [0-9]{4}" + _STOP, "SSN 3-2-4 with spaces"),
                Pattern(r"[0-9]{9}" + _STOP, "nine digits"),
                Pattern(r"[0-9]{3}-[0-9]{6}" + _STOP, "SSN 3-6"),
                Pattern(r"[0-9]{5}-[0-9]{4}" + _STOP, "SSN 5-4")]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        for m in patterns:
            start, end = m.start, _end(wide, m)
            if not (_free_left(wide, start) and _free_right(wide, end)) or _in_url(wide, start):
                continue
            if m.key == 2 and self._in_number_list(wide, start, end):
                continue
            digits = re.sub(r"[^0-9]", "", wide[start:end])
            kind = ssn_kind(digits)
            if kind is None or self.excluded(excludes, start):
                continue
            word = self.context_near(contexts, start, end)
            if m.key >= self.STRONG and word is None:
                continue
            yield Hit(start, end, f"{kind} that follows the issuing rules{self.why_context(word)}")

    @staticmethod
    def _in_number_list(wide: str, start: int, end: int) -> bool:
        """'10 078 05 1123 7': one of many numbers separated by spaces, not an SSN."""
        before = start >= 2 and wide[start - 1] == " " and wide[start - 2].isdigit()
        after = end + 1 < len(wide) and wide[end] == " " and wide[end + 1].isdigit()
        return before or after


# --------------------------------------------------------------------------- context-only numbers


class _ContextNumberDetector(_PiiDetector):
    """A number shape that means something only with a context word nearby."""

    LABEL: ClassVar[str] = ""
    CONTEXT_WAKES = True

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        contexts, excludes = self.split_terms(terms)
        if not contexts:
            return
        wide = text.wide
        seen_end = -1
        for m in patterns:
            start, end = m.start, _end(wide, m)
            if start < seen_end:
                continue
            if not (_free_left(wide, start) and _free_right(wide, end)) or _in_url(wide, start):
                continue
            if _is_money(wide, start, end) or not self.plausible(wide[start:end]):
                continue
            word = self.context_near(contexts, start, end)
            if word is None or self.excluded(excludes, start):
                continue
            seen_end = end
            yield Hit(start, end, f"{self.LABEL}{self.why_context(word)}")

    def plausible(self, value: str) -> bool:
        return True


_DATE8 = re.compile(r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


class PassportDetector(_ContextNumberDetector):
    """Passport numbers (``TK1234567``, ``A12345678``, ``123456789``) next to 'passport'."""

    name = "passport"
    LABEL = "passport-number shape"

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[A-Z]{1,2}[0-9]{6,8}" + _STOP, "letters and digits", trigger=False),
                Pattern(r"[0-9]{8,9}" + _STOP, "eight or nine digits", trigger=False)]

    def plausible(self, value: str) -> bool:
        return 8 <= len(value) <= 10 and not _DATE8.fullmatch(value) and len(set(value)) > 1


def aba_is_valid(digits: str) -> bool:
    """The ABA checksum of a US routing number, and a Federal Reserve district prefix.

    >>> aba_is_valid("026009593"), aba_is_valid("026009594"), aba_is_valid("000000000")
    (True, False, False)
    """
    if len(digits) != 9 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    prefix = int(digits[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    d = [int(c) for c in digits]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


class BankAccountDetector(_ContextNumberDetector):
    """Bank account numbers (7 to 17 digits, or branch-account) next to a banking word.

    ``routing_context`` (``routing``, ``ABA``, ``wire`` …) finds US routing numbers: nine
    digits with a valid ABA checksum next to one of those words. A routing number is the
    bank's public code and is not reported itself, but an account-number shape next to it
    (within ``radius``) is an account number, with or without a banking word:
    "routing 026009593 account 9677729041".
    """

    name = "bank_account"
    LABEL = "account-number shape"
    RADIUS = 30
    PARAMS = ("routing_context",)

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self.routing_words = self.param_list("routing_context")

    def terms(self) -> Sequence[Term]:
        return [*super().terms(), *(Term(w, "routing") for w in self.routing_words)]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        n = len(self.context_words) + len(self.exclude_words)
        routing_words = [m for m in terms if m.key >= n]
        terms = [m for m in terms if m.key < n]
        routing = self._routing_numbers(text.wide, patterns, routing_words)
        if not routing:
            yield from super().find(text, patterns, terms)
            return
        _, excludes = self.split_terms(terms)
        wide = text.wide
        hits = {(h.start, h.end): h for h in super().find(text, patterns, terms)
                if (h.start, h.end) not in routing}  # the bank's public code
        for m in patterns:
            start, end = m.start, _end(wide, m)
            if (start, end) in routing or any(start < h[1] and h[0] < end for h in hits):
                continue
            if not (_free_left(wide, start) and _free_right(wide, end)) or _in_url(wide, start):
                continue
            if _is_money(wide, start, end) or not self.plausible(wide[start:end]):
                continue
            if self.excluded(excludes, start) or not any(
                    r_end >= start - self.radius and r_start <= end + self.radius
                    for r_start, r_end in routing):
                continue
            hits[(start, end)] = Hit(start, end, f"{self.LABEL}, next to a routing number")
        yield from sorted(hits.values(), key=lambda h: h.start)

    def _routing_numbers(self, wide: str, patterns: list[Match],
                         words: list[Match]) -> set[tuple[int, int]]:
        if not words:
            return set()
        found = set()
        for m in patterns:
            start, end = m.start, _end(wide, m)
            if end - start == 9 and aba_is_valid(wide[start:end]) and _free_left(wide, start) \
                    and _free_right(wide, end) and near(words, start, end, self.radius):
                found.add((start, end))
        return found

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(r"[0-9]{7,17}" + _STOP, "7 to 17 digits", trigger=False),
                Pattern(r"[0-9]{3,5}-[0-9]{6,8}" + _STOP, "branch and account", trigger=False)]

    def plausible(self, value: str) -> bool:
        digits = value.replace("-", "")
        if len(set(digits)) == 1:
            return False  # 1111111: a placeholder
        if _DATE8.fullmatch(digits):
            return False
        if len(digits) == 17 and digits.startswith("765611"):
            return False  # a SteamID64: a public game-account handle
        # a Japanese phone number is the phone rule's business
        return "-" in value or not re.fullmatch(r"0[1-9][0-9]{8,9}", digits)


# --------------------------------------------------------------------------- Japanese addresses

_PREFECTURES = (
    "北海道|東京都|京都府|大阪府|(?:青森|岩手|宮城|秋田|山形|福島|茨城|栃木|群馬|埼玉|千葉|神奈川"
    "|新潟|富山|石川|福井|山梨|長野|岐阜|静岡|愛知|三重|滋賀|兵庫|奈良|和歌山|鳥取|島根|岡山|広島"
    "|山口|徳島|香川|愛媛|高知|福岡|佐賀|長崎|熊本|大分|宮崎|鹿児島|沖縄)県"
)
_KANJI_NUM = "一二三四五六七八九十〇"
_NUM = f"(?:[0-9]{{1,4}}|[{_KANJI_NUM}]{{1,3}})"
_DASH = "[-‐‑−ー]"
# Characters of a municipality or town name: kanji, kana, 々 and ヶ, but not the particles
# that end a phrase (は, を, に, で, へ), so '明日は港区…' starts at 港区.
_KANA = "".join(chr(c) for c in [*range(0x3041, 0x3097), *range(0x30A1, 0x30FB), 0x30FC]
                if chr(c) not in "はをにでへ")
_NAME_CLASS = f"[\u4e00-\u9fff\u3005\u3006{_KANA}]"
_BLOCK = (
    f"(?:{_NUM}丁目(?:{_NUM}(?:番地?|{_DASH})(?:{_NUM}号?)?|{_NUM}番地?)?"
    f"|{_NUM}番地の?{_NUM}|{_NUM}番地?(?:{_NUM}号)?"
    f"|[0-9]{{1,4}}{_DASH}[0-9]{{1,4}}(?:{_DASH}[0-9]{{1,4}})?)"
)
_ADDRESS = re.compile(
    f"(?P<pref>{_PREFECTURES})?"
    f"(?P<muni>(?:{_NAME_CLASS}{{1,8}}?[市区町村郡]){{1,3}}?)"
    f"(?P<town>(?:{_NAME_CLASS}|[0-9]{{1,2}}(?=条)){{0,12}}?)"
    f"(?P<block>{_BLOCK})(?![0-9{_KANJI_NUM}月日年時分秒回位人個件円%])"
)


_STREET_SUFFIX = ("Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct"
                  "|Place|Pl|Terrace|Parkway|Pkwy|Circle|Cir|Highway|Hwy")
_US_STREET = re.compile(
    rf"[0-9]{{1,5}} (?:[NSEW]\.? )?(?:[A-Z][a-z]+ ){{1,3}}(?:{_STREET_SUFFIX})\b\.?"
    rf"(?P<rest>,? (?:(?:Apt|Suite|Unit|#) ?[0-9A-Z]+,? )?(?:[A-Z][a-z]+ ){{0,2}}[A-Z][a-z]+,"
    rf" [A-Z]{{2}} [0-9]{{5}}(?:-[0-9]{{4}})?(?![0-9]))?")


# A Japanese address written in Latin letters: "2-14-7 Ebisu-minami, Shibuya-ku, Tokyo",
# "Shibuya-ku Ebisu 1-2-3", "3-chome 1-1 Umeda, Kita-ku". The ward, city or town (-ku, -shi,
# -cho, -machi, -gun, -mura) wakes the check; the block must be complete (three numbers, or a
# chome and two more) and stand next to it, with at most a town name in between.
_ROMAN_MUNI = r"[A-Z][a-z]+-(?:ku|shi|cho|machi|gun|mura)\b"
# After the block only, a city may be spelled out: 3-5-12 Honcho, Aozora City.
_ROMAN_CITY = r"[A-Z][a-z]+(?:-(?:ku|shi|cho|machi|gun|mura)| City)\b"
_ROMAN_TOWN = r"(?:[A-Z][a-z]+(?:[- ][A-Za-z][a-z]+)?,? )?"
_ROMAN_BLOCK = (r"(?<![0-9A-Za-z-])(?:[0-9]{1,2}[- ]?chome,?[ -]?[0-9]{1,4}-[0-9]{1,4}"
                r"|[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4})(?![0-9-])")
_ROMAN_ADDRESS = re.compile(
    rf"(?P<before>{_ROMAN_BLOCK},? {_ROMAN_TOWN}(?P<muni1>{_ROMAN_CITY}))"
    rf"|(?P<after>(?P<muni2>{_ROMAN_MUNI}),? {_ROMAN_TOWN}{_ROMAN_BLOCK})")


_DIGIT = f"[0-9{_KANJI_NUM}]"
_ADDRESS_PATTERNS = [
    Pattern(f"(?:{_PREFECTURES})[^\\s]{{1,24}}{_DIGIT}", "prefecture and block"),
    Pattern(f"[市区町村郡][^\\s0-9]{{0,10}}{_DIGIT}+(?:丁目|番|{_DASH}[0-9]+{_DASH}[0-9])",
            "municipality and block"),
    Pattern(f"[0-9]{{1,5}} (?:[NSEW]\\.? )?(?:[A-Z][a-z]+ ){{1,3}}(?:{_STREET_SUFFIX})\\b",
            "house number and street"),
    Pattern(_ROMAN_CITY, "ward or city in Latin letters"),
]
# Hyperscan looks for the prefecture only (the 24 characters of anything after it are what
# make the pattern slow to compile); find() gets the full pattern's matches from re.
_ADDRESS_ANCHORS = Anchors(_ADDRESS_PATTERNS, {0: f"(?:{_PREFECTURES})"})


# An address said to be a person's: a person (客, お客様, 木村様, 自宅) just before it, with at
# most a 住所 label and a postal code in between, or a name with 様/さん (木村様) or の人/の家
# right after it. Business words nearby (本社から転送, うちの店の客) then do not make it published.
_PERSON_BEFORE = re.compile(
    r"(?:様|さま|さん|くん|ちゃん|氏|客|自宅|実家|お宅)[、,:：\s]*"
    r"(?:の?(?:ご?住所|現住所)(?:は|が)?[、,:：\s]*)?(?:〒\s?[0-9]{3}-?[0-9]{4}\s*)?$")
_PERSON_AFTER = re.compile(r"^\s*(?:[\u4e00-\u9fff\u30a1-\u30fa]{1,6}(?:様|さま|さん|氏)"
                           r"|の(?:人|方|家|お宅|自宅))")


class JpAddressDetector(_PiiDetector):
    """Street addresses: Japanese ones down to the block, and US-style ones.

    Japanese: 都道府県 + 市区町村 + 丁目/番地/号. With a prefecture any block form counts
    (``大阪市北区梅田3丁目1番``); without one the block must be complete (``港区六本木1-2-3``,
    ``3丁目1番1号``, ``本町3-5-12``); written in Latin letters it counts with the ward or city and a
    complete block (``2-14-7 Ebisu-minami, Shibuya-ku``, ``3-5-12 Honcho, Aozora City``). US-style: ``742 Evergreen Terrace, Springfield, OR 97403`` counts with
    city, state and ZIP code; a bare ``742 Evergreen Terrace`` needs a ``context`` word such as
    'address' or 'live at'. ``exclude`` words nearby (本社, 店舗, 会場, office …) mark the
    published address of a business or venue; the organization's own names (``organization.
    names`` in the policy) count as such words, so a clinic or shop of the organization
    announcing where it is stays clean. Those words do not hold for an address said to be a
    person's: a person right before it (``お客様 〒… ``, ``客、住所 …``) or a name with 様/さん,
    or の人/の家, right after it (``… 木村様``).
    """

    name = "jp_address"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        self.exclude_words = self.exclude_words + list(context.organization.names)

    def patterns(self) -> Sequence[Pattern]:
        return _ADDRESS_ANCHORS.patterns

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        checked = _ADDRESS_ANCHORS.verify(
            text.wide, patterns, terms,
            range(len(self.context_words)) if self.CONTEXT_WAKES else ())
        if checked is None:
            return []  # only the prefecture woke the rule, and no block number follows it
        patterns = checked
        wide = text.wide
        contexts, excludes = self.split_terms(terms)
        jp = [m for m in patterns if m.key < 2]
        for start, end in _merge(jp):
            lo = max(0, start - 30)
            for found in _ADDRESS.finditer(wide, lo, min(len(wide), end + 30)):
                if found.end() <= start or found.start() >= end:
                    continue
                hit = self._check(wide, found, excludes)
                if hit is not None:
                    yield hit
        for m in patterns:
            if m.key == 2:
                hit = self._check_us(wide, m.start, contexts, excludes)
                if hit is not None:
                    yield hit
        roman = [m for m in patterns if m.key == 3]
        if roman:
            yield from self._check_roman(wide, roman, excludes)

    def _check_roman(self, wide: str, wards: list[Match], excludes: list[Match]) -> Iterator[Hit]:
        lo = max(0, min(m.start for m in wards) - 40)
        hi = min(len(wide), max(m.end for m in wards) + 40)
        for found in _ROMAN_ADDRESS.finditer(wide, lo, hi):
            start, end = found.span()
            if near(excludes, start, end, self.radius) is not None:
                continue
            ward = found.group("muni1") or found.group("muni2")
            yield Hit(start, end, f"street address in {ward} down to the block")

    def _check(self, wide: str, found: re.Match[str], excludes: list[Match]) -> Hit | None:
        block = found.group("block")
        numbers = re.findall(f"[0-9]+|[{_KANJI_NUM}]+", block)
        if not found.group("pref"):
            if len(numbers) < 3 and not (("丁目" in block or "番地" in block)
                                         and len(numbers) >= 2):
                return None
            if len(found.group("muni")) < 2:
                return None
        if re.fullmatch(f"[0-9]{{3,4}}{_DASH}[0-9]{{1,2}}{_DASH}[0-9]{{1,2}}", block):
            return None  # 2024-11-05 is a date
        start, end = found.span()
        if near(excludes, start, end, self.radius) is not None and not self._someones(
                wide, start, end):
            return None
        where = (found.group("pref") or "") + found.group("muni")
        return Hit(start, end, f"street address in {where} down to the block")

    @staticmethod
    def _someones(wide: str, start: int, end: int) -> bool:
        """A person's address: お客様 〒… 木村様, 客、住所 …の人."""
        return bool(_PERSON_BEFORE.search(wide, max(0, start - 24), start)
                    or _PERSON_AFTER.match(wide[end:end + 10]))

    def _check_us(self, wide: str, start: int, contexts: list[Match],
                  excludes: list[Match]) -> Hit | None:
        found = _US_STREET.match(wide, start)
        if found is None or not _free_left(wide, start):
            return None
        end = found.end()
        word = None
        if not found.group("rest"):
            word = self.context_near(contexts, start, end)
            if word is None:
                return None
        if near(excludes, start, end, self.radius) is not None:
            return None
        what = "with city, state and ZIP code" if found.group("rest") else "house number and street"
        return Hit(start, end, f"US-style street address, {what}{self.why_context(word)}")
