"""The REST API: one NinjaAPI, token or session authentication, the same permissions as the UI.

Each app adds its router in ``api_urls``. Errors come back as ``{"error", "message", "field"?}``
with the error's status, in the caller's language (``Accept-Language``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyHeader, HttpBearer, django_auth

from koe.engine.errors import KoeError
from koe.people.permissions import require


class BearerToken(HttpBearer):
    """``Authorization: Bearer koe_…`` from the person's API tokens page."""

    def authenticate(self, request, token):
        from koe.people.services import api_token_user

        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class TokenHeader(APIKeyHeader):
    param_name = "X-Koe-Token"

    def authenticate(self, request, key):
        from koe.people.services import api_token_user

        user = api_token_user(key or "")
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(title="Koe API", version="1", urls_namespace="api",
               auth=[BearerToken(), TokenHeader(), django_auth],
               description="Koe's REST API. Authenticate with `Authorization: Bearer <token>` "
                           "(create tokens under People → API tokens) or a signed-in session.")


class ErrorOut(Schema):
    error: str
    message: str
    field: str | None = None


@api.exception_handler(KoeError)
def _koe_error(request, exc: KoeError):
    body = {"error": exc.code, "message": str(exc)}
    if getattr(exc, "field", None):
        body["field"] = exc.field
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"error": "forbidden",
                                         "message": "You do not have permission for this."},
                               status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"error": "not_found", "message": "Not found."},
                               status=404)


@api.exception_handler(AuthenticationError)
def _unauthorized(request, exc):
    return api.create_response(request, {"error": "unauthorized",
                                         "message": "Sign in or send an API token."}, status=401)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    # django-ninja's own 4xx (e.g. a body it cannot parse) in the same shape as ours.
    code = {400: "invalid", 404: "not_found", 405: "method_not_allowed"}.get(exc.status_code,
                                                                          "invalid")
    return api.create_response(request, {"error": code, "message": str(exc)},
                               status=exc.status_code)


@api.exception_handler(MultiPartParserError)
def _bad_multipart(request, exc):
    return api.create_response(request, {
        "error": "invalid",
        "message": "The request body is not valid multipart/form-data (check the boundary "
                   "in the Content-Type header), or send JSON with Content-Type: "
                   "application/json."}, status=400)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    from django.conf import settings

    return api.create_response(request, {
        "error": "too_large",
        "message": f"The request is too large (at most "
                   f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes besides uploaded files)."},
        status=413)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "payload"))
    return api.create_response(request, {"error": "invalid", "field": where or None,
                                         "message": f"{where or 'input'}: {first.get('msg', 'invalid')}",
                                         "details": exc.errors}, status=422)


# ----------------------------------------------------------------------------- check

class CheckIn(Schema):
    text: str
    account: str = "personal"
    lang: str | None = None


class CheckFindingOut(Schema):
    rule: str
    name: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestion: str
    evidence: str


class CheckOut(Schema):
    verdict: str
    findings: list[CheckFindingOut]


@api.post("/check", response={200: CheckOut, 400: ErrorOut, 403: ErrorOut}, tags=["check"],
          summary="Check a post against the published policy")
def check(request, payload: CheckIn):
    from koe.web.errors import ValidationFailed
    from koe.web.selfcheck import check_text

    require(request.user, "selfcheck.use")
    if len(payload.text) > 10_000:
        raise ValidationFailed("text", "A post can be at most 10,000 characters.",
                               "投稿は 10,000 文字までです。")
    lang = payload.lang or getattr(request, "LANGUAGE_CODE", None) or request.user.language
    report = check_text(payload.text, payload.account, lang)
    return {"verdict": report.verdict, "findings": [f.to_dict() for f in report.findings]}
