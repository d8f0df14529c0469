"""In a real browser: a version goes through review and sign-off to publication, people confirm
it, and the policy page's search filters the rules as they type.

Each person has a browser context of their own, as if on their own computer.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from koe.people.testing import PASSWORD, DepartmentFactory, make_person
from koe.policies.models import Acknowledgement, PolicyVersion
from koe.policies.services import version_set_public, version_submit
from koe.web.testing import sign_in

from .helpers import draft, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"
STAKEHOLDERS = ("legal", "it", "hr", "reviewer")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Used one-time codes and sign-in rate limits live in the cache; start each test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _patient_expect():
    """expect() polls until the page is right; on a busy machine give it the page's 15 s."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture(autouse=True)
def _totp_tolerance(settings):
    """sign_in computes the one-time code a moment before the server checks it; one step of
    tolerance keeps a 30-second boundary in between from failing the sign-in now and then."""
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture(autouse=True)
def _no_rendering(monkeypatch):
    """Publishing queues the PDF/EPUB rendering (seconds of work, tested in test_reading);
    here the worker is simply not there yet, as right after a real publish."""
    monkeypatch.setattr("koe.policies.services._enqueue_render", lambda pk: None)


@pytest.fixture
def browser_as(chromium, live_server):
    """``browser_as(user)`` → a page in a fresh browser context, signed in as ``user``."""
    contexts = []

    def open_as(user, *, mfa=True, viewport=(1200, 900)):
        width, height = viewport
        context = chromium.new_context(locale="en-US", viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, live_server, user.username, PASSWORD,
                totp_secret=TOTP_SECRET if mfa else None)
        expect(page.locator("h1")).to_contain_text("Welcome")
        return page

    yield open_as
    for context in contexts:
        context.close()


def _state(page):
    return page.locator("h1 [data-state]")


def _sign_off(page, role, decision, comment):
    form = page.locator(f"#signoff-{role}")
    form.get_by_label(decision, exact=True).check()
    form.get_by_label("Comment").fill(comment)
    form.get_by_role("button", name="Record my decision").click()
    expect(page.locator(".messages")).to_contain_text("Your sign-off as")


def test_stakeholders_sign_off_one_by_one_and_compliance_publishes(team, browser_as, live_server):
    published(team, title="Acme social media policy")
    compliance = browser_as(team["compliance"])

    # The compliance person writes v2 in the form (it starts from the published version).
    compliance.goto(f"{live_server.url}/policy/versions/")
    compliance.get_by_role("link", name="New draft").click()
    expect(compliance.locator("#id_yaml")).to_have_value(
        re.compile("extends: default"))
    compliance.locator("#id_title").fill("Acme social media policy 2026")
    compliance.locator("#id_changes_en").fill("Disclose your job when you praise our products.")
    compliance.get_by_role("button", name="Check and save the draft").click()
    expect(compliance).to_have_url(f"{live_server.url}/policy/versions/2/")
    expect(_state(compliance)).to_have_attribute("data-state", "draft")
    compliance.get_by_role("button", name="Submit for review").click()
    expect(_state(compliance)).to_have_attribute("data-state", "in_review")
    expect(compliance.get_by_role("button", name="Publish this version")).to_have_count(0)

    for n, role in enumerate(STAKEHOLDERS, start=1):
        page = browser_as(team[role])
        # The policy page tells them a version waits for them; they follow the link.
        page.goto(f"{live_server.url}/policy/")
        page.get_by_role("link", name="Review it").click()
        expect(page).to_have_url(f"{live_server.url}/policy/versions/2/")
        # Only their own role's form: legal cannot sign off for IT.
        expect(page.locator("form.signoff-form")).to_have_count(1)
        _sign_off(page, role, "Approve", f"{role} checked the 2026 changes.")
        row = page.locator(f"tr[data-role={role}]")
        expect(row).to_contain_text("Approve")
        expect(row).to_contain_text(f"{role} checked the 2026 changes.")
        expect(page.locator("form.signoff-form")).to_have_count(0)
        expected = "approved" if n == len(STAKEHOLDERS) else "in_review"
        expect(_state(page)).to_have_attribute("data-state", expected)
        page.context.close()

    # Back to the compliance person's own browser: all four approved, publish.
    compliance.reload()
    expect(_state(compliance)).to_have_attribute("data-state", "approved")
    for role in STAKEHOLDERS:
        expect(compliance.locator(f"tr[data-role={role}] .decision.approve")).to_be_visible()
    compliance.get_by_role("button", name="Publish this version").click()
    expect(_state(compliance)).to_have_attribute("data-state", "published")
    expect(compliance.get_by_text("v2 is published")).to_be_visible()

    compliance.goto(f"{live_server.url}/policy/")
    head = compliance.locator(".policy-head h1")
    expect(head).to_contain_text("Acme social media policy 2026")
    expect(head).to_contain_text("v2")
    expect(compliance.locator("#changes-h")).to_be_visible()
    expect(compliance.locator(".changes")).to_contain_text("Disclose your job")
    assert PolicyVersion.objects.get(number=1).state == "superseded"


