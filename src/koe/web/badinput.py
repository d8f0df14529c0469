"""Input no view can store: refused before any view runs, with the parameter that carries it.

PostgreSQL cannot store NUL (U+0000) in text, and an unpaired UTF-16 surrogate (``"\\ud800"``
in JSON) cannot be encoded at all; both used to reach the database and end as a 500. No person
types either, so :class:`~koe.web.errors.KoeErrorMiddleware` refuses them here, for every page
and the API alike, naming the parameter (``action``, ``title_en``, ``items.2.text``):

* the path and the query string of every request;
* the JSON body of API requests (which is also checked to be JSON at all).

Form posts are left to the forms: Django's ``CharField`` already refuses NUL with a message next
to the field, and the page keeps what was typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

from .errors import ValidationFailed

__all__ = ["unstorable_input"]


def _bad_char(text: str) -> str | None:
    """``"nul"`` or ``"surrogate"`` if ``text`` holds a character that cannot be stored."""
    if "\x00" in text:
        return "nul"
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            return "surrogate"
    return None


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(path, problem) for every unstorable string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        problem = _bad_char(value)
        if problem:
            yield path, problem
    elif isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            problem = _bad_char(str(key))
            if problem:
                yield here, problem
                continue
            yield from _walk(item, here)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}" if path else str(index))


def _printable(name: str) -> str:
    """``name`` with NUL, control characters and surrogates written as escapes (``\\x00``)."""
    return "".join(ch if ch.isprintable() and not "\ud800" <= ch <= "\udfff"
                   else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
                   for ch in name)


def _refusal(field: str, problem: str) -> ValidationFailed:
    if problem == "nul":
        return ValidationFailed(
            field,
            f"“{field}” contains a NUL character (U+0000), which cannot be stored. "
            "Remove it and send again.",
            f"「{field}」に保存できない NUL 文字（U+0000）が含まれています。"
            "取り除いてからもう一度送信してください。")
    return ValidationFailed(
        field,
        f"“{field}” contains an unpaired surrogate (a broken character), which cannot be "
        "stored. Send the text as valid UTF-8.",
        f"「{field}」に壊れた文字（対になっていないサロゲート）が含まれていて保存できません。"
        "正しい UTF-8 の文字列として送信してください。")


def _is_json(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    return content_type == "application/json" or content_type.endswith("+json")


def unstorable_input(request: HttpRequest) -> ValidationFailed | None:
    """The error for the first unstorable value in ``request``, or None when all is well."""
    problem = _bad_char(request.path)
    if problem:
        # No address has one; path parameters (a token, a slug) reached the database with it.
        return _refusal(_printable(request.path), problem)
    for key, values in request.GET.lists():
        problem = _bad_char(key)
        if problem:
            return _refusal(_printable(key), problem)
        for value in values:
            problem = _bad_char(value)
            if problem:
                return _refusal(_printable(key), problem)
    if (request.path.startswith("/api/") and request.method in ("POST", "PUT", "PATCH", "DELETE")
            and _is_json(request)):
        try:
            body = request.body
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            return ValidationFailed(
                None, f"The request body is too large (at most {limit:,} bytes).",
                f"リクエストの本文が大きすぎます（{limit:,} バイトまで）。")
        if not body:
            return None
        try:
            data = json.loads(body)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError):
                return ValidationFailed(
                    None, f"The request body is not valid JSON (line {exc.lineno}, "
                          f"column {exc.colno}: {exc.msg}).",
                    f"リクエストの本文が正しい JSON ではありません（{exc.lineno} 行 {exc.colno} 列）。")
            return ValidationFailed(None, "The request body is not valid UTF-8 JSON.",
                                    "リクエストの本文が正しい UTF-8 の JSON ではありません。")
        for field, problem in _walk(data, ""):
            return _refusal(_printable(field) or "body", problem)
    return None
