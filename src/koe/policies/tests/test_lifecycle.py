"""A version's life, as the policy team uses the pages: draft → review → sign-off → publish."""

import pytest

from koe.audit.models import AuditEntry
from koe.people.testing import client_for
from koe.policies.models import PolicyVersion, SignOff
from koe.policies.services import version_submit

from .helpers import GOOD_YAML, approve_all, draft, published

pytestmark = pytest.mark.django_db


def _signoff(team, number, role, decision="approve", comment="Looks right to me."):
    return client_for(team[role]).post(f"/policy/versions/{number}/signoff/",
                                       {"role": role, "decision": decision, "comment": comment})


def test_the_new_draft_form_starts_from_a_starter_that_extends_the_default(team):
    body = client_for(team["compliance"]).get("/policy/versions/new/").content.decode()
    assert "extends: default" in body and "organization:" in body
    assert "What we want you to do" in body  # the default guidance, do's first


def test_the_new_draft_form_starts_from_the_published_version(team):
    published(team, yaml=GOOD_YAML + "# published marker\n")
    body = client_for(team["compliance"]).get("/policy/versions/new/").content.decode()
    assert "# published marker" in body


def test_the_whole_lifecycle_through_the_pages(team, django_capture_on_commit_callbacks):
    c = client_for(team["compliance"])
    r = c.post("/policy/versions/new/", {
        "title": "Acme policy", "yaml": GOOD_YAML, "guidance_en": "Share what you learn.",
        "guidance_ja": "学んだことを共有しましょう。", "changes_en": "First.", "changes_ja": "初版。"})
    assert r.status_code == 302 and r["Location"] == "/policy/versions/1/"
    v = PolicyVersion.objects.get(number=1)
    assert v.state == "draft" and v.created_by == team["compliance"]

    r = c.post("/policy/versions/1/edit/", {"title": "Acme policy v1", "yaml": GOOD_YAML,
                                            "guidance_en": "Share more.", "guidance_ja": "もっと。"})
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.title == "Acme policy v1" and v.guidance_en == "Share more."

    assert c.post("/policy/versions/1/submit/").status_code == 302
    v.refresh_from_db()
    assert v.state == "in_review" and v.review_round == 1

    # The detail page shows legal their own sign-off form, with the stakeholder labels.
    body = client_for(team["legal"]).get("/policy/versions/1/").content.decode()
    assert 'id="signoff-legal"' in body and 'id="signoff-it"' not in body
    assert "Communications" in body

    # Legal requests changes: back to draft, and the sign-off is kept as history.
    r = _signoff(team, 1, "legal", "reject", "Add the stealth-marketing disclosure rule.")
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.state == "draft"
    assert SignOff.objects.get(version=v, review_round=1, role="legal").decision == "reject"

    # Fixed and resubmitted: round 2, and earlier approvals do not count.
    c.post("/policy/versions/1/edit/", {"title": "Acme policy v1", "yaml": GOOD_YAML,
                                        "guidance_en": "Say you work here.", "guidance_ja": "社員と書く。"})
    c.post("/policy/versions/1/submit/")
    v.refresh_from_db()
    assert v.state == "in_review" and v.review_round == 2
    for role in ("legal", "it", "hr"):
        assert _signoff(team, 1, role).status_code == 302
        v.refresh_from_db()
        assert v.state == "in_review"
    _signoff(team, 1, "reviewer")
    v.refresh_from_db()
    assert v.state == "approved"

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert c.post("/policy/versions/1/publish/").status_code == 302
    assert len(callbacks) == 1  # the PDF/EPUB rendering, queued after the commit
    v.refresh_from_db()
    assert v.state == "published" and v.published_at is not None

    actions = list(AuditEntry.objects.filter(object_type="policies.policyversion")
                   .order_by("seq").values_list("action", flat=True))
    assert actions[:4] == ["policy.draft_created", "policy.draft_edited", "policy.submitted",
                           "policy.signed_off"]
    assert "policy.changes_requested" in actions and actions[-1] == "policy.published"
    assert actions.count("policy.signed_off") == 5 and "policy.approved" in actions


def test_publishing_supersedes_the_version_before(team):
    v1 = published(team)
    v2 = published(team, title="Second")
    v1.refresh_from_db()
    assert v1.state == "superseded" and v2.state == "published"
    assert PolicyVersion.objects.filter(state="published").count() == 1
    body = client_for(team["employee"]).get("/policy/").content.decode()
    assert "Second" in body and "v2" in body


def test_a_public_policy_stays_public_when_the_next_version_is_published(team):
    v1 = published(team)
    client_for(team["compliance"]).post(f"/policy/versions/{v1.number}/public/", {"public": "on"})
    v2 = published(team, title="Second")
    assert v2.public
    # The old link leads to the new version.
    r = client_for(team["employee"]).get(f"/policy/public/{v1.public_token}/")
    assert r.status_code == 302 and v2.public_token in r["Location"]


def test_only_an_approved_version_can_be_published(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    r = client_for(team["compliance"]).post(f"/policy/versions/{v.number}/publish/")
    assert r.status_code == 409
    v.refresh_from_db()
    assert v.state == "in_review"


def test_a_version_in_review_cannot_be_edited_but_can_be_withdrawn(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    c = client_for(team["compliance"])
    r = c.post(f"/policy/versions/{v.number}/edit/", {"title": "x", "yaml": GOOD_YAML})
    assert r.status_code == 302
    v.refresh_from_db()
    assert v.title == "Policy"
    c.post(f"/policy/versions/{v.number}/withdraw/")
    v.refresh_from_db()
    assert v.state == "draft"


def test_a_sign_off_needs_a_comment_and_keeps_the_choice(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    r = _signoff(team, v.number, "legal", "approve", "   ")
    body = r.content.decode()
    assert r.status_code == 400 and "This field is required" in body
    assert not SignOff.objects.exists()


def test_a_stakeholder_cannot_sign_off_twice_in_a_round(team):
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    assert _signoff(team, v.number, "legal").status_code == 302
    # The form is gone for legal; posting again is a conflict, not a second row.
    assert _signoff(team, v.number, "legal").status_code == 409
    assert SignOff.objects.filter(version=v).count() == 1


def test_the_diff_shows_added_and_removed_lines(team):
    v1 = published(team, yaml=GOOD_YAML + "rules:\n  P102: {severity: minor}\n",
                   guidance_en="Old line")
    v2 = draft(team, yaml=GOOD_YAML + "rules:\n  P102: {severity: major}\n", guidance_en="New line")
    body = client_for(team["compliance"]).get(
        f"/policy/versions/diff/?a={v1.number}&b={v2.number}").content.decode()
    assert '<span class="del">-  P102: {severity: minor}</span>' in body
    assert '<span class="add">+  P102: {severity: major}</span>' in body
    assert '<span class="del">-Old line</span>' in body and '<span class="add">+New line</span>' in body


def test_approval_needs_every_configured_role(team, settings):
    settings.KOE_SIGNOFF_ROLES = ["legal", "hr"]
    v = draft(team)
    version_submit(version=v, actor=team["compliance"])
    approve_all(team, v)
    assert v.state == "approved"
