"""Credentials in posts and direct messages: service tokens, private keys, passwords written
in prose, and secrets assigned in code or configuration pasted into a post.

Five detectors, one per rule of the ``secret`` category:

``service_token`` (S101)
    Keys and tokens whose format is known: AWS, GitHub, GitLab, Slack, Stripe, Google,
    OpenAI, npm, PyPI, JWT, Twilio, SendGrid, Mailchimp, Telegram, Discord, Azure, IBM Cloud,
    Cloudant, SoftLayer, Artifactory, credentials in URLs … Every format has a name, so a
    finding says which one matched.
``private_key`` (S102)
    ``-----BEGIN … PRIVATE KEY-----`` blocks and PuTTY key files.
``password_prose`` (S103)
    A password or PIN written out in a sentence: "my password is hunter2", 「パスは abc123」,
    「暗証番号は1234」, "ID: taro / PW: Tnk-1234", or asked for and answered in a thread
    (「pw教えて → Hk#77x」, "staging password?" and the value on the next line).
``credential_assignment`` (S104)
    ``api_key = "…"``, ``secret: …``, ``token=…``, ``--password …``, connection strings
    (``User Id=sa;Password=…;``), password options of commands (``curl -u user:…``,
    ``mysql -p…``) and quoted high-entropy strings in pasted code or configuration.
``masked_token`` (S105, minor)
    A known key format with its body masked (``AKCxxxxxxxxxx``), standing on its own: a gentle
    note to check the masking and to write a plain placeholder next time.

Hyperscan and the shared automaton find candidates; everything here runs in Python only on
the few characters around a candidate. Placeholders (``xxxx``, ``****``, ``EXAMPLE``,
``<token>``, ``${VAR}``, ``$API_KEY``, ``your-key-here``, ``dummy``, ``changeme``) are never
reported as credentials: writing them is exactly what we want people to do.

>>> is_placeholder("${API_KEY}"), is_placeholder("your-key-here"), is_placeholder("hunter2")
(True, True, False)
>>> round(entropy("aaaa"), 1), round(entropy("abcd"), 1)
(0.0, 2.0)
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..text import Text
from .base import Context, Detector, Hit, Match, ParamError, Pattern, Term

__all__ = [
    "CredentialAssignmentDetector",
    "MaskedTokenDetector",
    "PasswordProseDetector",
    "PrivateKeyDetector",
    "ServiceTokenDetector",
    "entropy",
    "is_placeholder",
]

# --------------------------------------------------------------------------- shared checks


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
TOKEN_CHARS = ALNUM | frozenset("_-")
B64_CHARS = ALNUM | frozenset("+/=")
# Characters people type to hide a value: "xxxx", "****", "●●●●", "####".
_MASK = frozenset("xX*•●○◯■□#＊")

_PLACEHOLDER_RE = re.compile(
    r"example|sample|dummy|placeholder|change[_\-. ]?me|redacted|replace[_\-. ]?(?:me|this|with)"
    r"|your[_\-. ]?(?:own[_\-. ]?)?(?:api|app|access|secret|private|auth|real|actual|pass|pw|key|"
    r"token|password|client|user|bot|github|slack|aws|openai|id)"
    r"|(?:key|token|secret|password|pass|value)[_\-. ]?(?:goes[_\-. ]?)?here|insert[_\-. ]?"
    r"|fake|\bfoo\b|foobar|\btodo\b|\btbd\b|\bxxx|xxxx|\*\*\*|\.\.\.|…|lorem|not[_\-. ]?real"
    r"|hogehoge|ほげ|ダミー|サンプル|伏せ|秘密です|ひみつ|内緒|\bnull\b|\bnone\b|\bnil\b"
    r"|\bundefined\b|\btrue\b|\bfalse\b",
    re.IGNORECASE)
# A reference to where the secret really lives: ${VAR}, $VAR, %s, {{ var }}, <token>,
# process.env.X, os.environ["X"], getenv("X"), ENV["X"], secrets.X.
_REFERENCE_RE = re.compile(
    r"^(?:\$\{[^}]*\}|\$\(?[A-Za-z_][A-Za-z0-9_]*\)?|%[sd]|%\([A-Za-z_]+\)[sd]|\{\{.*\}\}|\{[A-Za-z_]\w*\}"
    r"|<[^<>]{1,60}>|\[[A-Za-z _\-]{2,40}\]|【[^】]{1,30}】|#\{[^}]*\})$"
    r"|process\.env|os\.environ|getenv|\bENV\[|^secrets\.|^vault:|^env\(",
    re.IGNORECASE)
# Words that describe a value rather than being one ("my password is the same").
_META_VALUES = _words("""
password passwd passphrase passcode pass pwd pw pin secret secrets token tokens key apikey
api_key value string empty blank required optional hidden masked omitted same unknown
""")


def entropy(value: str) -> float:
    """Shannon entropy in bits per character.

    >>> round(entropy("2b00042f7481c7b056c4b410d28f33cf"), 2)
    3.54
    """
    if not value:
        return 0.0
    n = len(value)
    return sum(c / n * math.log2(n / c) for c in Counter(value).values())


def is_masked(value: str) -> bool:
    """True when at least half of ``value`` is masking characters (``xxxx``, ``****``)."""
    if not value:
        return False
    masked = sum(1 for ch in value if ch in _MASK)
    return masked * 2 >= len(value)


def is_placeholder(value: str, *, meta: bool = True) -> bool:
    """True for a value that stands in for a secret instead of being one.

    ``meta`` also counts words that describe a value (``password``, ``required``) as
    placeholders, which is right after a key (``password: required``) and wrong inside a
    token format.
    """
    v = value.strip()
    if not v or is_masked(v):
        return True
    if _REFERENCE_RE.search(v) or _PLACEHOLDER_RE.search(v):
        return True
    return meta and v.casefold().strip("'\"`") in _META_VALUES


def _char_classes(value: str) -> int:
    lower = upper = digit = other = 0
    for ch in value:
        if ch.isdigit():
            digit = 1
        elif "a" <= ch <= "z":
            lower = 1
        elif "A" <= ch <= "Z":
            upper = 1
        else:
            other = 1
    return lower + upper + digit + other


def _looks_random(value: str, min_entropy: float = 3.0) -> bool:
    """A key-like value: letters and digits (or symbols), not too repetitive."""
    return _char_classes(value) >= 2 and entropy(value) >= min_entropy


def _before(text: str, pos: int, chars: frozenset[str]) -> bool:
    """True when the character before ``pos`` is one of ``chars``."""
    return pos > 0 and text[pos - 1] in chars


def _after(text: str, pos: int, chars: frozenset[str]) -> bool:
    return pos < len(text) and text[pos] in chars


def _merge(hits: list[Hit]) -> Iterator[Hit]:
    """Leftmost-longest hits that do not overlap."""
    hits.sort(key=lambda h: (h.start, -h.end))
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            last_end = h.end
            yield h


def _param_keys(params: Mapping[str, Any], name: str, allowed: Sequence[str]) -> None:
    for key in params:
        if key not in allowed:
            raise ParamError(key, f"unknown parameter '{key}' for detector '{name}'",
                             "use: " + ", ".join(allowed) if allowed else "it takes no params")


def _param_bool(params: Mapping[str, Any], key: str, default: bool) -> bool:
    value = params.get(key, default)
    if not isinstance(value, bool):
        raise ParamError(key, f"'{key}' must be true or false")
    return value


# --------------------------------------------------------------------------- S101 tokens


@dataclass(frozen=True, slots=True)
class _Format:
    """One token format.

    ``regex`` is the Hyperscan pattern (loose: Hyperscan cannot track where a match starts
    through large bounded repeats). ``strict``, when set, is the Python pattern the match must
    fully match; for ``keyed`` formats (a key, then the value) it applies to the value, whose
    characters are ``value_chars``. ``left``/``right``: characters that must not touch the
    match on that side, so a format is not found inside a longer string. ``cued_below``: a
    match shorter than a real key of the format (cut short when copied) counts only when its
    sentence calls it a token, key or password.
    """

    name: str
    regex: str
    strict: str = ""
    left: frozenset[str] = ALNUM
    right: frozenset[str] = ALNUM
    caseless: bool = False
    check: str = "shape"  # shape | random | jwt | url | keyed
    key: str = ""
    value_chars: str = ""
    cued_below: int = 0  # a match shorter than this needs a credential word in its sentence


def _keyed(name: str, key: str, value_chars: str, strict: str, *, op: str = "") -> _Format:
    """A format written as a key, an optional assignment and a value of a known shape."""
    assign = op or r"""["']?[ \t]*(?::=|=>|=|:)?[ \t]*["'`]?"""
    return _Format(name, key + assign + f"[{value_chars}]+", strict, caseless=True,
                   right=frozenset(), check="keyed", key=key + assign, value_chars=value_chars)


_HANDLE = ALNUM | frozenset("#@")  # not inside a hashtag or a mention
_ASSIGN_REQUIRED = r"""["']?[ \t]*(?::=|=>|=|:)[ \t]*["'`]?"""

FORMATS: tuple[_Format, ...] = (
    _Format("AWS access key ID",
            r"(?:A3T[A-Z0-9]|AKIA|ABIA|ACCA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}"),
    _keyed("AWS secret access key", r"aws[A-Za-z0-9_\-.]*(?:secret|access)[A-Za-z0-9_\-.]*",
           "A-Za-z0-9/+", "[A-Za-z0-9/+]{40}", op=_ASSIGN_REQUIRED),
    _Format("GitHub token", r"gh[pousr]_[A-Za-z0-9]{36}", right=TOKEN_CHARS),
    _Format("GitHub fine-grained token", r"github_pat_[A-Za-z0-9_]{60,}"),
    _Format("GitLab token", r"(?:glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_\-]{20,50}",
            right=TOKEN_CHARS),
    _Format("GitLab runner token", r"GR1348941[A-Za-z0-9_\-]{20,50}", right=TOKEN_CHARS),
    _Format("GitLab CI job token", r"glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_\-]{20,50}",
            right=TOKEN_CHARS),
    _Format("GitLab incoming mail token", r"glimt-[A-Za-z0-9_\-]{25}", right=TOKEN_CHARS),
    _Format("GitLab trigger token", r"glptt-[A-Za-z0-9_\-]{40}", right=TOKEN_CHARS),
    _Format("GitLab agent token", r"glagent-[A-Za-z0-9_\-]{50,}", right=TOKEN_CHARS),
    _Format("GitLab OAuth secret", r"gloas-[A-Za-z0-9_\-]{64}", right=TOKEN_CHARS),
    _Format("Slack token", r"xox[abposr]-(?:[0-9]+-)+[A-Za-z0-9]{10,}", caseless=True),
    _Format("Slack app token", r"xapp-[0-9]+-[A-Z0-9]+-[0-9]+-[a-z0-9]+"),
    _Format("Slack webhook",
            r"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Za-z0-9_]+/"
            r"[A-Za-z0-9_]+/[A-Za-z0-9_]+", left=frozenset(), check="url"),
    _Format("Stripe secret key", r"(?:sk|rk)_live_[0-9a-zA-Z]{24,99}"),
    _Format("Google API key", r"AIza[0-9A-Za-z_\-]{35}", right=TOKEN_CHARS),
    _Format("Google OAuth client secret", r"GOCSPX-[A-Za-z0-9_\-]{28}", right=TOKEN_CHARS),
    _Format("OpenAI API key", r"sk-[A-Za-z0-9_\-]*T3BlbkFJ[A-Za-z0-9_\-]+",
            r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}",
            right=TOKEN_CHARS),
    # OpenAI's newer keys, and the many services that copied the sk- prefix.
    _Format("OpenAI-style secret key", r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}",
            right=TOKEN_CHARS, check="random"),
    _Format("Anthropic API key", r"sk-ant-(?:api|admin|oat)[0-9]{2}-[A-Za-z0-9_\-]{80,}",
            right=TOKEN_CHARS),
    _Format("npm token", r"npm_[A-Za-z0-9]{36}"),
    _keyed("npm registry auth token",
           r"//[A-Za-z0-9.\-]+(?:/[A-Za-z0-9.\-_~%]+)*/:_(?:authToken|auth|password)",
           "A-Za-z0-9_\\-+/=", "[A-Za-z0-9_\\-+/=]{8,}", op=r"=[ \t]*"),
    # Real PyPI tokens run past 150 characters; a shorter one (cut short when copied, or a
    # truncated test value) counts when the post calls it a token.
    _Format("PyPI token", r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{24,}", right=TOKEN_CHARS,
            cued_below=90),
    _Format("Test PyPI token", r"pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\-]{24,}",
            right=TOKEN_CHARS, cued_below=96),
    _Format("JSON Web Token",
            r"eyJ[A-Za-z0-9_\-]{10,}={0,2}\.eyJ[A-Za-z0-9_\-]{4,}={0,2}"
            r"(?:\.[A-Za-z0-9_\-+/]*={0,2})?", right=TOKEN_CHARS, check="jwt"),
    _Format("Twilio key", r"(?:AC|SK)[0-9a-f]{32}"),
    _Format("SendGrid key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}", right=TOKEN_CHARS),
    _Format("Mailchimp key", r"[0-9a-f]{32}-us[0-9]{1,2}"),
    _Format("Telegram bot token", r"[0-9]{8,10}:AA[0-9A-Za-z_\-]{33}", right=TOKEN_CHARS),
    _Format("Telegram bot URL",
            r"api\.telegram\.org/bot[0-9]{8,10}:AA[0-9A-Za-z_\-]{33}", right=TOKEN_CHARS),
    _Format("Discord bot token",
            r"[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}",
            left=frozenset(), right=frozenset()),
    _Format("Discord webhook",
            r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/"
            r"[A-Za-z0-9_\-]{60,}", left=frozenset(), check="url"),
    _Format("Azure storage account key", r"AccountKey=[A-Za-z0-9+/=]{88}", right=B64_CHARS),
    _Format("Shopify token", r"shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}"),
    _Format("Hugging Face token", r"hf_[A-Za-z0-9]{34}", left=_HANDLE, check="random"),
    _Format("DigitalOcean token", r"do[opr]_v1_[a-f0-9]{64}"),
    _Format("Square token", r"sq0(?:atp-[0-9A-Za-z_\-]{22}|csp-[0-9A-Za-z_\-]{43})",
            right=TOKEN_CHARS),
    _Format("HashiCorp Vault token", r"hvs\.[A-Za-z0-9_\-]{90,}", right=TOKEN_CHARS),
    _Format("Notion token", r"(?:secret|ntn)_[A-Za-z0-9]{43}", left=_HANDLE, check="random"),
    _Format("Linear API key", r"lin_api_[A-Za-z0-9]{40}"),
    _Format("Atlassian API token", r"ATATT3[A-Za-z0-9_\-=]{150,}", right=TOKEN_CHARS),
    _Format("Facebook access token", r"EAA[BCDGI][A-Za-z0-9]{80,}", left=_HANDLE, check="random"),
    _Format("credentials in URL",
            r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@\"'<>{}]*:[^\s:/@\"'<>{}]+@[A-Za-z0-9\-]",
            r"[A-Za-z][A-Za-z0-9+.\-]{1,15}://[^\s:/@\"'<>{}]{0,64}:[^\s:/@\"'<>{}]{1,128}@"
            r"[A-Za-z0-9\-]", left=frozenset(), right=frozenset(), check="url"),
    _keyed("IBM Cloud IAM key",
           r"(?:ibm[_\-]?cloud[_\-]?iam|cloud[_\-]?iam|ibm[_\-]?cloud|ibm[_\-]?iam|ibm|iam|cloud)"
           r"[_\-]?(?:api)?[_\-]?(?:key|pwd|password|pass|token)",
           "A-Za-z0-9_\\-", "[A-Za-z0-9_\\-]{44}"),
    _keyed("IBM COS HMAC secret",
           r"(?:(?:ibm)?[_\-]?cos[_\-]?(?:hmac)?[_\-]?)?secret[_\-]?(?:access)?[_\-]?key",
           "a-f0-9", "[a-f0-9]{48}", op=_ASSIGN_REQUIRED),
    _keyed("Cloudant credential",
           r"(?:cloudant|cl|clou)[_\-]?(?:api)?[_\-]?(?:key|pwd|pw|password|pass|token)",
           "a-z0-9", "[0-9a-f]{64}|[a-z]{24}", op=_ASSIGN_REQUIRED),
    _keyed("SoftLayer API key",
           r"(?:softlayer|sl)[_\-]?(?:api)?[_\-]?(?:key|pwd|password|pass|token)",
           "a-z0-9", "[a-z0-9]{64}", op=r"""["']?[ \t]*(?::=|=>|=|:|[ \t])[ \t]*["']?"""),
    _Format("SoftLayer API URL", r"api\.softlayer\.com/soap/v3(?:\.1)?/[a-z0-9]{64}",
            caseless=True, left=frozenset()),
    _Format("Artifactory API key", r"AKC[A-Za-z0-9]{10,}", r"AKC[A-Za-z0-9]{20,}",
            left=_HANDLE, check="random"),
    _Format("Artifactory password", r"AP[0-9A-F][A-Za-z0-9]{8,}", r"AP[0-9A-F][A-Za-z0-9]{17,}",
            left=_HANDLE, check="random"),
)

