"""Koe's policy engine: policy-as-code in, findings out. Pure Python, no Django.

>>> from koe.engine import load_policy
>>> scanner = load_policy().compile()
>>> scanner.scan("今日は良い天気", account="personal").verdict
'ok'

The web app, the CLI and the workers all call this API:

- :func:`load_policy` / :func:`parse_policy` → :class:`Policy` (errors: :class:`PolicyError`)
- :meth:`Policy.compile` → :class:`Scanner`; :meth:`Scanner.scan` → :class:`Report`
- :class:`InternalIndex` registers private documents for leak detection.
"""

from .errors import InputError, KoeError, PolicyError, UsageError
from .leak import InternalIndex
from .policy import (
    ACCOUNTS,
    CATEGORIES,
    SEVERITIES,
    VERDICTS,
    Policy,
    Rule,
    default_policy,
    load_policy,
    parse_policy,
)
from .report import Finding, Report
from .scanner import Scanner

__all__ = [
    "ACCOUNTS",
    "CATEGORIES",
    "SEVERITIES",
    "VERDICTS",
    "Finding",
    "InputError",
    "InternalIndex",
    "KoeError",
    "Policy",
    "PolicyError",
    "Report",
    "Rule",
    "Scanner",
    "UsageError",
    "default_policy",
    "load_policy",
    "parse_policy",
]
