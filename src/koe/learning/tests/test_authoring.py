"""Course authoring: create and edit a course, add, edit and reorder modules with Markdown and
video links, place a quiz, preview as a learner — and bad input gets a clear message with
nothing lost. Only learning.manage may author."""

from __future__ import annotations

import pytest

from koe.audit.models import AuditEntry
from koe.learning import services
from koe.learning.models import Course, Module, Quiz
from koe.people.testing import assert_page_access, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(compliance):
    return client_for(compliance)


@pytest.fixture
def modules(course, compliance):
    return [services.module_create(actor=compliance, course=course, title_en=f"M{i}",
                                   title_ja=f"モジュール{i}", body_en=f"Text {i}")
            for i in (1, 2, 3)]


def _order(course):
    return list(course.modules.order_by("order").values_list("title_en", flat=True))


# ----------------------------------------------------------------------------- access

@pytest.fixture
def paths(course, modules, quiz):
    return {"course": course.slug, "module": modules[0].pk, "quiz": quiz.pk}


PAGES = [
    ("get", "/learn/manage/courses/", 403, "hr", 200),
    ("get", "/learn/manage/courses/new/", 403, "compliance", 200),
    ("post", "/learn/manage/courses/new/", 403, "admin", 400),
    ("get", "/learn/manage/courses/{course}/", 403, "compliance", 200),
    ("post", "/learn/manage/courses/{course}/", 403, "hr", 400),
    ("get", "/learn/manage/courses/{course}/preview/", 403, "compliance", 200),
    ("get", "/learn/manage/courses/{course}/modules/new/", 403, "compliance", 200),
    ("post", "/learn/manage/courses/{course}/modules/new/", 403, "compliance", 400),
    ("get", "/learn/manage/modules/{module}/", 403, "hr", 200),
    ("post", "/learn/manage/modules/{module}/", 403, "hr", 400),
    ("post", "/learn/manage/modules/{module}/move/", 403, "compliance", 302),
    ("post", "/learn/manage/quizzes/{quiz}/place/", 403, "compliance", 302),
]


@pytest.mark.parametrize(("method", "path", "employee_status", "role", "role_status"), PAGES)
def test_authoring_pages_answer_each_kind_of_visitor(paths, method, path, employee_status, role,
                                                     role_status):
    assert_page_access(method, path.format(**paths), employee_status, role, role_status)


def test_unknown_courses_and_modules_are_404(author):
    assert author.get("/learn/manage/courses/nope/").status_code == 404
    assert author.get("/learn/manage/modules/999999/").status_code == 404
    assert author.post("/learn/manage/modules/999999/move/").status_code == 404


# ----------------------------------------------------------------------------- courses

def test_a_manager_creates_a_draft_course_in_both_languages(author, track):
    r = author.post("/learn/manage/courses/new/", {
        "slug": "security-basics", "track": track.pk, "title_en": "Security basics",
        "title_ja": "セキュリティの基本", "summary_en": "Passwords and 2FA",
        "summary_ja": "パスワードと二要素認証"})
    assert r.status_code == 302 and r["Location"] == "/learn/manage/courses/security-basics/"
    course = Course.objects.get(slug="security-basics")
    assert (course.title_ja, course.track, course.is_published) == ("セキュリティの基本", track, False)
    assert AuditEntry.objects.filter(action="learning.course_create").exists()


def test_a_draft_is_hidden_from_learners_until_published(author, employee, track):
    author.post("/learn/manage/courses/new/", {"slug": "draft-one", "title_en": "Draft"})
    learner = client_for(employee)
    assert learner.get("/learn/courses/draft-one/").status_code == 404
    r = author.post("/learn/manage/courses/draft-one/", {"title_en": "Ready", "title_ja": "完成",
                                                         "is_published": "on"})
    assert r.status_code == 302
    assert learner.get("/learn/courses/draft-one/").status_code == 200
    entry = AuditEntry.objects.get(action="learning.course_update")
    assert entry.data["changed"] == ["is_published", "title_en", "title_ja"]