_STRICT = {f.name: re.compile(f.strict, re.IGNORECASE if f.caseless else 0)
           for f in FORMATS if f.strict}
_KEYED_VALUE = {f.name: re.compile(f"[{f.value_chars}]+$", re.IGNORECASE)
                for f in FORMATS if f.check == "keyed"}
# Every format as one Python regex: the other detectors use it to leave a value to S101.
_ANY_FORMAT = re.compile("|".join(f"(?:{f.strict or f.regex})" for f in FORMATS
                                  if f.check != "keyed" and f.name != "credentials in URL"))
_ANY_KEYED = re.compile("|".join(f"(?:{f.key}(?:{f.strict}))" for f in FORMATS
                                 if f.check == "keyed"), re.IGNORECASE)


def _b64json(part: str) -> Any:
    part = part.rstrip("=")
    try:
        raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def _valid_jwt(token: str) -> bool:
    parts = token.split(".")
    header, payload = _b64json(parts[0]), _b64json(parts[1])
    return (isinstance(header, dict) and isinstance(payload, dict)
            and bool({"alg", "typ", "kid", "enc"} & set(header)))


def _url_secret(match: str, name: str) -> bool:
    if name == "credentials in URL":
        userinfo = match.split("://", 1)[1].rsplit("@", 1)[0]
        _user, _, password = userinfo.partition(":")
        if password.isdigit() and len(password) <= 5:  # host:port, not user:password
            return False
        return not is_placeholder(password, meta=False)
    tail = match.rstrip("/").rsplit("/", 1)[-1]
    return not is_masked(tail) and not is_placeholder(tail, meta=False)


