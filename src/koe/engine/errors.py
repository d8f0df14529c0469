"""The one error type of Koe: a code, a message a person can act on, and an HTTP status."""

from __future__ import annotations

__all__ = ["InputError", "KoeError", "PolicyError", "UsageError"]


class KoeError(Exception):
    """Base of every error Koe shows to a person.

    The CLI prints ``str(error)`` and exits 2; the web app turns it into a response with
    ``status``. Never a traceback.
    """

    code = "koe_error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status

    def __str__(self) -> str:
        return self.message


class PolicyError(KoeError):
    """A policy that cannot be loaded: says which file, line and column, and how to fix it."""

    code = "policy_invalid"
    status = 422

    def __init__(self, problem: str, *, source: str = "<policy>", line: int | None = None,
                 column: int | None = None, fix: str | None = None):
        self.problem = problem
        self.source = source
        self.line = line
        self.column = column
        self.fix = fix
        where = source if line is None else f"{source}:{line}:{column or 1}"
        text = f"{where}: {problem}"
        if fix:
            text += f"\n  fix: {fix}"
        super().__init__(text)


class UsageError(KoeError):
    """A wrong call: an unknown option value, a missing file."""

    code = "usage"


class InputError(KoeError):
    """Input that cannot be read, with where it is."""

    code = "input_invalid"
