"""Monitoring demo: a few realistic cases on the enrolled accounts of taro (Japanese) and emma
(English), scanned by the real engine, coached, answered and escalated as in daily use.
Loading twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from koe.accounts.models import SocialAccount

from . import ingest, services
from .models import Case, Post

# username, post id, days ago, text, then what the person / a reviewer does
POSTS = [
    ("taro", "demo-taro-1", 9,
     "お客様の山田様の携帯は 090-1234-5678 です。急ぎの方はこちらへ！",
     [("reply", "fixed", ""), ("deleted", "", "")]),
    ("taro", "demo-taro-2", 4,
     "本番サーバーのパスワードは password: Acme-Prod-2026! です。メモ代わりに。",
     [("ack", "", "")]),
    ("taro", "demo-taro-3", 1,
     "佐藤様、カード 4111 1111 1111 1111 でのお支払いを確認しました。ありがとうございました！",
     []),
    ("emma", "demo-emma-1", 6,
     "Can't wait for Falcon to ship next month — the roadmap looks amazing!",
     [("reply", "disagree", "Falcon is the name of our public bird-watching club, not the "
                            "project. Happy to rephrase if it confuses people.")]),
    ("emma", "demo-emma-2", 2,
     "That customer on the support call was a complete idiot.",
     [("reply", "question", "Is it fine if I talk about difficult calls without naming "
                            "anyone?")]),
]


def _account(user) -> SocialAccount | None:
    return (SocialAccount.objects.filter(owner=user, kind="personal", withdrawn_at__isnull=True)
            .first())


@transaction.atomic
def load(ctx) -> str:
    people = ctx["people"]
    made = 0
    for username, external_id, days_ago, text, steps in POSTS:
        user = people.get(username)
        account = _account(user) if user else None
        if account is None or Post.objects.filter(account=account,
                                                  external_id=external_id).exists():
            continue
        when = timezone.now() - dt.timedelta(days=days_ago)
        # Straight to the archive and the scan (not through the queue): the demo is ready
        # the moment it is loaded.
        post = Post.objects.create(account=account, external_id=external_id, text=text,
                                   kind=account.kind, source="api", posted_at=when,
                                   ingested_at=when, retain_until=ingest.retain_until())
        result = ingest.posts_scan(post_ids=[post.pk])
        services.cases_process_new(case_ids=result.new_case_ids)
        case = Case.objects.filter(post=post).first()
        if case is None:
            continue
        made += 1
        Case.objects.filter(pk=case.pk).update(opened_at=when)
        for step, kind, reason in steps:
            case.refresh_from_db()
            if step == "reply":
                services.case_reply(case=case, actor=user, kind=kind, reason=reason)
            elif step == "ack":
                services.case_acknowledge(case=case, actor=user)
            elif step == "deleted":
                Post.objects.filter(pk=post.pk).update(deleted_at=timezone.now())
                services.case_post_changed(case=case, change="deleted", findings_remain=False)
    total = Case.objects.count()
    return f"Monitoring: {total} cases ({made} new) on the enrolled accounts of taro and emma."