def test_a_stakeholder_requests_changes_and_the_version_is_a_draft_again(team, browser_as,
                                                                         live_server):
    version = draft(team, title="Acme policy")
    version_submit(version=version, actor=team["compliance"])

    legal = browser_as(team["legal"])
    legal.goto(f"{live_server.url}/policy/versions/{version.number}/")
    expect(_state(legal)).to_have_attribute("data-state", "in_review")
    _sign_off(legal, "legal", "Request changes", "Add the stealth-marketing disclosure rule.")
    expect(_state(legal)).to_have_attribute("data-state", "draft")
    expect(legal.locator("tr[data-role=legal]")).to_contain_text("Request changes")
    expect(legal.get_by_text("Changes were requested in the last round")).to_be_visible()
    # Nobody can sign off a draft: the form is gone for everyone.
    expect(legal.locator("form.signoff-form")).to_have_count(0)

    # The compliance person sees the request and can edit and resubmit.
    compliance = browser_as(team["compliance"])
    compliance.goto(f"{live_server.url}/policy/versions/{version.number}/")
    expect(_state(compliance)).to_have_attribute("data-state", "draft")
    expect(compliance.locator("tr[data-role=legal]")).to_contain_text("stealth-marketing")
    expect(compliance.get_by_role("link", name="Edit", exact=True)).to_be_visible()
    compliance.get_by_role("button", name="Submit for review").click()
    expect(_state(compliance)).to_have_attribute("data-state", "in_review")
    expect(compliance.get_by_text("round 2", exact=True)).to_be_visible()
    # A new round: legal's earlier decision no longer counts, everyone is waiting again.
    expect(compliance.locator("tr[data-role=legal]")).to_contain_text("waiting")


def test_an_employee_confirms_the_policy_and_the_report_shows_it(team, browser_as, live_server):
    sales = DepartmentFactory(code="sales", name_en="Sales")
    employee = make_person(username="sam", department=sales, mfa=False)
    make_person(username="sue", department=sales, mfa=False)
    published(team, title="Acme social media policy")

    hr = browser_as(team["hr"])
    hr.goto(f"{live_server.url}/policy/acknowledgements/")
    expect(hr.locator("tr[data-department=sales]")).to_contain_text("0%")

    page = browser_as(employee, mfa=False)
    notice = page.locator(".notice").filter(has_text="A new version of the social media policy")
    expect(notice).to_contain_text("(v1)")
    notice.get_by_role("link", name="Read the policy").click()
    expect(page.locator(".policy-head h1")).to_contain_text("Acme social media policy")
    page.locator("#acknowledge").get_by_role(
        "button", name="I have read and understand this policy").click()
    expect(page.get_by_text("Thank you — you confirmed version 1")).to_be_visible()
    expect(page.locator("#acknowledge")).to_contain_text("You confirmed v1")
    # Neither confirmation button is left on the page.
    expect(page.get_by_role("button", name="I have read and understand this policy")
           ).to_have_count(0)
    assert Acknowledgement.objects.filter(user=employee, version__number=1).count() == 1

    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_contain_text("Welcome")
    expect(page.get_by_text("A new version of the social media policy")).to_have_count(0)

    # HR reloads the report: one of the two people in Sales has confirmed.
    hr.reload()
    row = hr.locator("tr[data-department=sales]")
    expect(row).to_contain_text("50%")
    expect(row.locator("td").nth(1)).to_have_text("1")
    expect(hr.locator("g.bar-row[data-department=sales]")).to_have_attribute("data-percent", "50")


def test_the_policy_page_search_hides_rules_that_do_not_match(browser_as, live_server):
    page = browser_as(make_person(mfa=False), mfa=False)
    page.goto(f"{live_server.url}/policy/")
    rules = page.locator("article.rule")
    total = rules.count()
    assert total > 10
    expect(page.locator("#rule-count")).to_have_text(str(total))

    box = page.get_by_label("Search the rules")
    box.press_sequentially("p101", delay=5)  # a rule code, typed in lower case
    expect(page.locator("#rule-count")).to_have_text("1")
    expect(page.locator("article#P101")).to_be_visible()
    expect(page.locator("article#P102")).to_be_hidden()
    expect(page.locator(".rule-group[data-category=secret]")).to_be_hidden()

    box.fill("password")  # a word: every rule shown mentions it, the others hide
    expect(page.locator("article#S103")).to_be_visible()
    expect(page.locator("article#P101")).to_be_hidden()
    visible = page.locator("article.rule:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    expect(page.locator("#rule-count")).to_have_text(str(shown))
    for text in visible.evaluate_all("els => els.map(e => e.dataset.search)"):
        assert "password" in text

    box.fill("no-such-thing-anywhere")
    expect(page.locator("#rule-count")).to_have_text("0")
    expect(visible).to_have_count(0)

    box.fill("")  # clearing the box brings every rule back
    expect(page.locator("#rule-count")).to_have_text(str(total))
    expect(visible).to_have_count(total)

    # Without JavaScript the same search runs on the server (the Search button submits it).
    box.fill("r101")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/policy/?q=r101#rules")
    expect(page.locator("article.rule")).to_have_count(1)
    expect(page.locator("article#R101")).to_be_visible()


def test_on_a_phone_the_policy_page_fits_the_screen(team, browser_as, live_server):
    version = published(team, title="Acme social media policy")
    version_set_public(version=version, actor=team["compliance"], public=True)
    page = browser_as(make_person(mfa=False), mfa=False, viewport=(390, 844))
    page.goto(f"{live_server.url}/policy/")
    expect(page.locator("a.public-url")).to_be_visible()  # a long unbreakable URL
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The ladder's header row is hidden on a phone; each cell names its column instead.
    first = page.locator("table.ladder tr.minor td").nth(1)
    label = first.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"The first time"'