class ServiceTokenDetector(Detector):
    """Keys and tokens of known services, each format by name.

    ``params``: ``formats`` adds an organization's own token formats
    (``[{name: "Acme deploy key", regex: "acme_[a-z0-9]{32}"}]``); ``skip`` switches built-in
    formats off by name; ``flag_masked: true`` also reports tokens whose body is masked
    (``AKIAXXXXXXXXXXXXXXXX``), which are placeholders by default.
    """

    name = "service_token"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        _param_keys(params, self.name, ("formats", "skip", "flag_masked"))
        skip = set(self.param_list("skip"))
        unknown = skip - {f.name for f in FORMATS}
        if unknown:
            raise ParamError("skip", f"no built-in token format named '{sorted(unknown)[0]}'",
                             "use a name from `koe rule S101`")
        self.flag_masked = _param_bool(params, "flag_masked", False)
        self.formats: list[_Format] = [f for f in FORMATS if f.name not in skip]
        raw = params.get("formats") or []
        if not isinstance(raw, list):
            raise ParamError("formats", "'formats' must be a list of {name: ..., regex: ...}")
        for i, item in enumerate(raw):
            if not (isinstance(item, dict) and isinstance(item.get("regex"), str)
                    and isinstance(item.get("name", ""), str)):
                raise ParamError("formats", f"format {i + 1} must be {{name: ..., regex: ...}}")
            self.formats.append(_Format(item.get("name") or f"format {i + 1}", item["regex"],
                                        caseless=bool(item.get("caseless", False))))

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(f.regex, f.name, f.caseless) for f in self.formats]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        hits: list[Hit] = []
        for m in patterns:
            fmt = self.formats[m.key]
            if _before(wide, m.start, fmt.left) or _after(wide, m.end, fmt.right):
                continue
            token = wide[m.start:m.end]
            if len(token) < fmt.cued_below and not _CREDENTIAL_CUE.search(
                    _sentence_around(wide, m.start, m.end)):
                continue
            if fmt.check != "url" and _documented(wide, m.start, m.end):
                continue  # "the jwt.io sample", 「ドキュメントの例」: a published example
            if self._accept(fmt, token):
                hits.append(Hit(m.start, m.end, f"format '{fmt.name}'"))
        return _merge(hits)

    def _accept(self, fmt: _Format, token: str) -> bool:
        check = fmt.check
        if check == "jwt":
            return _valid_jwt(token)
        if check == "url":
            return _url_secret(token, fmt.name) or self.flag_masked
        strict = _STRICT.get(fmt.name)
        if check == "keyed":
            value = _KEYED_VALUE[fmt.name].search(token)
            body = value.group() if value else token
            if strict is not None and not strict.fullmatch(body):
                return False
            return self.flag_masked or not is_placeholder(body, meta=False)
        if strict is not None and not strict.fullmatch(token):
            return False
        if self.flag_masked:
            return True
        if check == "random" and not _looks_random(token):
            return False
        return not is_masked(_token_body(token)) and "EXAMPLE" not in token


