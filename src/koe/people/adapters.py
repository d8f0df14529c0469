from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is off unless KOE_SIGNUP_ENABLED: people are added by HR or single sign-on."""

    def is_open_for_signup(self, request):
        return settings.ACCOUNT_ALLOW_REGISTRATION
