"""Confirming the policy, reminders to those who have not, and the rate by department."""

import pytest
from django.core import mail

from koe.audit.models import AuditEntry
from koe.people.testing import DepartmentFactory, client_for, make_person
from koe.policies.models import Acknowledgement, AckReminder
from koe.policies.selectors import ack_rates_by_department, acknowledgement_needed
from koe.policies.services import ack_reminders_send, acknowledgement_create

from .helpers import published

pytestmark = pytest.mark.django_db


def test_a_person_confirms_once_and_a_second_time_is_a_friendly_no_op(team):
    v = published(team)
    c = client_for(team["employee"])
    assert acknowledgement_needed(team["employee"]) == v
    r = c.post("/policy/acknowledge/", follow=True)
    assert "Thank you" in r.content.decode()
    r = c.post("/policy/acknowledge/", follow=True)
    body = r.content.decode()
    assert r.status_code == 200 and "already confirmed" in body
    assert Acknowledgement.objects.filter(version=v, user=team["employee"]).count() == 1
    assert AuditEntry.objects.filter(action="policy.acknowledged").count() == 1
    assert acknowledgement_needed(team["employee"]) is None
    assert "You confirmed v1" in c.get("/policy/").content.decode()


def test_the_confirmation_page_linked_from_reminders(team):
    v = published(team)
    c = client_for(team["employee"])
    body = c.get("/policy/acknowledge/").content.decode()
    assert f"Version {v.number} of the policy" in body and "I have read and understand" in body
    c.post("/policy/acknowledge/")
    assert "You confirmed" in c.get("/policy/acknowledge/").content.decode()


def test_a_new_version_needs_a_new_confirmation(team):
    published(team)
    acknowledgement_create(user=team["employee"])
    v2 = published(team, title="Second")
    assert acknowledgement_needed(team["employee"]) == v2


def test_there_is_nothing_to_confirm_before_a_version_is_published(team):
    r = client_for(team["employee"]).post("/policy/acknowledge/")
    assert r.status_code == 409 and not Acknowledgement.objects.exists()


def test_reminders_email_people_who_have_not_confirmed_in_their_language(
        team, django_capture_on_commit_callbacks, smtp_server):
    v = published(team)
    acknowledgement_create(user=team["legal"])
    taro = make_person(language="ja", email="taro@example.test")
    make_person(email="")  # nobody to write to
    with django_capture_on_commit_callbacks(execute=True):
        r = client_for(team["hr"]).post("/policy/acknowledgements/")
    assert r.status_code == 302
    japanese = smtp_server.wait_for(taro.email)
    expected = sorted([team[k].email for k in ("compliance", "it", "hr", "reviewer", "employee")]
                      + [taro.email])
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == expected
    assert AckReminder.objects.filter(version=v).count() == len(expected)
    english = smtp_server.wait_for(team["employee"].email)
    assert english.subject == f"Please read and confirm the social media policy (v{v.number})"
    assert "http://" in english.text() and "/policy/" in english.text()
    assert '<html lang="en">' in english.text("html")
    # Sent over real SMTP, the Japanese subject and HTML body arrive readable.
    assert japanese.subject == f"ソーシャルメディアポリシー（第 {v.number} 版）を読んで確認してください"
    assert '<html lang="ja">' in japanese.text("html")


def test_reminders_are_not_sent_twice_in_a_day(team, django_capture_on_commit_callbacks):
    published(team)
    with django_capture_on_commit_callbacks(execute=True):
        first = ack_reminders_send(actor=team["hr"])
    with django_capture_on_commit_callbacks(execute=True):
        second = ack_reminders_send(actor=team["hr"])
    assert first == 6 and second == 0 and len(mail.outbox) == 6


def test_an_employee_cannot_send_reminders(team):
    published(team)
    assert client_for(team["employee"]).post("/policy/acknowledgements/").status_code == 403
    assert not AckReminder.objects.exists()


def test_the_rate_by_department(team):
    v = published(team)
    sales, dev = DepartmentFactory(code="sales", name_en="Sales"), DepartmentFactory(code="dev")
    s1, s2, _s3 = (make_person(department=sales) for _ in range(3))
    d1 = make_person(department=dev)
    make_person(department=sales, is_active=False)  # left the company: not counted
    for person in (s1, s2, d1):
        acknowledgement_create(user=person)
    rows = {r.code: r for r in ack_rates_by_department(v)}
    assert (rows["sales"].acknowledged, rows["sales"].total, rows["sales"].percent) == (2, 3, 67)
    assert (rows["dev"].acknowledged, rows["dev"].total, rows["dev"].percent) == (1, 1, 100)
    body = client_for(team["hr"]).get("/policy/acknowledgements/").content.decode()
    assert '<svg class="chart"' in body
    assert 'data-department="sales" data-percent="67"' in body
    assert 'data-department="dev" data-percent="100"' in body
    assert "<script" not in body.split("<main")[1].split("</main>")[0]  # a chart without JS


def test_the_chart_escapes_department_names(team):
    published(team)
    make_person(department=DepartmentFactory(code="x", name_en="<script>alert(1)</script>"))
    body = client_for(team["hr"]).get("/policy/acknowledgements/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body