# Words that say a key is a published example: "GitHub's docs use ghp_… as the example",
# 「jwt.io のサンプル」. A live key is not introduced this way.
_DOCUMENTED = re.compile(
    r"\bexamples?\b|\bsample\b|\bdocs\b|documentation|tutorial|readme|jwt\.io|\bdummy\b"
    r"|\bfake\b|not (?:a )?real|サンプル|ドキュメント|チュートリアル|ダミー|架空|記載例|使用例|設定例"
    r"|の例|例(?:えば|[:：]|として|だと|では)", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[.!?](?=\s)|[\n。！？]")
_LINKS = re.compile(r"\S*(?:://|www\.|\bexample\.[a-z])\S*", re.IGNORECASE)


def _documented(wide: str, start: int, end: int, reach: int = 80) -> bool:
    """Whether the sentence around a key presents it as a published example. Links are left
    out (https://example.com/… says nothing about the key)."""
    lo = max(0, start - reach)
    cut = [m.end() for m in _CLAUSE_STOP.finditer(wide, lo, start)]
    lo = cut[-1] if cut else lo
    stop = _CLAUSE_STOP.search(wide, end, min(len(wide), end + reach))
    hi = stop.start() if stop else min(len(wide), end + reach)
    return _DOCUMENTED.search(_LINKS.sub(" ", wide[lo:start] + " " + wide[end:hi])) is not None


# Words that call a value a credential: "my PyPI token", 「トークン送ります」, "twine … -p".
_CREDENTIAL_CUE = re.compile(
    r"token|\bkeys?\b|secret|password|passwd|credential|\bauth|pypi|twine|\s-p\s"
    r"|トークン|キー|鍵|シークレット|パスワード|認証", re.IGNORECASE)


def _token_body(token: str) -> str:
    """The part of a token after its fixed prefix (``ghp_``, ``sk_live_``, ``AKIA``)."""
    for sep in ("_", "-", "."):
        _head, found, tail = token.rpartition(sep)
        if found and len(tail) >= 8:
            return tail
    return token[4:] if len(token) > 12 else token


# --------------------------------------------------------------------------- S105 masked keys

# Prefixes distinctive enough that "prefix + xxxx" can only be a key of that service. After
# the prefix, a few real characters may be left before the mask ("ghp_9fQ2xxxx…"): that is
# the case worth a note, since the visible part is real.
_MASKED_FORMS = (
    (r"(?:AKIA|ASIA|ABIA|ACCA|AKC|AP[0-9A-F]|gh[pousr]_|github_pat_|gl(?:pat|dt|ptt|rt)-"
     r"|xox[abposr]-|xapp-|[sr]k_(?:live|test)_|sk-(?:proj-|ant-)?|npm_|pypi-|AIza|hf_|SG\.)",
     r"[A-Za-z0-9_\-]{0,12}[xX*#]{8,64}"),
    (r"(?:SK|AC)", r"[0-9a-f]{0,8}[xX*#]{24,40}"),  # Twilio: 32 hex characters after SK/AC
    (r"hooks\.slack\.com/services/[A-Za-z0-9xX*#]{6,}/[A-Za-z0-9xX*#]{6,}/",
     r"[A-Za-z0-9xX*#]{8,}"),
)
_MASKED_SPLIT = [re.compile(f"(?:{prefix})({body})") for prefix, body in _MASKED_FORMS]
# Words that make a masked key an explanation of a format or a declared redaction.
_EXPLAINED = re.compile(
    r"e\.g\.|\bi\.e\.|for (?:example|instance)|such as|looks? like|format|placeholder"
    r"|replace|\byour\b|example|sample|dummy|template|redact|mask|hidden|censor"
    r"|\bdocs?\b|documentation|readme|tutorial|guide|manual|screenshot|not (?:a )?real|fake"
    r"|例|ような|みたいな|形式|置き換|置換|ダミー|サンプル|テンプレ|仮の|伏せ|マスク|隠し"
    r"|ドキュメント|チュートリアル|マニュアル|手順書|スクショ|書き換え|差し替え|自分の|本物じゃ|本物では"
    # instructions for where a reader puts their own key: "paste … into", 「…に書く」
    r"|\b(?:paste|put|enter|fill in|insert)\b[^\n]{0,40}\b(?:in|into)\b"
    r"|[にを](?:書く|書いて|書き込|記入|入力|設定|貼り付け|入れ)",
    re.IGNORECASE)
_LINE_END = re.compile(r"[\n!?。！？]")


class MaskedTokenDetector(Detector):
    """A key of a known service with its characters replaced by ``x`` or ``*`` (S105).

    S101 leaves masked keys alone. This rule gives them a gentle note when they stand on their
    own, as in a pasted configuration: a reader cannot tell a masked key from a live one, the
    visible prefix (and any characters left unmasked) are real, and the better habit is a plain
    placeholder such as ``<YOUR_TOKEN>``. A masked key inside an explanation ("keys look like
    AKIAXXXXXXXXXXXXXXXX", 「AKIAXXXX…のような形式」) or a declared redaction is not reported.
    """

    name = "masked_token"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        _param_keys(params, self.name, ())

    def patterns(self) -> Sequence[Pattern]:
        return [Pattern(prefix + body, "masked key") for prefix, body in _MASKED_FORMS]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        hits: list[Hit] = []
        for m in patterns:
            if _before(wide, m.start, _HANDLE) or _after(wide, m.end, TOKEN_CHARS):
                continue
            split = _MASKED_SPLIT[m.key].fullmatch(wide, m.start, m.end)
            if split is None or len(split.group(1)) < 10 or not is_masked(split.group(1)):
                continue
            if _EXPLAINED.search(_sentence_around(wide, m.start, m.end)):
                continue
            hits.append(Hit(m.start, m.end, "masked key"))
        return _merge(hits)


def _sentence_around(wide: str, start: int, end: int, reach: int = 80) -> str:
    """The rest of the sentence or line around ``wide[start:end]``, up to ``reach``
    characters each side. Full stops do not end it: "e.g." and host names have them."""
    lo = max(0, start - reach)
    cut = [m.end() for m in _LINE_END.finditer(wide, lo, start)]
    lo = cut[-1] if cut else lo
    stop = _LINE_END.search(wide, end, min(len(wide), end + reach))
    hi = stop.start() if stop else min(len(wide), end + reach)
    return wide[lo:start] + " " + wide[end:hi]


# --------------------------------------------------------------------------- S102 keys

_KEY_END = re.compile(r"-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----")
_KEY_BODY = re.compile(r"\s*([^\s]{3,})")
# Without an END line, the block runs as long as it looks like key material (base64 lines,
# "Proc-Type: 4,ENCRYPTED" headers, JSON-escaped newlines).
_KEY_TAIL = re.compile(r"(?:[A-Za-z0-9+/=:,.\-]|[ \t\r\n]|\\n)*")


class PrivateKeyDetector(Detector):
    """Private key blocks: PEM/OpenSSH/PGP (``-----BEGIN … PRIVATE KEY-----``) and PuTTY.

    A header with nothing after it, or only ``...`` / ``<your key>``, is a description of the
    format, not a key, and is not reported.
    """

    name = "private_key"
    _PATTERNS = (
        Pattern(r"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----", "PEM private key"),
        Pattern(r"BEGIN SSH2 ENCRYPTED PRIVATE KEY", "SSH2 private key"),
        Pattern(r"PuTTY-User-Key-File-[0-9]+:", "PuTTY private key"),
    )

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        _param_keys(params, self.name, ())

    def patterns(self) -> Sequence[Pattern]:
        return self._PATTERNS

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        return _merge(list(self._blocks(text.wide, patterns)))

    def _blocks(self, wide: str, patterns: list[Match]) -> Iterator[Hit]:
        for m in patterns:
            body = _KEY_BODY.match(wide, m.end, min(len(wide), m.end + 200))
            if body is None or is_placeholder(body.group(1), meta=False) \
                    or body.group(1).startswith("-----END"):
                continue
            end = _KEY_END.search(wide, m.end, m.end + 20_000)
            if end:
                stop = end.end()
            else:
                stop = _KEY_TAIL.match(wide, m.end, m.end + 8000).end()
                while stop > m.end and wide[stop - 1] in " \t\r\n":
                    stop -= 1
            yield Hit(m.start, stop, f"{self._PATTERNS[m.key].name} block")


# --------------------------------------------------------------------------- S103 prose

# Between the cue and the value: "is", ":", "は", "→", "(wifi):", or only a space.
_LINK = r"""
    (?P<link>
        \s*(?:(?:was|has\s+been|got|just\s+got)\s+)?(?:changed|reset|updated|rotated)\s*[!.,;:—–-]*
            \s*(?:the\s+)?new\s+one(?:\s+is|\s*:)\s*
      | \s*(?::(?![=/])|=(?![=>])|→|->)\s*
      | \s+(?:is\s+now|is\s+still|is\s+just|is|was|has\s+been\s+changed\s+to|changed\s+to
            |set\s+to|reset\s+to|will\s+be|are)\s*:?\s*
            (?:(?:literally|just|simply|basically|actually|always|still|now)\s+)?
      | \s*(?:は|が|って|ってのは|を|も)[、,]?\s*:?\s*
      | ['’]s\s+
      | (?=[「『])
      | \s*を?\s*(?P<told>教え|送|伝え|共有し|貼)[ぁ-ん]{0,5}?\s*[、,]?\s*(?:(?=[「『])|[:：→]\s*)
      | \s*を?\s*(?:変え|変更し|再設定し|リセットし|設定し)(?:た|ました|といた|ておいた|ときました)
            (?:よ|ね|けど|ので|から)?\s*(?:[:→、,]|->)?\s*
            (?:[!！。.]*\s*(?:新しいの|新しいほう|新しい方|新パス|今度の|次の)(?:は|が|って)\s*[:：]?\s*)?
      %s
    )
"""
_PROSE_LINK = re.compile(r"(?:\s*[(][^()\n]{0,30}[)])?" + _LINK % r"| [ \t\u3000、]+",
                         re.VERBOSE | re.IGNORECASE)
# "the password for the office wifi is …": the words between need a clear connector.
_PROSE_LINK_FOR = re.compile(r"\s+(?:for|to|of|on)(?:\s+[^\s:=.,!?]+){1,4}?" + _LINK % "",
                             re.VERBOSE | re.IGNORECASE)
# A password asked for and answered in a thread: "pw教えて → Hk#77x", "VPNのパスワード何だっけ？\n
# A: Hikari#vpn24", "> what's the staging password?\nBk9$wq3Tz". Only a value no word can be.
_ANSWERED = re.compile(
    r"[^\n]{0,30}?(?:[?？]|教えて|何だっけ|なんだっけ|何でしたっけ|何だった|忘れた|わかる人|知ってる人"
    r"|\b(?:pls|plz|please)\b)[^\n→]{0,12}?"
    r"(?:[ \t]*(?:→|->|=>|⇒)[ \t]*|[ \t]*\n+[ \t]*(?:>+[ \t]*)?(?:(?:A|答え|回答)[ \t]*[:：][ \t]*"
    r"|@\w+[ \t]+)?)"
    r"(?P<value>[!-~]{6,64})(?=\s|$)", re.IGNORECASE)
_PROSE_VALUE = re.compile(r"""
    (?P<q>["'`“‘「『【])(?P<quoted>[^"'`”’」』】\n]{1,64})["'`”’」』】]
  | (?P<bare>[!-~]{1,64})
""", re.VERBOSE)
_PIN_VALUE = re.compile(r"[^0-9\n]{0,12}?(?<![0-9])([0-9]{4,12})(?![0-9])")
# What may stand between a PIN cue and its digits: "code is", "は誕生日の", "の番号は".
_PIN_GAP = re.compile(r"\s*(?:の|に)?\s*(?:code|number|番号|コード)?\s*(?:is|was|[:=→は、,]|って|も)?"
                      r"\s*(?:まだ|今も|今は|ずっと|いまだに)?"
                      r"\s*(?:(?:now|still|just|literally)\s+)?(?:[^\s]{0,8}?の)?\s*[「\"']?",
                      re.IGNORECASE)
# A user name, a separator and a password: "taro@example.com / Spring2024!".
_PAIR = re.compile(r"(?:\s+(?:for|to|of|on)(?:\s+[^\s:/]+){1,4}?)?\s*(?:[:=→]|は|info|details|情報"
                   r"|\s(?:is|are|was|were)\b)?"
                   r"\s*[:：]?\s*(?:(?:id|user|email|メール)\s*[:：]?\s*)?[A-Za-z0-9._%+\-@]{2,64}\s*(?:[/|,、]|\s+and\s+)\s*"
                   r"(?:(?:pw|pass|password|パス|パスワード)\s*[:：]?\s*)?(?P<secret>[!-~]{4,64})",
                   re.IGNORECASE)
# "changed the wifi password to …", "reset my password to …": the verb comes before the cue.
_CHANGED_TO = re.compile(r"[ \t]+(?:to|into)[ \t]+(?=\S)", re.IGNORECASE)
_CHANGE_VERB = re.compile(r"\b(?:chang|set|reset|updat|switch|swapp?)(?:e|es|ed|ing|s)?\b"
                          r"(?:[ \t]+[^\s.!?]+){0,4}?[ \t]+$", re.IGNORECASE)
_JA_LINKS = frozenset(("は", "が", "って", "も", "を"))
_CLOSING_QUOTES = frozenset("\"'`”’」』】)）")
# A short Japanese phrase before the value: 「パスワードは誕生日の0612」「猫の名前の tama2020」.
_JA_GAP = re.compile(r"(?:[^\x00-\x7f\s、。「」]{1,8}?の){1,3}\s*(?=[!-~])")
_SHORT_LINKS = frozenset((":", "=", "は", "→", "->", "is", "was", "って", ""))
_NOT_SECRET_STARTS = ("http://", "https://", "file:", "/", "~/", "./", "www.", "c:\\")
_UNIT_AFTER = re.compile(
    r"\s*(?:文字|桁|字|回|日|年|月|時|分|秒|人|個|つ|円|万|億|件|歳|才|枚|本|点|位|番目|%|ドル|"
    r"(?:characters?|chars?|digits?|letters?|times|days?|years?|months?|hours?|minutes?|"
    r"people|dollars|yen|usd|jpy|pts?|points?|percent)\b)", re.IGNORECASE)
_QUANTITY = re.compile(r"^(?:[$¥€£][0-9][0-9,.]*|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+\.[0-9]+"
                       r"|[0-9][0-9,.]*(?:k|m|yen|usd|jpy|円|%|x|gb|mb|kb|tb|ms|s|h|min|pts?|st|nd|"
                       r"rd|th|\+))$", re.IGNORECASE)
_WORDLIKE = re.compile(r"^[A-Za-z]+(?:['’\-_][A-Za-z]+)*$")
_JA_PARTICLE_AFTER = re.compile(r"(?:で(?!す|し)|に|の|を|へ|と|や|から|まで|より|など|みたい|っぽ|"
                                r"とか|って|[\u30a1-\u30fa\u4e00-\u9fff])")  # or a compound: Wi-Fiルーター
# "P@ssw0rd is a terrible example", 「password123とかはダメ」: an example, not a leak.
_DISCUSSION_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:is|are|was|would\s+be|=)\s+(?:(?:a|an|the|so|too|very|really|still)\s+)*"
    r"(?:\w+\s+)?(?:terrible|bad|weak|common|popular|typical|awful|horrible|classic|example|"
    r"guessable|easy|insecure|dumb|not\s+(?:a\s+)?(?:good|safe|secure|strong))\b"
    r"|(?:e\.g\.|for\s+example|as\s+an\s+example)\b"
    r"|とか|みたいな|のような|などの?|(?:は|じゃ|では)(?:ダメ|だめ|危険|弱い|やめ|NG|避け)|にしないで|にしちゃ)",
    re.IGNORECASE)
