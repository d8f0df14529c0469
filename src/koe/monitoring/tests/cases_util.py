"""Making cases for the case and coaching tests: a post on an enrolled personal account, its
findings from the real engine, and the case as ingest opens it (status new, ladder step)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from koe.accounts.models import SocialAccount
from koe.monitoring.ingest import mask_excerpt
from koe.monitoring.models import Case, Finding, Post
from koe.policies.selectors import current_policy, current_scanner

_ids = itertools.count(1)

# Texts the built-in policy finds something in, by category.
TEXTS = {
    "secret": "デプロイ用のパスワードは password: Hunter2-Prod-2026 です",
    "harassment": "あの客は本当にバカだ。二度と来るな",
    "pii": "山田さんの電話番号は090-1234-5678です",
}


def account_for(person, *, kind: str = "personal") -> SocialAccount:
    account, _ = SocialAccount.objects.get_or_create(
        network="bluesky", handle=f"{person.username}.test",
        defaults={"kind": kind, "owner": person, "department": person.department,
                  "consent_at": timezone.now(), "consent_version": "1"})
    return account


def make_case(person, *, text: str | None = None, category: str = "secret",
              severity: str | None = None, repeat: bool = False, action: str | None = None,
              escalated_to: list[str] | None = None) -> Case:
    """A new case for ``person``'s post of ``text`` (scanned by the real engine); ``action`` and
    ``escalated_to`` default to what the policy's ladder says."""
    text = text or TEXTS[category]
    report = current_scanner().scan(text, account="personal")
    assert report.findings, f"the engine finds nothing in {text!r}"
    lead = min(report.findings, key=lambda f: (f.severity != "major", f.start))
    severity = severity or lead.severity
    policy = current_policy()
    step = policy.consequence(severity, repeat=repeat)
    account = account_for(person)
    post = Post.objects.create(account=account, external_id=f"p{next(_ids)}", kind="personal",
                               source="api", text=text,
                               retain_until=timezone.localdate() + dt.timedelta(days=365))
    case = Case.objects.create(
        post=post, account=account, person=person, department=person.department,
        severity=severity, category=lead.category, repeat=repeat,
        action=action or step["action"],
        escalated_to=escalated_to if escalated_to is not None else list(
            policy.escalation_targets(severity, repeat=repeat, category=lead.category)))
    for f in report.findings:
        masked = mask_excerpt(f.text, f.category)
        Finding.objects.create(case=case, rule_code=f.rule, category=f.category,
                               severity=f.severity, start=f.start, end=f.end,
                               excerpt=masked[:200], explanation=f.evidence[:300])
    return case
