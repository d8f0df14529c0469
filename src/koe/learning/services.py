"""Writes of the learning app: assigning courses, building and taking quizzes, completing
courses and issuing certificates. Every write that matters leaves an audit entry."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from koe.accounts.services import grants_restore_for
from koe.audit.services import audit_record
from koe.people.choices import Role
from koe.people.models import Department, User
from koe.people.services import notification_from_template
from koe.web.errors import Conflict, ValidationFailed

from .choices import QuestionKind
from .models import Attempt, Certificate, Choice, Course, Enrollment, Module, Question, Quiz, Track

REFRESHER_NOTICE_DAYS = 30  # a refresher opens this many days before a certificate expires


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` ahead, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# ----------------------------------------------------------------------------- enrolment

@transaction.atomic
def enrollment_create(*, user: User, course: Course, due_on: dt.date | None = None,
                      actor: Any = None) -> Enrollment:
    """Assign ``course`` to ``user`` (or let them start it). A second assignment moves the due
    date; a completed course stays completed."""
    enrollment, created = Enrollment.objects.get_or_create(
        user=user, course=course,
        defaults={"due_on": due_on, "assigned_by": actor if getattr(actor, "pk", None) else None})
    if not created and due_on and enrollment.due_on != due_on and enrollment.completed_at is None:
        enrollment.due_on = due_on
        enrollment.save(update_fields=["due_on"])
    if created or due_on:
        audit_record(actor=actor or user, action="learning.enrol", obj=enrollment,
                     data={"user": user.username, "course": course.slug,
                           "due_on": due_on.isoformat() if due_on else None})
    return enrollment


@transaction.atomic
def course_assign(*, actor: User, course: Course, due_on: dt.date | None,
                  role: str | None = None, department: Department | None = None) -> int:
    """Assign ``course`` to everyone with ``role`` and/or in ``department``; returns how many
    people it now reaches. At least one of the two must be given."""
    if not role and department is None:
        raise ValidationFailed("role", "Choose a role or a department to assign the course to.",
                               "コースを割り当てる役割または部署を選んでください。")
    if role and role not in Role.values:
        raise ValidationFailed("role", f"Unknown role: {role}.", f"不明な役割です: {role}")
    if due_on and due_on < timezone.localdate():
        raise ValidationFailed("due_on", "The due date is in the past.", "期限が過去の日付です。")
    people = User.objects.filter(is_active=True)
    if role and role != Role.EMPLOYEE:
        people = people.filter(role_rows__role=role)
    if department is not None:
        people = people.filter(department=department)
    count = 0
    for person in people.distinct():
        enrollment, created = Enrollment.objects.get_or_create(
            user=person, course=course, defaults={"due_on": due_on, "assigned_by": actor})
        if not created and enrollment.completed_at is None:
            enrollment.due_on, enrollment.assigned_by = due_on, actor
            enrollment.save(update_fields=["due_on", "assigned_by"])
        count += 1
    audit_record(actor=actor, action="learning.assign", obj=course,
                 data={"course": course.slug, "role": role or None,
                       "department": department.code if department else None,
                       "due_on": due_on.isoformat() if due_on else None, "people": count})
    return count


# ----------------------------------------------------------------------------- content

TEXT_LIMITS = {"title": 200, "summary": 2000, "body": 50_000, "video_url": 200}
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")


def _titles(title_en: str, title_ja: str, en: str, ja: str) -> tuple[str, str]:
    """Both titles, the missing one copied from the other; at least one is required."""
    title_en, title_ja = (title_en or "").strip(), (title_ja or "").strip()
    if not (title_en or title_ja):
        raise ValidationFailed("title_en", en, ja)
    for field, value in (("title_en", title_en), ("title_ja", title_ja)):
        _limit(field, value, "title", "The title", "タイトル")
    return title_en or title_ja, title_ja or title_en


def _limit(field: str, value: str, key: str, en_name: str, ja_name: str) -> str:
    limit = TEXT_LIMITS[key]
    if len(value or "") > limit:
        raise ValidationFailed(field, f"{en_name} is too long (at most {limit} characters).",
                               f"{ja_name}が長すぎます（{limit}文字まで）。")
    return value or ""


def _video_url(url: str) -> str:
    """A full https:// address (an http:// video would be blocked inside an https page)."""
    url = (url or "").strip()
    if not url:
        return ""
    _limit("video_url", url, "video_url", "The video link", "動画のリンク")
    try:
        URLValidator(schemes=["https"])(url)
    except ValidationError:
        raise ValidationFailed(
            "video_url", f"The video link “{url[:60]}” is not a full https:// address "
                         "(e.g. https://www.youtube.com/watch?v=…).",
            f"動画のリンク「{url[:60]}」は https:// で始まる完全なアドレスではありません"
            "（例: https://www.youtube.com/watch?v=…）。") from None
    return url