# "the most common password is 123456" talks about passwords; it does not leak one.
_DISCUSSION_BEFORE = re.compile(
    r"(?<![\w@.])(?:common|popular|worst|weakest|weak|typical|top|most\s+used|default|example|"
    r"sample|e\.g\.|such\s+as|guess)|よくある|よく使われ|危険な|弱い|ありがち|人気の|例えば|例|"
    r"初期|デフォルト", re.IGNORECASE)
# Prose that follows a cue and is not a password: "my password is wrong", "パスは通った".
_PROSE_STOPWORDS = _words("""
a an the not no too so very really still also just only now then already always never
literally basically actually probably definitely maybe same different wrong incorrect
correct right invalid valid expired weak weaker strong stronger secure insecure safe unsafe
long short simple easy hard complex complicated random unique good bad terrible awful great
fine okay ok required needed mandatory optional case sensitive changed reset forgotten lost
stolen leaked compromised hacked hidden encrypted hashed stored saved set empty blank there
here in on at for to of with my your his her our their its it this that these those what
which who how why where when something nothing anything everything like mine yours theirs
ours one all none being been getting going nice cool fun funny stupid dumb weird obvious
secret unknown known public private written printed shown visible managed generated
protected based shared sent emailed texted and or but if because since ready done working
broken locked expiring expires enabled disabled use using manager managers
""")
_PASSWORD_MANAGERS = re.compile(r"1password|bitwarden|lastpass|keepass|dashlane|keychain|"
                                r"authenticator|vault|パスワードマネージャー", re.IGNORECASE)


_IDENT_JOIN = frozenset("_-.[$")
# A user name or ID just before the password cue: "user admin and password …", 「ID: x / パス」.
_USER_BEFORE = re.compile(r"(?:\buser(?:name)?|\blogin|\bid|\bemail|\bssid|\bwi-?fi|ユーザー|"
                          r"ユーザ名|ログイン|アカウント|メアド)\W{0,3}\S{1,40}?[\s、,/|]+(?:and\s+|&\s*|で\s*)?$",
                          re.IGNORECASE)


_CLAUSE_END = re.compile(r"[\n.!?。！？]")


