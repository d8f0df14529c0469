"""The demo data of the accounts app loads, is realistic, and loading twice changes nothing."""

from __future__ import annotations

import pytest

from koe.accounts import demo
from koe.accounts.models import AccessGrant, Goal, SocialAccount, Survey, SurveyResponse
from koe.accounts.selectors import account_inventory
from koe.people.testing import DepartmentFactory, make_person
from koe.web.demo import DEPARTMENTS, PEOPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    departments = {code: DepartmentFactory(code=code, name_en=en, name_ja=ja)
                   for code, en, ja in DEPARTMENTS}
    people = {username: make_person(*roles, username=username, language=lang,
                                    department=departments[dept])
              for username, _name, lang, dept, roles in PEOPLE}
    return {"departments": departments, "people": people, "organization": {}}


def test_the_demo_is_idempotent_and_realistic(ctx):
    summary = demo.load(ctx)
    assert summary.startswith("Accounts: 4 brand accounts (4 new)") and "\n" not in summary
    counts = (SocialAccount.objects.count(), AccessGrant.objects.count(),
              SurveyResponse.objects.count(), Goal.objects.count())
    assert "(0 new)" in demo.load(ctx)
    assert counts == (SocialAccount.objects.count(), AccessGrant.objects.count(),
                      SurveyResponse.objects.count(), Goal.objects.count())
    handles = set(SocialAccount.objects.filter(kind="brand").values_list("handle", flat=True))
    assert {"acme_jp", "acme.bsky.social", "acme"} <= handles
    posture = {r.account.handle: r for r in account_inventory()}
    assert posture["acme.bsky.social"].has("two_factor_off")
    assert posture["acme"].has("password_stale")
    assert {u.username for u in posture["acme_jp"].publishers} == {"paula", "rei"}
    # Brand accounts require the brand publishers' certificate, which their publishers hold.
    from koe.learning.selectors import has_valid_certificate
    assert all(a.required_track.code == "brand-publishers"
               for a in SocialAccount.objects.filter(kind="brand"))
    assert all(has_valid_certificate(ctx["people"][u], "brand-publishers") for u in ("paula", "rei"))
    survey = Survey.objects.get()
    assert survey.questions.count() == 6 and all(q.text_ja for q in survey.questions.all())
    assert survey.responses.values("department").distinct().count() >= 4
    assert all(g.measurements.count() >= 3 for g in Goal.objects.all())