def test_an_empty_title_is_refused_and_the_summary_is_kept(author):
    r = author.post("/learn/manage/courses/new/", {"slug": "x-course", "title_en": " ",
                                                   "summary_en": "My long careful summary"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "A course needs a title" in html and "My long careful summary" in html
    assert not Course.objects.filter(slug="x-course").exists()


def test_a_bad_or_taken_short_name_is_named(author, course):
    r = author.post("/learn/manage/courses/new/", {"slug": "Bad Name!", "title_en": "T"})
    assert r.status_code == 400 and "lower-case letters, digits and hyphens" in r.content.decode()
    r = author.post("/learn/manage/courses/new/", {"slug": "basics", "title_en": "T"})
    assert r.status_code == 400 and "“basics” exists already" in r.content.decode()
    assert Course.objects.count() == 1


def test_a_japanese_title_alone_is_enough(author):
    author.post("/learn/manage/courses/new/", {"slug": "ja-only", "title_ja": "日本語のみ"})
    assert Course.objects.get(slug="ja-only").title_en == "日本語のみ"


def test_a_failed_edit_keeps_what_was_typed_and_changes_nothing(author, course):
    r = author.post(f"/learn/manage/courses/{course.slug}/",
                    {"title_en": "", "title_ja": "", "summary_ja": "新しい概要"})
    assert r.status_code == 400 and "新しい概要" in r.content.decode()
    course.refresh_from_db()
    assert course.title_en == "Basics" and course.summary_ja == ""


# ----------------------------------------------------------------------------- modules

def test_a_module_with_markdown_and_a_video_link(author, course):
    r = author.post(f"/learn/manage/courses/{course.slug}/modules/new/", {
        "title_en": "Two-factor sign-in", "title_ja": "二要素認証",
        "body_en": "Use **an app**, not SMS.", "body_ja": "SMS ではなく**アプリ**を使いましょう。",
        "video_url": "https://youtu.be/dQw4w9WgXcQ"})
    assert r.status_code == 302
    module = Module.objects.get(course=course)
    assert r["Location"].endswith(f"#module-{module.pk}")
    assert module.video_url == "https://youtu.be/dQw4w9WgXcQ"


@pytest.mark.parametrize(("url", "why"), [
    ("javascript:alert(1)", "not a full https:// address"),
    ("http://example.com/v.mp4", "not a full https:// address"),
    ("www.youtube.com/watch?v=x", "not a full https:// address"),
    ("https://" + "a" * 200 + ".com", "too long (at most 200 characters)"),
])
def test_a_bad_video_link_is_refused_and_the_text_is_kept(author, course, url, why):
    r = author.post(f"/learn/manage/courses/{course.slug}/modules/new/", {
        "title_en": "Video", "body_en": "A long body I wrote carefully", "video_url": url})
    assert r.status_code == 400
    html = r.content.decode()
    assert why in html and "A long body I wrote carefully" in html
    assert not Module.objects.exists()


def test_a_module_without_a_title_is_refused(author, modules):
    r = author.post(f"/learn/manage/modules/{modules[0].pk}/",
                    {"title_en": "", "title_ja": "", "body_en": "kept"})
    assert r.status_code == 400 and "A module needs a title." in r.content.decode()
    assert Module.objects.get(pk=modules[0].pk).title_en == "M1"


def test_editing_a_module_is_audited(author, modules):
    r = author.post(f"/learn/manage/modules/{modules[1].pk}/",
                    {"title_en": "M2", "title_ja": "モジュール2", "body_en": "New text"})
    assert r.status_code == 302
    assert Module.objects.get(pk=modules[1].pk).body_en == "New text"
    assert AuditEntry.objects.get(action="learning.module_update").data["changed"] == [
        "body_en"]


def test_modules_move_up_and_down_and_stop_at_the_ends(author, course, modules):
    author.post(f"/learn/manage/modules/{modules[2].pk}/move/", {"direction": "up"})
    assert _order(course) == ["M1", "M3", "M2"]
    author.post(f"/learn/manage/modules/{modules[0].pk}/move/", {"direction": "down"})
    assert _order(course) == ["M3", "M1", "M2"]
    author.post(f"/learn/manage/modules/{modules[2].pk}/move/", {"direction": "up"})
    assert _order(course) == ["M3", "M1", "M2"]  # first already: nothing changes
    assert AuditEntry.objects.filter(action="learning.module_move").count() == 2


def test_the_learner_sees_the_new_order_and_the_embedded_player(author, course, modules, employee):
    services.module_update(actor=None, module=modules[2], title_en="M3", title_ja="モ3",
                           video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    author.post(f"/learn/manage/modules/{modules[2].pk}/move/", {"direction": "up"})
    html = client_for(employee).get(f"/learn/courses/{course.slug}/").content.decode()
    assert html.index(">2. M3<") < html.index(">3. M2<")
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html


# ----------------------------------------------------------------------------- quizzes, preview

def test_a_quiz_is_placed_under_a_module_and_back_at_the_end(author, quiz, modules):
    r = author.post(f"/learn/manage/quizzes/{quiz.pk}/place/", {"module": modules[1].pk})
    assert r.status_code == 302
    assert Quiz.objects.get(pk=quiz.pk).module == modules[1]
    author.post(f"/learn/manage/quizzes/{quiz.pk}/place/", {"module": ""})
    assert Quiz.objects.get(pk=quiz.pk).module is None
    assert AuditEntry.objects.filter(action="learning.quiz_attach").count() == 2


def test_a_quiz_cannot_go_under_another_courses_module(author, quiz, compliance):
    other = Course.objects.create(slug="other", title_en="Other", title_ja="他")
    foreign = services.module_create(actor=compliance, course=other, title_en="X", title_ja="X")
    r = author.post(f"/learn/manage/quizzes/{quiz.pk}/place/", {"module": foreign.pk})
    assert r.status_code == 400 and "belongs to another course" in r.content.decode()
    assert Quiz.objects.get(pk=quiz.pk).module is None


def test_a_quiz_without_a_correct_answer_is_refused_from_the_course_page(author, course):
    r = author.get(f"/learn/manage/quizzes/new/?course={course.slug}")
    assert f'<option value="{course.pk}" selected>' in r.content.decode()
    r = author.post("/learn/manage/quizzes/new/", {
        "course": course.pk, "title_en": "Check", "pass_mark": 80,
        "questions": "? Is 2FA useful? | 二要素認証は役立つ？\n- No | いいえ\n- Never | 全く"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "has no correct answer" in html and "Is 2FA useful?" in html
    assert not Quiz.objects.exists()


def test_the_preview_shows_a_draft_as_learners_will_see_it_and_sanitizes(author, compliance):
    course = services.course_create(actor=compliance, slug="preview-me", title_en="Preview me")
    services.module_create(actor=compliance, course=course, title_en="One", title_ja="一",
                           body_en="**Bold** <script>alert(1)</script>",
                           video_url="https://vimeo.com/76979871")
    html = author.get("/learn/manage/courses/preview-me/preview/").content.decode()
    assert "<strong>Bold</strong>" in html and "<script>alert(1)" not in html
    assert 'src="https://player.vimeo.com/video/76979871"' in html
    assert "Opening it does not enrol you." in html
    assert not course.enrollments.exists()


def test_the_course_page_lists_modules_and_quizzes_for_editing(author, course, modules, quiz):
    html = author.get(f"/learn/manage/courses/{course.slug}/").content.decode()
    for m in modules:
        assert f'data-module="{m.pk}"' in html
    assert f'data-quiz="{quiz.pk}"' in html and 'value="Basics"' in html

