"""The baseline survey: created from the UI, one response per person, results by department."""

from __future__ import annotations

import pytest

from koe.accounts import services
from koe.accounts.models import Survey, SurveyResponse
from koe.accounts.selectors import survey_results
from koe.audit.models import AuditEntry
from koe.people.testing import DepartmentFactory, client_for, make_person
from koe.web.errors import Conflict, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(compliance):
    return services.survey_create(
        actor=compliance, title_en="Baseline", title_ja="ベースライン調査",
        questions=[
            {"kind": "single", "text_en": "How often do you post?", "text_ja": "投稿頻度は？",
             "options": ["Daily | 毎日", "Weekly | 毎週", "Rarely | ほとんどしない"]},
            {"kind": "multi", "text_en": "Which networks?", "text_ja": "どのネットワーク？",
             "options": [{"en": "X", "ja": "X"}, {"en": "Bluesky", "ja": "Bluesky"}]},
            {"kind": "scale", "text_en": "How confident are you?", "text_ja": "自信は？"},
            {"kind": "text", "text_en": "Anything else?", "text_ja": "その他"},
        ])


def _answers(survey, single, multi, scale, text=""):
    q = list(survey.questions.order_by("order"))
    return {f"q{q[0].pk}": single, f"q{q[1].pk}": multi, f"q{q[2].pk}": scale,
            f"q{q[3].pk}": text}


def test_a_manager_creates_a_survey_from_the_form(compliance):
    c = client_for(compliance)
    assert c.get("/social/survey/new/").status_code == 200
    data = {"title_en": "Usage", "title_ja": "利用調査", "q-TOTAL_FORMS": "8",
            "q-INITIAL_FORMS": "0",
            "q-0-kind": "single", "q-0-text_en": "Do you post?", "q-0-text_ja": "投稿しますか？",
            "q-0-options": "Yes | はい\nNo | いいえ",
            "q-1-kind": "scale", "q-1-text_en": "Confidence", "q-1-text_ja": "自信"}
    r = c.post("/social/survey/new/", data)
    survey = Survey.objects.get()
    assert r.status_code == 302, r.content.decode()
    questions = list(survey.questions.all())
    assert [q.kind for q in questions] == ["single", "scale"]
    assert questions[0].options == [{"en": "Yes", "ja": "はい"}, {"en": "No", "ja": "いいえ"}]
    assert AuditEntry.objects.filter(action="survey.created").exists()


def test_a_choice_question_without_choices_is_refused_keeping_the_input(compliance):
    data = {"title_en": "Usage", "title_ja": "利用調査", "q-TOTAL_FORMS": "8",
            "q-INITIAL_FORMS": "0", "q-0-kind": "multi", "q-0-text_en": "Which ones?",
            "q-0-text_ja": "どれ？", "q-0-options": "Only one | ひとつ"}
    r = client_for(compliance).post("/social/survey/new/", data)
    body = r.content.decode()
    assert r.status_code == 400 and "Question 1: give at least two choices" in body
    assert "Which ones?" in body and not Survey.objects.exists()


def test_everyone_answers_once_and_a_second_time_gets_a_friendly_message(survey, employee):
    c = client_for(employee)
    page = c.get("/social/survey/").content.decode()
    assert "How often do you post?" in page and "Weekly" in page
    r = c.post("/social/survey/", _answers(survey, "1", ["0", "1"], "4", "More examples"))
    assert r.status_code == 302
    response = SurveyResponse.objects.get()
    q = list(survey.questions.order_by("order"))
    assert response.answers == {str(q[0].pk): 1, str(q[1].pk): [0, 1], str(q[2].pk): 4,
                                str(q[3].pk): "More examples"}
    assert response.department == employee.department
    r = c.post("/social/survey/", _answers(survey, "0", [], "1"))
    assert r.status_code == 200
    assert "You answered this survey already — thank you!" in r.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert "you answered on" in c.get("/social/survey/").content.decode()
    with pytest.raises(Conflict):
        services.survey_respond(survey=survey, user=employee, answers=_answers(survey, 0, [], 3))


def test_a_missing_answer_names_the_question(survey, employee):
    r = client_for(employee).post("/social/survey/", _answers(survey, "", [], "3", "kept text"))
    body = r.content.decode()
    assert r.status_code == 400 and "Question 1: please answer this question." in body
    assert "kept text" in body and not SurveyResponse.objects.exists()
    with pytest.raises(ValidationFailed):
        services.survey_respond(survey=survey, user=employee, answers=_answers(survey, 7, [], 3))
    with pytest.raises(ValidationFailed):
        services.survey_respond(survey=survey, user=employee, answers=_answers(survey, 0, [], 9))


def test_results_are_counted_by_department(survey, hr):
    sales, eng = DepartmentFactory(code="sales2", name_en="Sales"), DepartmentFactory(
        code="eng", name_en="Engineering")
    for dept, single, multi, scale in ((sales, 0, [0], 5), (sales, 0, [0, 1], 3),
                                       (sales, 2, [], 4), (eng, 1, [1], 2)):
        services.survey_respond(survey=survey, user=make_person(department=dept),
                                answers=_answers(survey, single, multi, scale))
    results = survey_results(survey)
    assert results.respondents == 4
    assert dict(results.departments) == {"Engineering": 1, "Sales": 3}
    single, multi, scale, _text = results.questions
    rows = {r.label: r for r in single.rows}
    assert rows["Sales"].counts == [2, 0, 1] and rows["Engineering"].counts == [0, 1, 0]
    assert rows["Everyone"].counts == [2, 1, 1] and rows["Everyone"].respondents == 4
    assert {r.label: r.counts for r in multi.rows}["Sales"] == [2, 1]
    assert {r.label: r.average for r in scale.rows} == {"Engineering": 2.0, "Sales": 4.0,
                                                        "Everyone": 3.5}
    # The page draws them as inline SVG and shows the same numbers in a table.
    body = client_for(hr).get(f"/social/survey/{survey.pk}/results/").content.decode()
    assert body.count("<svg") == 3 and "<script" not in body.split("<main")[1]
    assert '<tr data-dept="Sales"><td>Sales</td><td>3</td><td>2</td><td>0</td><td>1</td></tr>' in body
    # …and the API returns them too.
    api = client_for(hr).get(f"/api/accounts/surveys/{survey.pk}/results").json()
    sales_row = next(r for r in api["questions"][0]["rows"] if r["department"] == "Sales")
    assert sales_row["counts"] == [2, 0, 1]


def test_text_answers_are_escaped_in_the_results(survey, hr, employee):
    services.survey_respond(survey=survey, user=employee, answers=_answers(
        survey, 0, [], 3, "<script>alert(1)</script>"))
    body = client_for(hr).get(f"/social/survey/{survey.pk}/results/").content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)" in body


def test_a_closed_survey_takes_no_answers(survey, compliance, employee):
    client_for(compliance).post(f"/social/survey/{survey.pk}/open/", {"open": "0"})
    survey.refresh_from_db()
    assert not survey.is_open
    assert "No survey is open right now." in client_for(employee).get("/social/survey/").content.decode()


def test_questions_and_choices_follow_the_readers_language(survey):
    ja = make_person(language="ja")
    body = client_for(ja).get("/social/survey/").content.decode()
    assert "投稿頻度は？" in body and "ほとんどしない" in body and "How often" not in body
