"""Every page and API route of the accounts app: anonymous → sign-in / 401, a person without
the permission → 403, an object they may not see → 404, the right role → what it should."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from koe.accounts import services
from koe.people.testing import assert_api_access, assert_page_access, client_for, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(brand, grant, it_person, reviewer, employee):
    """One of everything, with primary keys for the URLs."""
    app = services.oauth_app_add(account=brand, actor=it_person, name="Hootsuite")
    review = services.access_review_start(actor=it_person, name="Q2",
                                          due_on=timezone.localdate() + dt.timedelta(days=14))
    item = review.items.get()
    survey = services.survey_create(actor=it_person, title_en="Baseline", title_ja="調査",
                                    questions=[{"kind": "scale", "text_en": "Q", "text_ja": "質問"}])
    goal = services.goal_create(actor=it_person, org_goal_en="a", org_goal_ja="あ",
                                social_goal_en="b", social_goal_ja="い", metric_en="c",
                                metric_ja="う", target=10)
    other = make_person(username="olga")
    others_enrolment = services.enrolment_create(user=other, network="x", handle="olga_x",
                                                 consent=True)
    return {"account": brand.pk, "grant": grant.pk, "app": app.pk, "review": review.pk,
            "item": item.pk, "survey": survey.pk, "goal": goal.pk, "user": other.pk,
            "others_enrolment": others_enrolment.pk}


# (method, path template, employee status, a role that may, its status)
PAGES = [
    ("get", "/social/", 403, "it", 200),
    ("get", "/social/new/", 403, "it", 200),
    ("get", "/social/{account}/", 403, "publisher", 200),
    ("post", "/social/{account}/posture/", 403, "it", 400),
    ("post", "/social/{account}/grants/", 403, "reviewer", 400),
    ("post", "/social/{account}/apps/", 403, "it", 400),
    ("post", "/social/grants/{grant}/revoke/", 403, "reviewer", 400),
    ("post", "/social/apps/{app}/reviewed/", 403, "it", 302),
    ("post", "/social/apps/{app}/revoke/", 403, "it", 302),
    ("get", "/social/mine/", 200, "employee", 200),
    ("get", "/social/mine/{others_enrolment}/", 404, "employee", 404),
    ("post", "/social/mine/{others_enrolment}/withdraw/", 404, "employee", 404),
    ("get", "/social/offboard/{user}/", 403, "hr", 200),
    ("post", "/social/offboard/{user}/", 403, "hr", 400),
    ("get", "/social/reviews/", 200, "it", 200),
    ("post", "/social/reviews/", 403, "it", 400),
    ("get", "/social/reviews/{review}/", 404, "it", 200),
    ("post", "/social/reviews/items/{item}/decide/", 404, "it", 400),
    ("post", "/social/reviews/{review}/close/", 403, "it", 302),
    ("get", "/social/survey/", 200, "employee", 200),
    ("get", "/social/survey/new/", 403, "compliance", 200),
    ("get", "/social/survey/{survey}/results/", 403, "hr", 200),
    ("post", "/social/survey/{survey}/open/", 403, "compliance", 302),
    ("get", "/social/goals/", 200, "employee", 200),
    ("post", "/social/goals/", 403, "compliance", 400),
    ("post", "/social/goals/{goal}/measure/", 403, "compliance", 400),
]


@pytest.mark.parametrize(("method", "path", "employee_status", "role", "role_status"), PAGES)
def test_pages_answer_each_kind_of_visitor(world, method, path, employee_status, role,
                                           role_status):
    assert_page_access(method, path.format(**world), employee_status, role, role_status)


def test_an_owner_sees_their_own_enrolment_but_not_someone_elses(enrolment, employee, world):
    c = client_for(employee)
    assert c.get(f"/social/mine/{enrolment.pk}/").status_code == 200
    assert c.get(f"/social/mine/{world['others_enrolment']}/").status_code == 404
    assert c.post(f"/social/mine/{world['others_enrolment']}/withdraw/").status_code == 404
    page = c.get("/social/mine/").content.decode()
    assert "emma.bsky.social" in page and "olga_x" not in page


def test_an_account_owner_sees_the_review_of_their_account_and_decides(world, reviewer):
    c = client_for(reviewer)  # owner of @acme_jp; also a grants manager
    assert c.get(f"/social/reviews/{world['review']}/").status_code == 200
    plain_owner = make_person(username="owner2")
    assert client_for(plain_owner).get(f"/social/reviews/{world['review']}/").status_code == 404


API = [
    # method, path, body, employee status, role, role status
    ("get", "/api/accounts", None, 403, "publisher", 200),
    ("post", "/api/accounts", {"network": "x", "handle": "acme_new"}, 403, "it", 201),
    ("get", "/api/accounts/{account}", None, 403, "publisher", 200),
    ("get", "/api/accounts/{account}/grants", None, 403, "publisher", 200),
    ("post", "/api/accounts/{account}/grants", {"user": "olga", "level": "draft"}, 403, "reviewer", 201),
    ("post", "/api/accounts/grants/{grant}/revoke", {"reason": "moved teams"}, 403, "reviewer", 200),
    ("get", "/api/accounts/reviews", None, 200, "it", 200),
    ("post", "/api/accounts/reviews", {"name": "again", "due_on": "2999-01-01"}, 403, "it", 409),
    ("get", "/api/accounts/reviews/{review}", None, 404, "it", 200),
    ("post", "/api/accounts/reviews/items/{item}/decide", {"decision": "keep"}, 404, "it", 200),
    ("post", "/api/accounts/reviews/{review}/close", None, 403, "it", 200),
    ("get", "/api/accounts/enrolments", None, 200, "employee", 200),
    ("post", "/api/accounts/enrolments", {"network": "x", "handle": "me_too", "consent": True},
     201, "employee", 400),  # the second person finds the handle taken
    ("post", "/api/accounts/enrolments/{others_enrolment}/withdraw", None, 404, "employee", 404),
    ("get", "/api/accounts/surveys/{survey}/results", None, 403, "hr", 200),
    ("get", "/api/accounts/goals", None, 200, "employee", 200),
    ("post", "/api/accounts/goals", {"org_goal_en": "a", "org_goal_ja": "あ", "social_goal_en": "b",
                                     "social_goal_ja": "い", "metric_en": "c", "metric_ja": "う",
                                     "target": 5}, 403, "compliance", 201),
    ("post", "/api/accounts/goals/{goal}/measurements", {"value": 3}, 403, "compliance", 201),
    ("post", "/api/accounts/people/{user}/offboard", {"reason": "left"}, 403, "hr", 200),
]


@pytest.mark.parametrize(("method", "path", "body", "employee_status", "role", "role_status"), API)
def test_api_routes_answer_each_kind_of_caller(world, method, path, body, employee_status, role,
                                               role_status):
    assert_api_access(method, path.format(**world), body, employee_status, role, role_status)


def test_the_api_accepts_a_bearer_token(world, it_person):
    from koe.people.services import api_token_create

    _row, token = api_token_create(user=it_person, name="ci")
    from django.test import Client

    r = Client().get("/api/accounts", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert r.status_code == 200 and r.json()[0]["handle"] == "acme_jp"