def _clause_before(wide: str, pos: int, width: int = 16) -> str:
    """Up to ``width`` characters before ``pos``, within the same sentence."""
    before = wide[max(0, pos - width):pos]
    ends = list(_CLAUSE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def _placeholder_digits(digits: str) -> bool:
    """123456, 000000, 987654: what SMS templates and examples write in place of a one-time
    code. (A four-digit 1234 is left alone: door and lock codes really are set to that.)

    >>> _placeholder_digits("123456"), _placeholder_digits("1234"), _placeholder_digits("482913")
    (True, False, False)
    """
    steps = {int(b) - int(a) for a, b in itertools.pairwise(digits)}
    return len(digits) >= 6 and len(steps) == 1 and steps <= {-1, 0, 1}


@dataclass(frozen=True, slots=True)
class _Cue:
    word: str
    kind: str  # password | short | pin | pair


class PasswordProseDetector(Detector):
    """A password or PIN written out in a sentence, in English or Japanese.

    The cue words come from ``params``: ``cues`` (password words), ``short_cues`` (short or
    ambiguous ones such as ``pw`` and パス, which need a clear ``:``/``=``/``は``),
    ``pin_cues`` (PIN and door-code words, which take 4-12 digits) and ``pair_cues``
    (``login``, ログイン情報: a user name, then ``/`` and a password). They are found in the
    compact view, so ``p a s s w o r d`` and ``ﾊﾟｽﾜｰﾄﾞ`` count. What follows a cue is read in
    Python, on at most 160 characters.
    """

    name = "password_prose"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        _param_keys(params, self.name, ("cues", "short_cues", "pin_cues", "pair_cues",
                                        "min_length"))
        self.cues: list[_Cue] = []
        for key, kind in (("cues", "password"), ("short_cues", "short"), ("pin_cues", "pin"),
                          ("pair_cues", "pair")):
            self.cues += [_Cue(w, kind) for w in self.param_list(key, required=key == "cues")]
        self.min_length = self.param_int("min_length", 4, low=1, high=64)

    def terms(self) -> Sequence[Term]:
        return [Term(c.word, c.kind) for c in self.cues]

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        hits: list[Hit] = []
        covered_end = -1
        for handled, m in enumerate(sorted(terms, key=lambda t: (t.start, -t.end))):
            if m.end <= covered_end:  # "パス" inside "パスワード"
                continue
            if handled >= _MAX_CANDIDATES:
                break  # a post made of cue words is spam; what counts was found already
            covered_end = m.end
            cue = self.cues[m.key]
            if _before(wide, m.start, _IDENT_CHARS) or _after(wide, m.end, _IDENT_JOIN):
                continue  # db_password = …, ibm-cloud-pwd: code, which S104 reads
            if _DISCUSSION_BEFORE.search(_clause_before(wide, m.start)):
                continue
            if cue.kind == "pin":
                span = self._pin(wide, m.end)
            elif cue.kind == "pair":
                span = self._pair(wide, m.end)
            else:
                span = self._password(wide, m.start, m.end, cue) or self._answered(wide, m.end)
            if span is not None:
                hits.append(Hit(m.start, span[1], f"'{cue.word}' followed by a "
                                f"{span[1] - span[0]}-character value"))
        return _merge(hits)

    def _answered(self, wide: str, pos: int) -> tuple[int, int] | None:
        """A question about a password, then the answer after an arrow or on the next line."""
        m = _ANSWERED.match(wide, pos, min(len(wide), pos + 120))
        if m is None:
            return None
        value = m.group("value").rstrip(".,;:)]}>")
        if not self._password_like(value, wide, m.start("value") + len(value), "",
                                   quoted=False, paired=False, strict=True):
            return None
        return m.start("value"), m.start("value") + len(value)

    def _pin(self, wide: str, pos: int) -> tuple[int, int] | None:
        """「暗証番号は誕生日の0612」, "PIN: 4821", "door code is 4821"."""
        m = _PIN_VALUE.match(wide, pos, min(len(wide), pos + 30))
        if m is None or _UNIT_AFTER.match(wide, m.end(1)) \
                or _DISCUSSION_AFTER.match(wide, m.end(1), m.end(1) + 60):
            return None  # 「暗証番号は4桁」, "PIN 1234 とか 0000 は避けて"
        if not _PIN_GAP.fullmatch(wide, pos, m.start(1)) or _placeholder_digits(m.group(1)):
            return None
        return m.start(1), m.end(1)

    def _pair(self, wide: str, pos: int) -> tuple[int, int] | None:
        """"login: taro@example.com / Spring2024!", 「ログイン情報 tanaka / Tnk-1234」."""
        m = _PAIR.match(wide, pos, min(len(wide), pos + 160))
        if m is None:
            return None
        value = m.group("secret").rstrip(".,;:)]}>")
        if not self._password_like(value, wide, m.start("secret") + len(value), ":",
                                   quoted=False, paired=True, strict=True):
            return None
        return m.start("secret"), m.start("secret") + len(value)

    def _password(self, wide: str, cue_start: int, pos: int, cue: _Cue) -> tuple[int, int] | None:
        """The span of the password written after a cue that ends at ``pos``, if any."""
        limit = min(len(wide), pos + 160)
        changed = _CHANGED_TO.match(wide, pos, limit) if cue.kind == "password" else None
        if changed is not None and _CHANGE_VERB.search(_clause_before(wide, cue_start, 40)):
            # "I changed the password to Sakura0412!": only a value no word can be
            connector, at, strict = "to", changed.end(), True
            link = None
        else:
            link = _PROSE_LINK_FOR.match(wide, pos, limit) or _PROSE_LINK.match(wide, pos, limit)
            if link is None:
                return None
            connector = link.group("link").strip().lower()
            first = connector.split()[0] if connector else ""
            if cue.kind == "short" and first not in _SHORT_LINKS:
                return None
            strict = cue.kind == "short" and cue.word.isascii() and len(cue.word) > 3  # "pass"
            if strict and connector not in (":", "=", "→", "->"):
                return None
            strict = strict or connector in ("'s", "’s")  # "the password's strength": a word
            at = link.end()
        gap = _JA_GAP.match(wide, at, limit) if connector in _JA_LINKS else None
        if gap is not None and _PROSE_VALUE.match(wide, at, limit) is None:
            at = gap.end()  # 「パスワードは誕生日の0612」
        else:
            gap = None
        v = _PROSE_VALUE.match(wide, at, limit)
        if v is None or (gap is not None and not any(ch.isdigit() for ch in v.group())):
            return None
        if v.group("q"):
            if v.group("q") in "\"'`" and connector in (":", "="):
                return None  # password = "…": code, which S104 reports
            told = link is not None and link.group("told") is not None  # パスワード教えとく「…」
            if (not connector or told) and not re.fullmatch(r"[!-~]+", v.group("quoted")):
                return None  # パスワード「8文字以上」: a rule quoted, not a password
            value, start, end = v.group("quoted"), v.start("quoted"), v.end("quoted")
            if not value.strip() or len(value.split()) > 5:
                return None
            if len(value) > 6 and sum(not ch.isascii() for ch in value) * 2 > len(value):
                return None  # 「ルーターの裏に書いてある」: a quoted phrase, not a password
        else:
            raw = v.group("bare")
            if is_placeholder(raw.rstrip(".,;:!?")):
                return None
            value = raw.rstrip(".,;:)]}>")
            start, end = v.start("bare"), v.start("bare") + len(value)
            if raw.endswith(";") and connector == "=":
                return None  # password = getpass(); is code, and an expression
            if value[:1] in "(<[{" and value[-1:] not in ")>]}":
                return None
        paired = _USER_BEFORE.search(wide, max(0, cue_start - 40), cue_start) is not None
        if not self._password_like(value, wide, end, connector, quoted=bool(v.group("q")),
                                   paired=paired, strict=strict):
            return None
        return start, end

    def _password_like(self, value: str, wide: str, end: int, connector: str, *,
                       quoted: bool, paired: bool, strict: bool = False) -> bool:
        """Whether ``value`` reads as a password rather than as the sentence going on.

        ``paired``: a user name or ID cue comes just before ("user admin and password …",
        「ユーザー admin、パスワード …」), which makes even a bare word a credential.
        ``strict``: the value must not be a plain word (after "pass", which is also a verb).
        """
        if len(value) < self.min_length or is_placeholder(value) \
                or not any(ch.isalnum() for ch in value):
            return False
        if _PASSWORD_MANAGERS.search(value) or value.lower().startswith(_NOT_SECRET_STARTS):
            return False
        if _QUANTITY.match(value) or (value.isdigit() and _UNIT_AFTER.match(wide, end)):
            return False
        after = end + (1 if quoted else 0)
        while after < len(wide) and wide[after] in _CLOSING_QUOTES:
            after += 1  # 「パスワードは123456」みたいな
        if _DISCUSSION_AFTER.match(wide, after, after + 60):
            return False
        if _SNAKE_WORDS.match(value) and not quoted:
            return False  # password: real_key names a variable
        word = value.rstrip("!?")
        if strict or (not connector and not paired):  # only what cannot be a word
            return (any(c.isalpha() for c in word) and any(not c.isalpha() for c in word)) or \
                (not strict and word.isdigit() and connector != "")
        if _WORDLIKE.match(word) and not quoted:
            words = re.split(r"['’\-_]", word.casefold())
            if any(w in _PROSE_STOPWORDS for w in words):
                return False
            if re.search(r"(?:ly|ed|ing)$", word, re.IGNORECASE) and len(word) > 5:
                return False
            rest = wide[end:end + 12]
            if re.match(r"[ \t]+[a-z]", rest) and not paired:
                return False  # a sentence goes on: "password: use a manager"
            if _JA_PARTICLE_AFTER.match(rest) and not paired and word == value:
                return False  # 「パスワードはiPhoneで管理」, 「Wi-Fiルーター」
        return True


# --------------------------------------------------------------------------- S104 code

_PASSWORD_WORDS = ("password", "passwd", "pwd", "pw", "pass", "passphrase", "passcode",
                   "pin")
_ASSIGN_OP = r"""["'\]]?[ \t]*(?:\[[0-9]*\][ \t]*)?(?::=|=>|===|!==|==|!=|=|:)"""
_OPERATOR = re.compile(r"""["'\]]?[ \t]*(?:\[[0-9]*\][ \t]*)?(?P<op>:=|=>|===|!==|==|!=|=|:|[ \t]+)""")
_VALUE = re.compile(r"""[ \t]*@?(?:
      "(?P<dq>[^"\n]*)"
    | '(?P<sq>[^'\n]*)'
    | `(?P<bq>[^`\n]*)`
    | 「(?P<jq>[^」\n]*)」
    | (?P<bare>(?:[^\s"'`]|\s(?=[\u0300-\u036f]))+)
)""", re.VERBOSE)
_SPACED_MARK = re.compile(r"\s(?=[\u0300-\u036f])")
_MAX_CANDIDATES = 32
_NEXT_KEY = re.compile(r"[&,;](?=[A-Za-z_][\w.\-]*[ \t]*[:=])")
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]")
_IDENT_CHARS = ALNUM | frozenset("_-.$")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*"
                         r"(?:\(.*\)|\[.*\])?$")
_CALL = re.compile(r"^[A-Za-z_$][\w$.]*[(\[]")
# Keys about a secret rather than holding one: password_hash, token_type, secret_length.
_NOT_SECRET_KEY = re.compile(
    r"(?:hash|hashed|digest|salt|length|len|min|max|policy|field|label|prompt|hint|reset|"
    r"file|path|dir|confirm|confirmation|required|regex|pattern|expiry|expires|expiration|"
    r"ttl|timeout|type|name|id|count|limit|placeholder|url|uri|endpoint|header|env|var|"
    r"enabled|strength|rule|rules|input|form|manager|less|protected)$", re.IGNORECASE)
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_SNAKE_WORDS = re.compile(r"^[a-z]+(?:[_\-][a-z]+)+$")
_QUOTED_BLOB = r"""["'][A-Za-z0-9+/=_\-]{20,}["']"""
_BEARER = r"(?:bearer|basic|token)[ \t]+[A-Za-z0-9\-._~+/]{20,}=*"
_CLI_FLAG = r"--[A-Za-z0-9_\-]*(?:password|passwd|token|secret|api-?key|access-key)" \
            r"[A-Za-z0-9_\-]*(?:=|[ \t]+)"
_COMPARE = r"(?:===|!==|==|!=)[ \t]*[A-Za-z0-9_]*(?:pass|secret|key|token|pwd)"


# The kinds of CredentialAssignmentDetector hits, in the order of its patterns.
_KEY_OP, _KEY_STATEMENT, _COMPARISON, _FLAG, _HEADER, _BLOB, _SENTENCE, _COMMAND, _JAPANESE = \
    range(9)

# Command lines that take a password in a short option: curl -u user:pass, mysql -pPASS,
# sshpass -p PASS, redis-cli -a PASS, smbclient -U user%pass. The command wakes the check; the
# option is read on the rest of its line.
_COMMAND_RE = r"\b(?:curl|wget|mysql|mysqldump|mariadb|mysqladmin|sshpass|redis-cli|mongosh|mongo|smbclient|lftp)\b"
_COMMAND_OPTIONS = {
    "curl": re.compile(r"(?:^|[ \t])(?:-u|--user|--proxy-user|-U)(?:[ \t]+|=)['\"]?[^\s'\":]+:"
                       r"(?P<v>[^\s'\"]+)"),
    "wget": re.compile(r"(?:^|[ \t])--(?:http-|ftp-)?password(?:[ \t]+|=)['\"]?(?P<v>[^\s'\"]+)"),
    "mysql": re.compile(r"(?:^|[ \t])-p['\"]?(?P<v>[^\s'\"]+)"),
    "sshpass": re.compile(r"(?:^|[ \t])-p[ \t]*['\"]?(?P<v>[^\s'\"]+)"),
    "redis-cli": re.compile(r"(?:^|[ \t])-a[ \t]+['\"]?(?P<v>[^\s'\"]+)"),
    "mongo": re.compile(r"(?:^|[ \t])-p[ \t]+['\"]?(?P<v>[^\s'\"]+)"),
    "smbclient": re.compile(r"(?:^|[ \t])-U[ \t]+['\"]?[^\s'\"%]+%(?P<v>[^\s'\"]+)"),
    "lftp": re.compile(r"(?:^|[ \t])-u[ \t]+['\"]?[^\s'\",]+,(?P<v>[^\s'\"]+)"),
}
_COMMAND_OPTIONS.update({"mysqldump": _COMMAND_OPTIONS["mysql"], "mariadb": _COMMAND_OPTIONS["mysql"],
                         "mysqladmin": _COMMAND_OPTIONS["mysql"], "mongosh": _COMMAND_OPTIONS["mongo"]})


