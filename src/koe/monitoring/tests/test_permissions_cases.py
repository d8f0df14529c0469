"""Who sees which case, on the pages and in the API: an employee only their own; a manager only
their reports' and department's escalations; HR and Legal only what is escalated to them;
reviewers, compliance and admins everything."""

import json

import pytest
from django.test import Client

from koe.monitoring import services
from koe.monitoring.models import Case
from koe.people.testing import DepartmentFactory, client_for, make_person

from .cases_util import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks, mailoutbox):
    sales, eng = DepartmentFactory(code="sales"), DepartmentFactory(code="eng")
    p = {
        "boss": make_person(department=sales),
        "eboss": make_person(department=eng),
        "hr": make_person("hr", department=DepartmentFactory(code="hr")),
        "legal": make_person("legal", department=DepartmentFactory(code="legal")),
        "reviewer": make_person("reviewer"), "compliance": make_person("compliance"),
        "admin": make_person("admin"), "outsider": make_person(), "it": make_person("it"),
    }
    p["taro"] = make_person(department=sales, manager=p["boss"], language="ja")
    p["emma"] = make_person(department=eng, manager=p["eboss"])
    p["salesmate"] = make_person(department=sales)  # no manager on record
    c = {
        "taro_open": make_case(p["taro"], category="secret", action="coach"),
        "taro_legal": make_case(p["taro"], category="pii", severity="major", repeat=True),
        "emma_hr": make_case(p["emma"], category="harassment", severity="major", repeat=True),
        "emma_open": make_case(p["emma"], category="pii", action="coach"),
        "mate_manager": make_case(p["salesmate"], category="secret", severity="major",
                                  repeat=True),
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.cases_process_new(case_ids=[x.pk for x in c.values()])
    c = {k: Case.objects.get(pk=v.pk) for k, v in c.items()}
    assert c["taro_legal"].escalated_to == ["manager", "legal"]
    assert c["emma_hr"].escalated_to == ["manager", "hr"]
    assert c["mate_manager"].escalated_to == ["manager"]
    assert c["taro_open"].status == "coaching_sent" and c["taro_legal"].status == "escalated"
    return p, c


# who may open which case page: person → cases they handle (the queue)
HANDLES = {
    "boss": {"taro_legal", "mate_manager"},  # their report's and their department's escalations
    "eboss": {"emma_hr"},
    "hr": {"emma_hr"},
    "legal": {"taro_legal"},
    "reviewer": {"taro_open", "taro_legal", "emma_hr", "emma_open", "mate_manager"},
    "compliance": {"taro_open", "taro_legal", "emma_hr", "emma_open", "mate_manager"},
    "admin": {"taro_open", "taro_legal", "emma_hr", "emma_open", "mate_manager"},
}


def _ids(cases, names):
    return {cases[n].pk for n in names}


def test_an_employee_sees_only_their_own_cases(world):
    p, c = world
    taro = client_for(p["taro"])
    page = taro.get("/monitoring/my-cases/")
    assert page.status_code == 200
    shown = {int(x) for x in page.content.decode().split('data-case="')[1:] for x in [x.split('"')[0]]}
    assert shown == _ids(c, ["taro_open", "taro_legal"])
    assert taro.get(f"/monitoring/my-cases/{c['taro_open'].pk}/").status_code == 200
    for other in ("emma_open", "emma_hr", "mate_manager"):
        assert taro.get(f"/monitoring/my-cases/{c[other].pk}/").status_code == 404, other
        assert taro.post(f"/monitoring/my-cases/{c[other].pk}/reply/",
                         {"kind": "fixed"}).status_code == 404
        assert taro.post(f"/monitoring/my-cases/{c[other].pk}/acknowledge/").status_code == 404
    # the handlers' pages are not for people without handling rights at all
    assert taro.get("/monitoring/cases/").status_code == 403
    assert taro.get(f"/monitoring/cases/{c['taro_open'].pk}/").status_code == 403


@pytest.mark.parametrize("who", sorted(HANDLES))
def test_each_handler_sees_exactly_their_cases(world, who):
    p, c = world
    client = client_for(p[who])
    page = client.get("/monitoring/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    for name, case in c.items():
        expected = name in HANDLES[who]
        assert (f'data-case="{case.pk}"' in html) == expected, (who, name)
        status = client.get(f"/monitoring/cases/{case.pk}/").status_code
        assert status == (200 if expected else 404), (who, name, status)


def test_managers_hr_and_legal_cannot_act_on_cases_not_escalated_to_them(world):
    p, c = world
    for who, name in (("boss", "taro_open"), ("hr", "taro_legal"), ("legal", "emma_hr"),
                      ("eboss", "emma_open")):
        client = client_for(p[who])
        pk = c[name].pk
        assert client.post(f"/monitoring/cases/{pk}/resolve/").status_code == 404, (who, name)
        assert client.post(f"/monitoring/cases/{pk}/escalate/",
                           {"targets": ["hr"]}).status_code == 404
    assert Case.objects.get(pk=c["taro_open"].pk).status == "coaching_sent"


def test_hr_resolves_an_escalation_but_cannot_dismiss_or_escalate_further(world):
    p, c = world
    hr = client_for(p["hr"])
    pk = c["emma_hr"].pk
    assert hr.post(f"/monitoring/cases/{pk}/dismiss/", {"reason": "x"}).status_code == 403
    assert hr.post(f"/monitoring/cases/{pk}/escalate/", {"targets": ["legal"]}).status_code == 403
    response = hr.post(f"/monitoring/cases/{pk}/resolve/", {"note": "話をしました"})
    assert response.status_code == 302
    assert Case.objects.get(pk=pk).status == "resolved"


def test_pages_send_anonymous_visitors_to_sign_in(world):
    _p, c = world
    for url in ["/monitoring/my-cases/", f"/monitoring/my-cases/{c['taro_open'].pk}/",
                "/monitoring/cases/", f"/monitoring/cases/{c['taro_open'].pk}/",
                "/monitoring/coaching-templates/", "/monitoring/coaching-templates/default/"]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_coaching_templates_are_for_reviewers_compliance_and_admins(world):
    p, _c = world
    for who, status in (("reviewer", 200), ("compliance", 200), ("admin", 200),
                        ("taro", 403), ("hr", 403), ("legal", 403), ("boss", 403), ("it", 403)):
        client = client_for(p[who])
        assert client.get("/monitoring/coaching-templates/").status_code == status, who
        assert client.get("/monitoring/coaching-templates/S103/").status_code == status, who
    assert client_for(p["reviewer"]).get(
        "/monitoring/coaching-templates/ZZ999/").status_code == 404


# ----------------------------------------------------------------------------- API

def _post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def _api_ids(client, **params):
    response = client.get("/api/monitoring/cases", params)
    assert response.status_code == 200
    return {x["id"] for x in response.json()["results"]}


def test_the_api_lists_what_each_person_may_see(world):
    p, c = world
    assert _api_ids(client_for(p["taro"])) == _ids(c, ["taro_open", "taro_legal"])
    assert _api_ids(client_for(p["outsider"])) == set()
    for who, names in HANDLES.items():
        assert _api_ids(client_for(p[who])) == _ids(c, names), who
    assert _api_ids(client_for(p["reviewer"]), status="escalated") == _ids(
        c, ["taro_legal", "emma_hr", "mate_manager"])


def test_the_api_hides_other_peoples_cases_with_404(world):
    p, c = world
    emma = client_for(p["emma"])
    pk = c["taro_open"].pk
    assert emma.get(f"/api/monitoring/cases/{pk}").status_code == 404
    for url in (f"/api/monitoring/cases/{pk}/replies", f"/api/monitoring/cases/{pk}/acknowledge",
                f"/api/monitoring/cases/{pk}/resolve", f"/api/monitoring/cases/{pk}/escalate",
                f"/api/monitoring/cases/{pk}/dismiss"):
        assert _post(emma, url, {"kind": "fixed", "targets": ["hr"], "reason": "x"}
                     ).status_code == 404, url
    finding = c["taro_open"].findings.first()
    assert _post(emma, f"/api/monitoring/findings/{finding.pk}/dismiss",
                 {"reason": "x"}).status_code == 404
    assert Case.objects.get(pk=pk).status == "coaching_sent"


def test_the_person_answers_through_the_api_and_others_get_403(world):
    p, c = world
    taro, reviewer = client_for(p["taro"]), client_for(p["reviewer"])
    pk = c["taro_open"].pk
    detail = taro.get(f"/api/monitoring/cases/{pk}").json()
    assert detail["mine"] and detail["coaching"][0]["language"] == "ja"
    assert detail["events"] == []  # the timeline is for the people handling the case
    r = _post(taro, f"/api/monitoring/cases/{pk}/replies", {"kind": "disagree"})
    assert r.status_code == 400 and r.json()["field"] == "reason"
    r = _post(taro, f"/api/monitoring/cases/{pk}/replies",
              {"kind": "disagree", "reason": "It was a test account"})
    assert r.status_code == 201 and r.json()["kind"] == "disagree"
    assert _post(reviewer, f"/api/monitoring/cases/{pk}/replies",
                 {"kind": "fixed"}).status_code == 403
    assert _post(taro, f"/api/monitoring/cases/{pk}/resolve").status_code == 403
    assert _post(taro, f"/api/monitoring/cases/{pk}/dismiss", {"reason": "x"}).status_code == 403
    seen = reviewer.get(f"/api/monitoring/cases/{pk}").json()
    assert seen["replies"][0]["reason"] == "It was a test account" and not seen["replies"][0]["seen"]
    assert any(e["kind"] == "reply" for e in seen["events"])
    assert _post(reviewer, f"/api/monitoring/cases/{pk}/replies/seen").status_code == 200
    assert reviewer.get(f"/api/monitoring/cases/{pk}").json()["replies"][0]["seen"]


def test_reviewers_act_through_the_api(world):
    p, c = world
    reviewer = client_for(p["reviewer"])
    f = c["emma_open"].findings.first()
    r = _post(reviewer, f"/api/monitoring/findings/{f.pk}/dismiss", {"reason": ""})
    assert r.status_code == 400 and r.json()["field"] == "reason"
    r = _post(reviewer, f"/api/monitoring/findings/{f.pk}/dismiss", {"reason": "fake number"})
    assert r.status_code == 200 and r.json()["dismissed"]
    assert Case.objects.get(pk=c["emma_open"].pk).status == "dismissed"
    pk = c["taro_open"].pk
    r = _post(reviewer, f"/api/monitoring/cases/{pk}/escalate", {"targets": ["nobody"]})
    assert r.status_code == 400 and r.json()["field"] == "targets"
    r = _post(reviewer, f"/api/monitoring/cases/{pk}/escalate", {"targets": ["legal"]})
    assert r.status_code == 200 and r.json()["status"] == "escalated"
    assert pk in _api_ids(client_for(p["legal"]))
    r = _post(reviewer, f"/api/monitoring/cases/{pk}/resolve", {"note": "ok"})
    assert r.json()["status"] == "resolved"
    assert _post(reviewer, f"/api/monitoring/cases/{pk}/resolve").status_code == 409


def test_hr_and_legal_resolve_their_escalations_through_the_api(world):
    p, c = world
    legal = client_for(p["legal"])
    assert _post(legal, f"/api/monitoring/cases/{c['emma_hr'].pk}/resolve").status_code == 404
    r = _post(legal, f"/api/monitoring/cases/{c['taro_legal'].pk}/resolve", {"note": "done"})
    assert r.status_code == 200 and r.json()["status"] == "resolved"


def test_coaching_templates_api_needs_the_right(world):
    p, _c = world
    body = {"rule_code": "S103", "subject_en": "About {rule}", "subject_ja": "{rule} について",
            "body_en": "Hi {name}. {suggestion}", "body_ja": "{name} さん。{suggestion}"}
    taro = client_for(p["taro"])
    assert taro.get("/api/monitoring/coaching-templates").status_code == 403
    assert taro.put("/api/monitoring/coaching-templates", json.dumps(body),
                    content_type="application/json").status_code == 403
    reviewer = client_for(p["reviewer"])
    r = reviewer.put("/api/monitoring/coaching-templates", json.dumps(body),
                     content_type="application/json")
    assert r.status_code == 200 and r.json()["custom"] and r.json()["rule_code"] == "S103"
    r = reviewer.put("/api/monitoring/coaching-templates",
                     json.dumps({**body, "body_ja": "{name.__class__}"}),
                     content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "body_ja"
    listed = reviewer.get("/api/monitoring/coaching-templates").json()
    assert [t["rule_code"] for t in listed] == ["", "S103"] and not listed[0]["custom"]


def test_every_route_is_401_without_sign_in(world):
    _p, c = world
    pk = c["taro_open"].pk
    client = Client()
    assert client.get("/api/monitoring/cases").status_code == 401
    assert client.get(f"/api/monitoring/cases/{pk}").status_code == 401
    assert client.get("/api/monitoring/coaching-templates").status_code == 401
    for url in (f"/api/monitoring/cases/{pk}/replies", f"/api/monitoring/cases/{pk}/acknowledge",
                f"/api/monitoring/cases/{pk}/resolve", f"/api/monitoring/cases/{pk}/escalate",
                f"/api/monitoring/cases/{pk}/dismiss"):
        assert _post(client, url, {"kind": "fixed"}).status_code == 401, url


def test_the_case_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/monitoring/cases", "/api/monitoring/cases/{pk}",
                 "/api/monitoring/cases/{pk}/replies", "/api/monitoring/cases/{pk}/acknowledge",
                 "/api/monitoring/cases/{pk}/resolve", "/api/monitoring/cases/{pk}/escalate",
                 "/api/monitoring/cases/{pk}/dismiss", "/api/monitoring/findings/{pk}/dismiss",
                 "/api/monitoring/coaching-templates"):
        assert path in paths, path
    assert set(paths["/api/monitoring/coaching-templates"]) >= {"get", "put"}
    assert paths["/api/monitoring/cases"]["get"]["tags"] == ["monitoring"]
