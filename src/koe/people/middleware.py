"""Per-user language and the two-factor requirement for sensitive roles."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from .choices import MFA_ROLES


class UserLanguageMiddleware:
    """Use the signed-in person's language unless they picked another one this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireMfaMiddleware:
    """People whose roles can publish or see cases must turn on TOTP before anything else."""

    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (settings.KOE_MFA_REQUIRED and not request.path.startswith(self.ALLOWED_PREFIXES)
                and user is not None and user.is_authenticated
                and user.has_role(*MFA_ROLES) and not _has_totp(user)):
            return redirect(reverse("mfa_activate_totp") + "?required=1")
        return self.get_response(request)


def _has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