def _course_fields(*, title_en: str, title_ja: str, summary_en: str, summary_ja: str,
                   track: Track | None, is_published: bool) -> dict:
    title_en, title_ja = _titles(title_en, title_ja,
                                 "A course needs a title (in English, Japanese or both).",
                                 "コースのタイトル（英語・日本語のどちらか）を入力してください。")
    return {"title_en": title_en, "title_ja": title_ja,
            "summary_en": _limit("summary_en", (summary_en or "").strip(), "summary",
                                 "The summary", "概要"),
            "summary_ja": _limit("summary_ja", (summary_ja or "").strip(), "summary",
                                 "The summary", "概要"),
            "track": track, "is_published": bool(is_published)}


@transaction.atomic
def course_create(*, actor: Any, slug: str, title_en: str = "", title_ja: str = "",
                  summary_en: str = "", summary_ja: str = "", track: Track | None = None,
                  is_published: bool = False) -> Course:
    """A new course (a draft unless ``is_published``); ``slug`` is its address and stays."""
    slug = (slug or "").strip().lower()
    if not _SLUG.match(slug):
        raise ValidationFailed("slug", "The short name uses 2–80 lower-case letters, digits and "
                                       "hyphens, e.g. security-basics.",
                               "短い名前は半角英小文字・数字・ハイフンで 2〜80 文字です"
                               "（例: security-basics）。")
    fields = _course_fields(title_en=title_en, title_ja=title_ja, summary_en=summary_en,
                            summary_ja=summary_ja, track=track, is_published=is_published)
    if Course.objects.filter(slug=slug).exists():
        raise Conflict("slug", f"A course with the short name “{slug}” exists already.",
                       f"短い名前「{slug}」のコースは既にあります。")
    order = (Course.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    course = Course.objects.create(slug=slug, order=order, **fields)
    audit_record(actor=actor, action="learning.course_create", obj=course,
                 data={"course": slug, "track": track.code if track else None,
                       "published": course.is_published})
    return course


@transaction.atomic
def course_update(*, actor: Any, course: Course, title_en: str = "", title_ja: str = "",
                  summary_en: str = "", summary_ja: str = "", track: Track | None = None,
                  is_published: bool = False) -> Course:
    fields = _course_fields(title_en=title_en, title_ja=title_ja, summary_en=summary_en,
                            summary_ja=summary_ja, track=track, is_published=is_published)
    changed = sorted(k for k, v in fields.items() if getattr(course, k) != v)
    for key, value in fields.items():
        setattr(course, key, value)
    course.save(update_fields=list(fields))
    audit_record(actor=actor, action="learning.course_update", obj=course,
                 data={"course": course.slug, "changed": changed})
    return course


@transaction.atomic
def module_update(*, actor: Any, module: Module, title_en: str, title_ja: str,
                  body_en: str = "", body_ja: str = "", video_url: str = "") -> Module:
    """Change a module's text (Markdown, sanitized when shown) and video link."""
    title_en, title_ja = _titles(title_en, title_ja, "A module needs a title.",
                                 "モジュールにはタイトルが必要です。")
    fields = {"title_en": title_en, "title_ja": title_ja,
              "body_en": _limit("body_en", body_en, "body", "The text", "本文"),
              "body_ja": _limit("body_ja", body_ja, "body", "The text", "本文"),
              "video_url": _video_url(video_url)}
    changed = sorted(k for k, v in fields.items() if getattr(module, k) != v)
    for key, value in fields.items():
        setattr(module, key, value)
    module.save(update_fields=list(fields))
    audit_record(actor=actor, action="learning.module_update", obj=module,
                 data={"course": module.course.slug, "changed": changed})
    return module


@transaction.atomic
def module_move(*, actor: Any, module: Module, up: bool) -> bool:
    """Swap ``module`` with the one before (``up``) or after it; False at either end."""
    # NO KEY: attaching a quiz to one of these modules (it holds the audit chain) checks its
    # foreign key at COMMIT; FOR UPDATE would block it while this waits for the chain.
    siblings = Module.objects.select_for_update(no_key=True).filter(course_id=module.course_id)
    neighbour = (siblings.filter(order__lt=module.order).order_by("-order") if up
                 else siblings.filter(order__gt=module.order).order_by("order")).first()
    if neighbour is None:
        return False
    mine, theirs = module.order, neighbour.order
    spare = (siblings.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    Module.objects.filter(pk=module.pk).update(order=spare)  # the pair never shares a position
    Module.objects.filter(pk=neighbour.pk).update(order=mine)
    Module.objects.filter(pk=module.pk).update(order=theirs)
    module.order = theirs
    audit_record(actor=actor, action="learning.module_move", obj=module,
                 data={"course": module.course.slug, "from": mine, "to": theirs})
    return True


@transaction.atomic
def quiz_attach(*, actor: Any, quiz: Quiz, module: Module | None) -> Quiz:
    """Show ``quiz`` under ``module`` (None: at the end of the course); same course only."""
    if module is not None and module.course_id != quiz.course_id:
        raise ValidationFailed("module", "The module belongs to another course.",
                               "このモジュールは別のコースのものです。")
    quiz.module = module
    quiz.save(update_fields=["module"])
    audit_record(actor=actor, action="learning.quiz_attach", obj=quiz,
                 data={"course": quiz.course.slug, "module": module.pk if module else None})
    return quiz


@transaction.atomic
def module_create(*, actor: Any, course: Course, title_en: str, title_ja: str, body_en: str = "",
                  body_ja: str = "", video_url: str = "", order: int | None = None) -> Module:
    """Add a module to ``course``. The body is Markdown; it is sanitized when shown."""
    title_en, title_ja = _titles(title_en, title_ja, "A module needs a title.",
                                 "モジュールにはタイトルが必要です。")
    video_url = _video_url(video_url)
    if order is None:
        # Lock the course first: two authors adding a module at once both took the same
        # "last + 1" and the second one hit the unique position (a 500).
        Course.objects.select_for_update(no_key=True).filter(pk=course.pk).first()
        order = (course.modules.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    module = Module.objects.create(course=course, order=order, title_en=title_en,
                                   title_ja=title_ja, body_en=body_en, body_ja=body_ja,
                                   video_url=video_url)
    audit_record(actor=actor, action="learning.module_create", obj=module,
                 data={"course": course.slug, "title": title_en or title_ja})
    return module


def _question_label(number: int, spec: Mapping[str, Any]) -> tuple[str, str]:
    text_en = (spec.get("text_en") or spec.get("text_ja") or "").strip()
    text_ja = (spec.get("text_ja") or spec.get("text_en") or "").strip()
    short = lambda s: s if len(s) <= 60 else s[:57] + "…"  # noqa: E731
    return f'Question {number} ("{short(text_en)}")', f"質問 {number}（「{short(text_ja)}」）"


def validate_questions(questions: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Check the shape of a quiz's questions; the first problem raises ValidationFailed naming
    the question (its number and its text) in both languages."""
    questions = list(questions)
    if not questions:
        raise ValidationFailed("questions", "A quiz needs at least one question.",
                               "クイズには少なくとも 1 問が必要です。")
    for number, spec in enumerate(questions, start=1):
        en, ja = _question_label(number, spec)
        if not ((spec.get("text_en") or "").strip() or (spec.get("text_ja") or "").strip()):
            raise ValidationFailed("questions", f"Question {number} has no text.",
                                   f"質問 {number} に本文がありません。")
        choices = list(spec.get("choices") or [])
        if len(choices) < 2:
            raise ValidationFailed("questions", f"{en} needs at least two answers to choose from.",
                                   f"{ja}には選択肢が 2 つ以上必要です。")
        correct = sum(1 for c in choices if c.get("correct"))
        if correct == 0:
            raise ValidationFailed(
                "questions", f"{en} has no correct answer. Mark at least one answer as correct.",
                f"{ja}に正解がありません。少なくとも 1 つの選択肢を正解にしてください。")
        kind = spec.get("kind") or (QuestionKind.SINGLE if correct == 1 else QuestionKind.MULTI)
        if kind not in QuestionKind.values:
            raise ValidationFailed("questions", f"{en}: unknown kind {kind!r}.",
                                   f"{ja}: 不明な種類です（{kind}）。")
        if kind == QuestionKind.SINGLE and correct > 1:
            raise ValidationFailed(
                "questions", f"{en} is single-choice but has {correct} correct answers.",
                f"{ja}は単一選択ですが、正解が {correct} つあります。")
    return questions


@transaction.atomic
def quiz_create(*, actor: Any, course: Course, title_en: str, title_ja: str,
                questions: Iterable[Mapping[str, Any]], module: Module | None = None,
                pass_mark: int = 80, max_attempts: int | None = None) -> Quiz:
    """Create a quiz with its questions and choices. Each question is a mapping with text_en,
    text_ja, explanation_en, explanation_ja, optional kind, and choices [{text_en, text_ja,
    correct}]. Nothing is saved unless every question is valid."""
    if not 1 <= int(pass_mark) <= 100:
        raise ValidationFailed("pass_mark", "The pass mark is between 1 and 100 %.",
                               "合格点は 1〜100 % の間で指定してください。")
    if max_attempts is not None and int(max_attempts) < 1:
        raise ValidationFailed("max_attempts",
                               "Allow at least one attempt, or leave it empty for unlimited.",
                               "受験回数は 1 回以上にするか、無制限なら空欄にしてください。")
    if module is not None and module.course_id != course.pk:
        raise ValidationFailed("module", "The module belongs to another course.",
                               "このモジュールは別のコースのものです。")
    specs = validate_questions(questions)
    quiz = Quiz.objects.create(course=course, module=module, title_en=title_en,
                               title_ja=title_ja or title_en, pass_mark=pass_mark,
                               max_attempts=max_attempts)
    for q_order, spec in enumerate(specs, start=1):
        choices = list(spec["choices"])
        correct = sum(1 for c in choices if c.get("correct"))
        question = Question.objects.create(
            quiz=quiz, order=q_order,
            kind=spec.get("kind") or (QuestionKind.SINGLE if correct == 1 else QuestionKind.MULTI),
            text_en=spec.get("text_en") or spec.get("text_ja"),
            text_ja=spec.get("text_ja") or spec.get("text_en"),
            explanation_en=spec.get("explanation_en") or "",
            explanation_ja=spec.get("explanation_ja") or "")
        Choice.objects.bulk_create([
            Choice(question=question, order=c_order, text_en=c.get("text_en") or c.get("text_ja"),
                   text_ja=c.get("text_ja") or c.get("text_en"), correct=bool(c.get("correct")))
            for c_order, c in enumerate(choices, start=1)])
    audit_record(actor=actor, action="learning.quiz_create", obj=quiz,
                 data={"course": course.slug, "questions": len(specs)})
    return quiz


# ----------------------------------------------------------------------------- taking quizzes

def attempts_left(*, user: User, quiz: Quiz) -> int | None:
    """How many more attempts ``user`` has on ``quiz``; None when unlimited."""
    if quiz.max_attempts is None:
        return None
    return max(0, quiz.max_attempts - Attempt.objects.filter(user=user, quiz=quiz).count())


def _normalize(quiz: Quiz, answers: Mapping[Any, Any]) -> dict[str, list[int]]:
    questions = {q.pk: q for q in quiz.questions.prefetch_related("choices")}
    picked: dict[str, list[int]] = {}
    for key, value in (answers or {}).items():
        try:
            qid = int(key)
            ids = sorted({int(v) for v in (value if isinstance(value, list | tuple) else [value])})
        except (TypeError, ValueError):
            raise ValidationFailed("answers", f"Not a question or answer number: {key!r}.",
                                   f"質問または回答の番号ではありません: {key!r}") from None
        question = questions.get(qid)
        if question is None:
            raise ValidationFailed("answers", f"Question {qid} is not part of this quiz.",
                                   f"質問 {qid} はこのクイズにありません。")
        valid = {c.pk for c in question.choices.all()}
        if not set(ids) <= valid:
            raise ValidationFailed("answers", f"An answer to question {question.order} is not one "
                                   "of its choices.",
                                   f"質問 {question.order} の回答が選択肢にありません。")
        if question.kind == QuestionKind.SINGLE and len(ids) > 1:
            raise ValidationFailed("answers", f"Question {question.order} takes one answer.",
                                   f"質問 {question.order} の回答は 1 つだけです。")
        picked[str(qid)] = ids
    return picked


def score_answers(quiz: Quiz, picked: Mapping[str, list[int]]) -> int:
    """The percentage of questions answered exactly right (every right choice, no wrong one)."""
    questions = list(quiz.questions.prefetch_related("choices"))
    if not questions:
        return 0
    right = sum(1 for q in questions
                if set(picked.get(str(q.pk), [])) == {c.pk for c in q.choices.all() if c.correct})
    return round(100 * right / len(questions))


@transaction.atomic
def attempt_submit(*, user: User, quiz: Quiz, answers: Mapping[Any, Any]) -> Attempt:
    """Score one attempt of ``quiz``. Passed when the score reaches the pass mark; refused
    (409) once the attempts allowed are used up. Passing may complete the course and, with
    it, the track (a certificate)."""
    # Lock the person's row so two quick submissions cannot both use the last attempt. NO KEY:
    # a FOR UPDATE lock would also block the deferred foreign-key check (FOR KEY SHARE) of any
    # other transaction of theirs that holds the audit chain lock, and the two would deadlock.
    User.objects.select_for_update(no_key=True).filter(pk=user.pk).first()
    left = attempts_left(user=user, quiz=quiz)
    if left == 0:
        raise Conflict("answers",
                       f"You have used all {quiz.max_attempts} attempts of this quiz.",
                       f"このクイズの受験回数（{quiz.max_attempts} 回）をすべて使いました。")
    picked = _normalize(quiz, answers)
    score = score_answers(quiz, picked)
    attempt = Attempt.objects.create(user=user, quiz=quiz, answers=picked, score=score,
                                     passed=score >= quiz.pass_mark)
    audit_record(actor=user, action="learning.attempt", obj=attempt,
                 data={"quiz": quiz.pk, "course": quiz.course.slug, "score": score,
                       "passed": attempt.passed})
    if attempt.passed:
        course_check_complete(user=user, course=quiz.course)
    return attempt


@transaction.atomic
def course_check_complete(*, user: User, course: Course, read: bool = False) -> Enrollment | None:
    """Mark the course completed for ``user`` when every quiz of it is passed (a course without
    a quiz is completed when the person says they have read it: ``read=True``)."""
    quizzes = list(course.quizzes.values_list("pk", flat=True))
    current = Enrollment.objects.filter(user=user, course=course).first()
    if quizzes:
        attempts = Attempt.objects.filter(user=user, quiz_id__in=quizzes, passed=True)
        if current is not None and current.refreshed_at is not None:
            attempts = attempts.filter(at__gte=current.refreshed_at)  # a refresher counts anew
        passed = set(attempts.values_list("quiz_id", flat=True))
        if passed != set(quizzes):
            return None
    elif not read:
        return None
    enrollment = enrollment_create(user=user, course=course, actor=user)
    if enrollment.completed_at is None:
        enrollment.completed_at = timezone.now()
        enrollment.save(update_fields=["completed_at"])
        audit_record(actor=user, action="learning.course_complete", obj=enrollment,
                     data={"course": course.slug})
        if course.track_id:
            track_check_certificate(user=user, track=course.track)
    return enrollment


@transaction.atomic
def track_check_certificate(*, user: User, track: Track,
                            today: dt.date | None = None) -> Certificate | None:
    """Issue a certificate when ``user`` has completed every published course of ``track``
    and holds no certificate for it that stays valid beyond the refresher window. It expires
    ``track.validity_months`` later."""
    today = today or timezone.localdate()
    courses = set(track.courses.filter(is_published=True).values_list("pk", flat=True))
    if not courses:
        return None
    done = set(Enrollment.objects.filter(user=user, course_id__in=courses,
                                         completed_at__isnull=False)
               .values_list("course_id", flat=True))
    if done != courses:
        return None
    # A valid certificate is renewed only in the refresher window before it expires.
    renew_from = today + dt.timedelta(days=REFRESHER_NOTICE_DAYS)
    if Certificate.objects.filter(user=user, track=track, expires_on__gt=renew_from).exists():
        return None
    certificate = Certificate.objects.create(user=user, track=track, issued_on=today,
                                             expires_on=add_months(today, track.validity_months))
    audit_record(actor=user, action="learning.certificate_issue", obj=certificate,
                 data={"track": track.code, "expires_on": certificate.expires_on.isoformat()})
    grants_restore_for(user=user, today=today)  # brand-account grants suspended for lack of it
    return certificate



@transaction.atomic
def refreshers_start(*, today: dt.date | None = None) -> int:
    """Re-open the courses of each track whose certificate expires within
    REFRESHER_NOTICE_DAYS (the yearly refresher), due on the expiry date. Returns how many
    enrolments were re-opened."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REFRESHER_NOTICE_DAYS)
    count = 0
    expiring = (Certificate.objects.filter(expires_on__gt=today, expires_on__lte=horizon,
                                           user__is_active=True)
                .select_related("user", "track"))
    for cert in expiring:
        if Certificate.objects.filter(user=cert.user, track=cert.track,
                                      expires_on__gt=cert.expires_on).exists():
            continue
        before = count
        for course in cert.track.courses.filter(is_published=True):
            enrollment, _ = Enrollment.objects.get_or_create(user=cert.user, course=course)
            if enrollment.completed_at is None and enrollment.refreshed_at is not None:
                continue  # already re-opened
            enrollment.completed_at, enrollment.refreshed_at = None, timezone.now()
            enrollment.due_on, enrollment.reminded_on = cert.expires_on, None
            enrollment.save(update_fields=["completed_at", "refreshed_at", "due_on",
                                           "reminded_on"])
            audit_record(actor=None, action="learning.refresher_start", obj=enrollment,
                         data={"user": cert.user.username, "course": course.slug,
                               "due_on": cert.expires_on.isoformat()})
            count += 1
        if count > before:
            notification_from_template(
                user=cert.user, kind="refresher", template="certificate-expiring",
                context={"track": cert.track, "expires_on": cert.expires_on},
                url=reverse("learning:mine"),
                body=gettext_lazy("Your refresher courses are open again under Learning; "
                                  "completing them renews the certificate."))
    return count
