"""Readable rule titles in the reader's language (the rule's ``name`` is an identifier).

The built-in rules have titles here, translated like any other UI string; an organization's
own rules get the first sentence of their message, or their name made readable.
"""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

TITLES = {
    "email-address": _("E-mail address"),
    "phone-number": _("Phone number"),
    "card-number": _("Payment card number"),
    "iban": _("Bank account number (IBAN)"),
    "my-number": _("My Number (Individual Number)"),
    "us-ssn": _("US Social Security Number"),
    "passport-number": _("Passport number"),
    "bank-account": _("Bank account number"),
    "street-address": _("Street address"),
    "service-token": _("Access key or token"),
    "private-key-block": _("Private key"),
    "password-in-prose": _("Password or PIN"),
    "credential-assignment": _("Credential in code or configuration"),
    "masked-key": _("Masked key"),
    "project-codename": _("Unreleased project code name"),
    "internal-hostname": _("Internal host name"),
    "confidential-information": _("Unpublished company information"),
    "internal-document-copy": _("Copy of an internal discussion"),
    "insult": _("Personal insult"),
    "slur-or-discrimination": _("Slur or discrimination"),
    "threat": _("Threat"),
    "obscene": _("Sexual or obscene language"),
    "toxicity-model": _("Hostile tone"),
    "undisclosed-promotion": _("Undisclosed promotion"),
    "buried-disclosure": _("Hidden disclosure"),
    "guaranteed-returns": _("Promised investment returns"),
    "cure-claim": _("Health or cure claim"),
    "unofficial-statement": _("Speaking officially from a personal account"),
}

_SENTENCE = re.compile(r"^(.{4,40}?)[。.!?！？]")


def rule_title(rule, lang: str | None = None) -> str:
    """``rule``'s title, e.g. "E-mail address" / "メールアドレス" for ``email-address``."""
    lang = lang or ("ja" if (get_language() or "").startswith("ja") else "en")
    own = getattr(rule, "title", None)  # a policy may carry its own titles one day
    if isinstance(own, dict) and (own.get(lang) or own.get("en")):
        return own.get(lang) or own.get("en")
    if rule.name in TITLES:
        with translation.override(lang):
            return str(TITLES[rule.name])
    message = rule.text("message", lang) if hasattr(rule, "text") else ""
    found = _SENTENCE.match(message or "")
    if found:
        return found.group(1)
    return rule.name.replace("-", " ").replace("_", " ").capitalize()


def title_for_code(code: str, lang: str | None = None) -> str:
    """The title of the published policy's rule ``code`` ("" if there is no such rule)."""
    from .selectors import current_scanner

    try:
        rule = current_scanner().policy.rule(code)
    except KeyError:
        return ""
    return rule_title(rule, lang)
