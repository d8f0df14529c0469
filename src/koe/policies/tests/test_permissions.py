"""Who may do what: sign-in first, then the role (403), and drafts stay unknown (404)."""

import json

import pytest
from django.urls import reverse

from koe.people.testing import client_for, make_person
from koe.policies.models import PolicyVersion, SignOff
from koe.policies.services import version_submit

from .helpers import GOOD_YAML, draft, published

pytestmark = pytest.mark.django_db

PAGES = ["/policy/", "/policy/rules/P101/", "/policy/slides/", "/policy/versions/",
         "/policy/versions/new/", "/policy/versions/1/", "/policy/versions/1/edit/",
         "/policy/versions/1/preview/", "/policy/versions/1/slides/",
         "/policy/versions/diff/?a=1&b=1", "/policy/acknowledgements/",
         "/policy/versions/1/download/pdf/en/"]
POSTS = ["/policy/acknowledge/", "/policy/acknowledgements/", "/policy/versions/1/submit/",
         "/policy/versions/1/withdraw/", "/policy/versions/1/signoff/",
         "/policy/versions/1/publish/", "/policy/versions/1/public/"]


def test_the_url_names_used_elsewhere_exist():
    assert reverse("policies:current") == "/policy/"
    assert reverse("policies:rule", args=["P101"]) == "/policy/rules/P101/"
    assert reverse("policies:list") == "/policy/versions/"


@pytest.mark.parametrize("url", PAGES)
def test_pages_send_anonymous_people_to_sign_in(client, team, url):
    draft(team)
    r = client.get(url)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", POSTS)
def test_actions_send_anonymous_people_to_sign_in(client, team, url):
    draft(team)
    r = client.post(url)
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/")
    assert PolicyVersion.objects.get(number=1).state == "draft"


@pytest.mark.parametrize("url", ["/policy/versions/", "/policy/versions/new/",
                                 "/policy/versions/1/edit/", "/policy/acknowledgements/",
                                 "/policy/versions/diff/?a=1&b=1"])
def test_an_employee_gets_403_on_the_policy_team_pages(team, url):
    draft(team)
    assert client_for(team["employee"]).get(url).status_code == 403


@pytest.mark.parametrize("url", ["/policy/versions/1/submit/", "/policy/versions/1/withdraw/",
                                 "/policy/versions/1/signoff/", "/policy/versions/1/publish/",
                                 "/policy/versions/1/public/", "/policy/acknowledgements/"])
def test_an_employee_gets_403_on_manage_sign_off_and_publish(team, url):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    r = client_for(team["employee"]).post(url, {"role": "legal", "decision": "approve",
                                                "comment": "ok", "public": "on"})
    assert r.status_code == 403
    v.refresh_from_db()
    assert v.state == "in_review" and not SignOff.objects.exists() and not v.public


def test_a_new_draft_by_an_employee_is_refused(team):
    r = client_for(team["employee"]).post("/policy/versions/new/", {"title": "x", "yaml": GOOD_YAML})
    assert r.status_code == 403 and not PolicyVersion.objects.exists()


def test_legal_can_sign_off_only_as_legal(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    c = client_for(team["legal"])
    r = c.post(f"/policy/versions/{v.number}/signoff/",
               {"role": "it", "decision": "approve", "comment": "looks fine"})
    assert r.status_code == 403 and not SignOff.objects.exists()
    r = c.post(f"/policy/versions/{v.number}/signoff/",
               {"role": "legal", "decision": "approve", "comment": "looks fine"})
    assert r.status_code == 302
    assert SignOff.objects.get().role == "legal"


def test_a_role_that_is_not_a_stakeholder_is_refused(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    r = client_for(team["compliance"]).post(f"/policy/versions/{v.number}/signoff/",
                                            {"role": "compliance", "decision": "approve",
                                             "comment": "ok"})
    assert r.status_code == 400 and not SignOff.objects.exists()


def test_only_publishers_publish(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    v.state = "approved"
    v.save()
    assert client_for(team["legal"]).post(f"/policy/versions/{v.number}/publish/").status_code == 403
    v.refresh_from_db()
    assert v.state == "approved"


@pytest.mark.parametrize("url", ["/policy/versions/1/", "/policy/versions/1/preview/",
                                 "/policy/versions/1/slides/", "/api/policies/versions/1"])
def test_a_plain_employee_gets_404_for_drafts(team, url):
    draft(team)
    body = client_for(team["employee"]).get(url)
    assert body.status_code == 404 and "Share what you learn" not in body.content.decode()


def test_an_employee_may_read_a_published_version_but_not_its_review_page(team):
    v = published(team)
    c = client_for(team["employee"])
    assert c.get(f"/policy/versions/{v.number}/preview/").status_code == 200
    assert c.get(f"/policy/versions/{v.number}/").status_code == 404


def test_stakeholders_see_drafts_they_review(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    assert client_for(team["hr"]).get(f"/policy/versions/{v.number}/").status_code == 200
    body = client_for(team["hr"]).get("/policy/").content.decode()
    assert "waiting for your sign-off" in body


@pytest.mark.parametrize("method,url", [
    ("get", "/api/policies/versions"), ("get", "/api/policies/versions/1"),
    ("post", "/api/policies/versions"), ("post", "/api/policies/versions/1/submit"),
    ("post", "/api/policies/versions/1/signoffs"), ("post", "/api/policies/versions/1/publish"),
    ("post", "/api/policies/acknowledgements"), ("get", "/api/policies/acknowledgements/rates"),
])
def test_the_api_answers_401_without_sign_in(client, team, method, url):
    draft(team)
    r = getattr(client, method)(url, json.dumps({}), content_type="application/json") \
        if method == "post" else client.get(url)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized"


def test_the_policy_team_must_set_up_two_factor_sign_in_first(team):
    person = make_person("compliance", mfa=False)
    r = client_for(person).get("/policy/versions/")
    assert r.status_code == 302 and "required=1" in r["Location"]