def _claimed(wide: str, key_start: int, vstart: int, vend: int, value: str) -> bool:
    """True when S101 reports this value: a known token format, or a vendor key and value."""
    if _ANY_FORMAT.search(value):
        return True
    npmrc = wide[max(0, key_start - 2):key_start] == "/:"
    if len(value) < 20 and not npmrc:
        return False  # every vendor value below is longer
    stop = min(len(wide), vend + 1)
    for m in _ANY_FORMAT.finditer(wide, key_start, stop):  # AccountKey=… carries its key
        if m.end() > vstart:
            return True
    start = max(0, key_start - (120 if npmrc else 4))
    return any(m.end() > vstart for m in _ANY_KEYED.finditer(wide, start, stop))


_CONNECTION_KEY = re.compile(r";[ \t]*[A-Za-z][A-Za-z0-9 _]{0,30}=")


def _in_connection_string(wide: str, key_start: int, value_end: int) -> bool:
    """``Server=db01;User Id=sa;Password=…;``: a key in a list of ``key=value;`` settings."""
    before = wide[max(0, key_start - 80):key_start].rstrip(" \t")
    if before.endswith(";") and "=" in before.rsplit("\n", 1)[-1]:
        return True
    return _CONNECTION_KEY.match(wide, value_end, value_end + 40) is not None


