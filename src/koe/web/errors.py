"""Errors shown to people: one base (koe.engine.errors.KoeError), one handler.

Views and services raise :class:`KoeError` subclasses; the middleware turns them into a page or
a JSON body with the right status, in the reader's language. The API uses the same handler.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from koe.engine.errors import KoeError

__all__ = ["Conflict", "KoeError", "KoeErrorMiddleware", "NotAllowed", "ValidationFailed",
           "error_response"]


class ValidationFailed(KoeError):
    """Input that cannot be accepted; ``field`` names it. Messages in English and Japanese."""

    code = "invalid"
    status = 400

    def __init__(self, field: str | None, en: str, ja: str | None = None):
        self.field = field
        self.en = en
        self.ja = ja or en
        super().__init__(en)

    def __str__(self) -> str:
        return self.ja if (get_language() or "").startswith("ja") else self.en


class Conflict(ValidationFailed):
    """The request is fine but the object's state does not allow it (e.g. already published)."""

    code = "conflict"
    status = 409


class NotAllowed(ValidationFailed):
    code = "forbidden"
    status = 403


def _wants_json(request: HttpRequest) -> bool:
    return (request.path.startswith("/api/")
            or "application/json" in request.headers.get("Accept", ""))


def error_response(request: HttpRequest, exc: KoeError) -> HttpResponse:
    body = {"error": exc.code, "message": str(exc)}
    field = getattr(exc, "field", None)
    if field:
        body["field"] = field
    if _wants_json(request):
        return JsonResponse(body, status=exc.status)
    template = "error_fragment.html" if request.headers.get("HX-Request") else "error.html"
    return render(request, template, {"error": body, "status": exc.status}, status=exc.status)


class KoeErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .badinput import unstorable_input

        refused = unstorable_input(request)
        if refused is not None:
            return error_response(request, refused)
        return self.get_response(request)

    def process_exception(self, request, exc):
        if isinstance(exc, KoeError):
            return error_response(request, exc)
        return None
