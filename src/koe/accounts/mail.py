"""E-mail to one person from a template triplet (subject, text body, HTML body), in their
language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_to_person(template: str, user, context: dict, *, connection=None) -> bool:
    """Send ``emails/<template>-*.html`` to ``user``; False when they have no address.
    ``connection``: an open mail connection to reuse (sending many in a row)."""
    if not user.email:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {**context, "person": user, "site_url": settings.SITE_URL}
        subject = " ".join(render_to_string(f"emails/{template}-subject.html", context).split())
        text = render_to_string(f"emails/{template}-body-text.html", context)
        html = render_to_string(f"emails/{template}-body-html.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email], connection=connection)
    message.attach_alternative(html, "text/html")
    message.send()
    return True