def _keyword_regex(words: Sequence[str]) -> str:
    """One alternation; a space in a key means an optional separator (``api key`` → api_key)."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(r"[ _\-.]?".join(re.escape(p) for p in w.split()))
    return "(?:" + "|".join(parts) + ")"


class CredentialAssignmentDetector(Detector):
    """Secrets assigned to a key in code or configuration pasted into a post.

    A key (``password``, ``api_key``, ``client_secret``, ``token``, ``APIキー`` …; from
    ``params``) followed by ``=``, ``:``, ``:=``, ``=>``, ``==`` and a value; ``--password
    …`` on a command line; ``Authorization: Bearer …``; and quoted high-entropy strings.
    The value must look like a secret: long enough, not a placeholder, not a variable or
    environment reference, and for tokens random-looking (``min_entropy``).
    """

    name = "credential_assignment"

    def __init__(self, params: Mapping[str, Any], context: Context) -> None:
        super().__init__(params, context)
        _param_keys(params, self.name, ("password_keys", "keys", "ja_keys", "min_length",
                                        "min_entropy", "quoted_min_entropy"))
        self.password_keys = self.param_list("password_keys", required=True)
        self.keys = self.param_list("keys", required=True)
        self.ja_keys = self.param_list("ja_keys")
        self.min_length = self.param_int("min_length", 4, low=1, high=64)
        self.min_entropy = self.param_float("min_entropy", 3.0, low=0.0, high=8.0)
        self.quoted_min_entropy = self.param_float("quoted_min_entropy", 4.5, low=0.0, high=8.0)
        every = [*self.password_keys, *self.keys]
        self._key_re = _keyword_regex(every)
        self._password_re = re.compile(_keyword_regex(self.password_keys), re.IGNORECASE)
        # In Python, a keyword only counts at a word boundary inside the identifier:
        # db_password, dbPassword, PASSWORD_2 yes; bypass, compass, passport no.
        camel = r"(?-i:(?<=[a-z])(?=[A-Z]))"
        self._in_ident = re.compile(
            r"(?:^|(?<=[_\-.0-9$])|" + camel + ")" + self._key_re
            + r"(?:$|(?=[_\-.0-9])|" + camel + r"|(?:s|e|es)$)", re.IGNORECASE)
        self._keyword = re.compile(self._key_re, re.IGNORECASE)
        # The order is the kind of each hit: see find().
        self._patterns = [
            Pattern(self._key_re + r"[A-Za-z0-9_\-.]*" + _ASSIGN_OP, "key and value",
                    caseless=True),
            Pattern(self._key_re + r"[A-Za-z0-9_]*[ \t]+\"[^\"\n]+\";", "key and value",
                    caseless=True),
            Pattern(_COMPARE, "comparison with a literal", caseless=True),
            Pattern(_CLI_FLAG, "command-line option", caseless=True),
            Pattern(_BEARER, "authorization header", caseless=True),
            Pattern(_QUOTED_BLOB, "high-entropy string"),
            Pattern(_keyword_regex(self.keys) + r"(?:[ \t]+(?:is|was)|[ \t]*(?:→|->|=>))?[ \t]+",
                    "key in a sentence", caseless=True),
            Pattern(_COMMAND_RE, "password option of a command", caseless=True),
        ]
        if self.ja_keys:
            self._patterns.append(Pattern(
                "(?:" + "|".join(re.escape(k) for k in self.ja_keys) + r")(?:[ \t]*(?:[:=→]|は|を|「)|[ \t]+)",
                "key and value", caseless=True))

    def patterns(self) -> Sequence[Pattern]:
        return self._patterns

    def find(self, text: Text, patterns: list[Match], terms: list[Match]) -> Iterable[Hit]:
        wide = text.wide
        hits: list[Hit] = []
        blobs: list[Match] = []
        seen_keys: set[int] = set()
        read = [-1]  # where the last value read ends: a key inside a value is part of it
        handled = 0
        for m in patterns:
            kind = m.key
            if kind == _BLOB:
                blobs.append(m)
                continue
            if m.start < read[0]:
                continue
            handled += 1
            if handled > _MAX_CANDIDATES:
                break  # a post made of keys is spam; what counts was found already
            if kind == _COMPARISON:
                hit = self._comparison(wide, m)
            elif kind == _FLAG:
                hit = self._flag(wide, m, read)
            elif kind == _HEADER:
                hit = self._bearer(wide, m)
            elif kind == _SENTENCE:
                hit = self._sentence(wide, m, read)
            elif kind == _COMMAND:
                hit = self._command(wide, m)
            elif kind == _JAPANESE:
                hit = self._japanese(wide, m, read)
            else:
                start = self._ident_start(wide, m.start)
                if start in seen_keys:
                    continue
                seen_keys.add(start)
                hit = self._assignment(wide, start, m, read)
            if hit is not None:
                hits.append(hit)
        for m in blobs:
            if any(h.start <= m.start < h.end for h in hits):
                continue
            value = wide[m.start + 1:m.end - 1]
            if wide[m.start] != wide[m.end - 1] or not self._high_entropy(value):
                continue
            if _ANY_FORMAT.search(value):
                continue
            hits.append(Hit(m.start + 1, m.end - 1, "high-entropy quoted string"))
        return _merge(hits)

    # -- the forms

    def _ident_start(self, wide: str, pos: int) -> int:
        lo = max(0, pos - 40)
        while pos > lo and wide[pos - 1] in _IDENT_CHARS:
            pos -= 1
        return pos

    def _assignment(self, wide: str, start: int, m: Match, read: list[int]) -> Hit | None:
        end = start
        for k in self._keyword.finditer(wide, start, m.end):  # "secret key" has a space
            end = max(end, k.end())
        while end < len(wide) and wide[end] in _IDENT_CHARS:
            end += 1
        ident = wide[start:end]
        if not ident or not self._in_ident.search(ident):
            return None
        last = re.split(r"[_\-. ]|(?<=[a-z])(?=[A-Z])", ident)[-1]
        if _NOT_SECRET_KEY.match(last) and not self._in_ident.fullmatch(last):
            return None  # password_hash = …, token_type: bearer
        if (start > 0 and wide[start - 1] == "-") or ident.startswith("-"):
            return None  # a command-line flag: handled by _flag
        op = _OPERATOR.match(wide, end, end + 12)
        if op is None:
            return None
        operator = op.group("op").strip()
        value = self._read_value(wide, op.end(), read)
        if value is None:
            return None
        text, vstart, vend, quote, statement_end = value
        if not operator and not (quote == '"' and wide[vend + 1:vend + 2] == ";"):
            return None  # key "value"; is a config statement; key value is prose
        if operator in ("==", "!=", "===", "!==") and not quote:
            return None
        bare_cue = ident.casefold() in _PASSWORD_WORDS
        settings = operator == "=" and not quote and _in_connection_string(wide, start, vend)
        if bare_cue and operator in (":", "=") and quote in ("", "「") and not settings:
            return None  # "password: hunter2" is prose: S103 reports it
        if operator == "=>" and not quote:
            return None  # PHP/Ruby: an unquoted value is a constant or a symbol
        if statement_end and not quote and not settings:
            return None  # password = getPassword(); is an expression
        passwordish = bool(self._password_re.search(ident))
        # api_key: '…' is configuration; secret: '…' may be prose
        code = operator != ":" or bool(re.search(r"[_\-.0-9]|[a-z][A-Z]", ident))
        if not self._secret_like(text, quote=quote, passwordish=passwordish, code=code):
            return None
        if _claimed(wide, start, vstart, vend, text):
            return None  # a known service format: S101 reports it
        return Hit(start, vend + (1 if quote else 0),
                   f"key '{ident}' with a {len(text)}-character value")

    def _comparison(self, wide: str, m: Match) -> Hit | None:
        # "…" == password: the literal is before the operator.
        k = m.start
        while k > 0 and wide[k - 1] in " \t":
            k -= 1
        if k == 0 or wide[k - 1] not in "\"'`":
            return None
        q = wide[k - 1]
        open_at = wide.rfind(q, max(0, k - 202), k - 1)
        if open_at < 0:
            return None
        ident_start = m.end
        while ident_start > m.start and wide[ident_start - 1] in TOKEN_CHARS:
            ident_start -= 1
        tail = m.end
        while tail < len(wide) and wide[tail] in TOKEN_CHARS:
            tail += 1
        ident = wide[ident_start:tail]
        if not self._in_ident.search(ident):
            return None
        value = wide[open_at + 1:k - 1]
        if not self._secret_like(value, quote=q, passwordish=bool(self._password_re.search(
                ident)), code=True):
            return None
        return Hit(open_at, tail, f"comparison of '{ident}' with a literal")

    def _flag(self, wide: str, m: Match, read: list[int]) -> Hit | None:
        if _before(wide, m.start, TOKEN_CHARS):
            return None
        value = self._read_value(wide, m.end, read)
        if value is None:
            return None
        text, vstart, vend, quote, _ = value
        if _claimed(wide, m.start, vstart, vend, text):
            return None
        flag = wide[m.start:m.end].strip(" \t=")
        if text.startswith("-") or not self._secret_like(
                text, quote=quote, passwordish=bool(self._password_re.search(flag)), code=True):
            return None
        return Hit(m.start, vend + (1 if quote else 0), f"option '{flag}' with a value")

    def _command(self, wide: str, m: Match) -> Hit | None:
        """``curl -u ops:Hk8mQ2xZ9 …``, ``mysql -u root -pHk8mQ2xZ9``: a password option."""
        if _before(wide, m.start, TOKEN_CHARS | frozenset("/")) or _after(wide, m.end, TOKEN_CHARS):
            return None
        options = _COMMAND_OPTIONS[wide[m.start:m.end].lower()]
        line_end = wide.find("\n", m.end)
        line_end = len(wide) if line_end < 0 else line_end
        found = options.search(wide, m.end, min(line_end, m.end + 200))
        if found is None:
            return None
        value = found.group("v").rstrip(".,;)")
        if not self._secret_like(value, quote="", passwordish=True, code=True) \
                or value.startswith("-") or _WORDLIKE.match(value):
            return None
        if _claimed(wide, m.start, found.start("v"), found.start("v") + len(value), value):
            return None
        end = found.start("v") + len(value)
        if wide[found.start("v") - 1] in "'\"" and wide[end:end + 1] == wide[found.start("v") - 1]:
            end += 1  # sshpass -p 'Hk8…': the closing quote too
        command = wide[m.start:m.end]
        return Hit(m.start, end, f"'{command}' with a password option")

    def _bearer(self, wide: str, m: Match) -> Hit | None:
        if _before(wide, m.start, ALNUM):
            return None
        scheme, _, value = wide[m.start:m.end].partition(" ")
        value = value.strip()
        if scheme.casefold() == "token" and not re.search(r"authorization\s*:\s*$",
                                                          wide[max(0, m.start - 20):m.start],
                                                          re.IGNORECASE):
            return None
        if _ANY_FORMAT.search(value) or is_placeholder(value, meta=False) \
                or not _looks_random(value, self.min_entropy):
            return None
        return Hit(m.start, m.end, f"{scheme} credential in an authorization header")

    def _sentence(self, wide: str, m: Match, read: list[int]) -> Hit | None:
        """"my API key is 8f1e…", "token 8f1e…": the value must look random on its own."""
        if _before(wide, m.start, _IDENT_CHARS):
            return None
        value = self._read_value(wide, m.end, read)
        if value is None:
            return None
        text, vstart, vend, quote, _ = value
        text = text.rstrip(".!?")
        linked = bool(re.search(r"(?:\b(?:is|was)|→|->|=>)[ \t]+$", wide[m.start:m.end],
                                re.IGNORECASE))
        if _claimed(wide, m.start, vstart, vend, text):
            return None
        if not self._secret_like(text, quote=quote, passwordish=False, code=False):
            return None
        if not linked and not (len(text) >= 16 and _char_classes(text) >= 2
                               and entropy(text) >= 3.5):
            return None
        key = " ".join(wide[m.start:m.end].split()[:2])
        return Hit(m.start, vstart + len(text) + (1 if quote else 0),
                   f"'{key}' followed by a {len(text)}-character value")

    def _japanese(self, wide: str, m: Match, read: list[int]) -> Hit | None:
        """「APIキーは 8f1e…」「トークン「8f1e…」をメモ」: a random value after a Japanese key."""
        if wide[m.end - 1] in " \t" and re.match(r"[ \t]*(?:[:=→「]|は|を)", wide[m.end:m.end + 4]):
            return None  # 「トークン : …」: the match that ends at the colon reads it
        at = m.end - 1 if wide[m.end - 1] == "「" else m.end
        value = self._read_value(wide, at, read)
        if value is None:
            return None
        text, _vstart, vend, quote, _ = value
        if _ANY_FORMAT.search(text):
            return None
        if not self._secret_like(text, quote=quote, passwordish=False, code=False):
            return None
        if wide[m.end - 1] in " \t" and not (
                len(text) >= 16 and _char_classes(text) >= 2 and entropy(text) >= 3.5):
            return None  # 「秘密鍵 0x4c08…」: with only a space between, the value must look random
        return Hit(m.start, vend + (1 if quote else 0), "key and value")

    # -- values

    def _read_value(self, wide: str, pos: int,
                    read: list[int]) -> tuple[str, int, int, str, bool] | None:
        """The value at ``pos``: its text, span, quote and whether a ``;`` ends it.

        ``read[0]`` is moved to the end of the value, so the keys inside it are not read again.
        """
        v = _VALUE.match(wide, pos, min(len(wide), pos + 240))
        if v is None:
            return None
        for group, quote in (("dq", '"'), ("sq", "'"), ("bq", "`"), ("jq", "「")):
            if v.group(group) is not None:
                read[0] = max(read[0], v.end(group))
                return v.group(group), v.start(group), v.end(group), quote, False
        bare = v.group("bare")
        start = v.start("bare")
        cut = _NEXT_KEY.search(bare) or _CJK.search(bare)
        if cut:  # "token=abc&secret=…", "token=abc123です": the value ends there
            bare = bare[:cut.start()]
        read[0] = max(read[0], start + len(bare))
        stripped = bare.rstrip(",;)")
        return stripped, start, start + len(stripped), "", ";" in bare[len(stripped):]

    def _secret_like(self, value: str, *, quote: str, passwordish: bool, code: bool) -> bool:
        v = _SPACED_MARK.sub("", value.strip())
        if len(v) < self.min_length or not any(ch.isalnum() for ch in v):
            return False
        if is_placeholder(v) or v.lower().startswith(_NOT_SECRET_STARTS) or "PRIVATE KEY" in v:
            return False  # a URL or a path; a key block is S102's
        if not quote and ((_IDENTIFIER.match(v) and not any(ch.isdigit() for ch in v))
                          or _ENV_NAME.match(v) or _CALL.match(v)):
            return False  # a variable or a call: password = user_password, hash(pw)
        if _SNAKE_WORDS.match(v):
            return False  # "real_key", "not-long-enough": names, not secrets
        if " " in v:
            # "correct horse battery staple" is a passphrase when code assigns it.
            words = v.split()
            return bool(quote) and code and len(words) >= 3 and len(v) >= 12 \
                and all(w.isalpha() for w in words)
        if v.isdigit():
            return passwordish
        if passwordish:
            return not (_WORDLIKE.match(v) and v.casefold() in _PROSE_STOPWORDS)
        if len(v) < 8:
            return False
        if _char_classes(v) >= 2:
            return entropy(v) >= self.min_entropy
        return len(v) >= 20 and entropy(v) >= self.min_entropy + 0.5

    def _high_entropy(self, value: str) -> bool:
        if len(value) < 20 or is_placeholder(value, meta=False):
            return False
        if re.fullmatch(r"[0-9a-fA-F]+", value):
            return len(value) >= 32 and not value.isdigit() and entropy(value) >= self.min_entropy
        return _char_classes(value) >= 3 and entropy(value) >= self.quoted_min_entropy
