"""Q&A and brand-library API: the same permissions, selectors and services as the pages.
Errors: ``{"error", "message", "field"}``."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from koe.people.permissions import require
from koe.web.api import ErrorOut

from . import selectors, services
from .models import Answer

router = Router(tags=["community"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class QuestionOut(Schema):
    id: int
    title: str
    body: str
    author: str
    visibility: str
    tags: list[str]
    rule_code: str
    created_at: datetime
    answers: int
    votes: int


class AnswerOut(Schema):
    id: int
    question: int
    body: str
    author: str
    accepted: bool
    votes: int
    created_at: datetime


class QuestionDetailOut(QuestionOut):
    answer_list: list[AnswerOut]


class QuestionIn(Schema):
    title: str
    body: str = ""
    visibility: str = "colleagues"
    tags: list[str] = []
    rule_code: str = ""


class AnswerIn(Schema):
    body: str


class ToggleIn(Schema):
    on: bool = True


class ToggleOut(Schema):
    on: bool


class DocumentOut(Schema):
    id: int
    family: str
    version: int
    is_current: bool
    kind: str
    title_en: str
    title_ja: str
    body_en: str
    body_ja: str
    has_file: bool
    note: str
    created_at: datetime


def _count(obj, annotated: str, related: str, given: int | None = None) -> int:
    if given is not None:
        return given
    value = getattr(obj, annotated, None)
    return value if value is not None else getattr(obj, related).count()


def _question(q, *, answers: int | None = None, votes: int | None = None) -> dict:
    return {"id": q.pk, "title": q.title, "body": q.body, "author": q.author.username,
            "visibility": q.visibility, "tags": [t.name for t in q.tags.all()],
            "rule_code": q.rule_code, "created_at": q.created_at,
            "answers": _count(q, "answer_count", "answers", answers),
            "votes": _count(q, "vote_count", "votes", votes)}


def _answer(a) -> dict:
    return {"id": a.pk, "question": a.question_id, "body": a.body, "author": a.author.username,
            "accepted": a.accepted, "created_at": a.created_at,
            "votes": _count(a, "vote_count", "votes")}


def _document(d) -> dict:
    return {"id": d.pk, "family": str(d.family), "version": d.version, "is_current": d.is_current,
            "kind": d.kind, "title_en": d.title_en, "title_ja": d.title_ja, "body_en": d.body_en,
            "body_ja": d.body_ja, "has_file": bool(d.file), "note": d.note,
            "created_at": d.created_at}


def _answer_for(request, pk: int) -> Answer:
    answer = get_object_or_404(Answer.objects.select_related("question", "author"), pk=pk)
    selectors.question_for(request.user, answer.question_id)
    return answer


@router.get("/questions", response={200: list[QuestionOut], **ERRORS},
            summary="Questions you may see; search with q (Japanese or English), filter by tag")
def question_list(request, q: str = "", tag: str = ""):
    require(request.user, "qa.ask")
    return [_question(x) for x in selectors.questions_search(request.user, query=q[:200], tag=tag)]


@router.post("/questions", response={201: QuestionDetailOut, **ERRORS}, summary="Ask a question")
def question_ask(request, payload: QuestionIn):
    require(request.user, "qa.ask")
    q = services.question_ask(author=request.user, **payload.dict())
    return Status(201, {**_question(q, answers=0, votes=0), "answer_list": []})


@router.get("/questions/{pk}", response={200: QuestionDetailOut, **ERRORS},
            summary="A question with its answers")
def question_detail(request, pk: int):
    require(request.user, "qa.ask")
    q = selectors.question_for(request.user, pk)
    answers = [_answer(a) for a in selectors.answers_of(q)]
    return {**_question(q, answers=len(answers)), "answer_list": answers}


@router.post("/questions/{pk}/answers", response={201: AnswerOut, **ERRORS},
             summary="Answer a question")
def answer_post(request, pk: int, payload: AnswerIn):
    require(request.user, "qa.ask")
    q = selectors.question_for(request.user, pk)
    return Status(201, _answer(services.answer_post(question=q, author=request.user,
                                                    body=payload.body)))


@router.post("/answers/{pk}/accept", response={200: AnswerOut, **ERRORS},
             summary="Accept an answer (the asker or a moderator)")
def answer_accept(request, pk: int):
    require(request.user, "qa.ask")
    return _answer(services.answer_accept(answer=_answer_for(request, pk), actor=request.user))


@router.post("/questions/{pk}/vote", response={200: ToggleOut, **ERRORS},
             summary="Vote for a question (on=false takes the vote back)")
def question_vote(request, pk: int, payload: ToggleIn):
    require(request.user, "qa.ask")
    q = selectors.question_for(request.user, pk)
    return {"on": services.vote_set(user=request.user, question=q, on=payload.on)}


@router.post("/answers/{pk}/vote", response={200: ToggleOut, **ERRORS},
             summary="Vote for an answer (on=false takes the vote back)")
def answer_vote(request, pk: int, payload: ToggleIn):
    require(request.user, "qa.ask")
    answer = _answer_for(request, pk)
    return {"on": services.vote_set(user=request.user, answer=answer, on=payload.on)}


@router.post("/questions/{pk}/follow", response={200: ToggleOut, **ERRORS},
             summary="Follow a question (on=false stops)")
def question_follow(request, pk: int, payload: ToggleIn):
    require(request.user, "qa.ask")
    q = selectors.question_for(request.user, pk)
    return {"on": services.follow_set(user=request.user, question=q, on=payload.on)}


@router.get("/documents", response={200: list[DocumentOut], **ERRORS},
            summary="Current brand documents; search with q, filter by kind")
def document_list(request, q: str = "", kind: str = ""):
    require(request.user, "library.view")
    return [_document(d) for d in selectors.documents_search(query=q[:200], kind=kind)]


@router.get("/documents/{pk}", response={200: DocumentOut, **ERRORS},
            summary="A brand document (any version)")
def document_detail(request, pk: int):
    require(request.user, "library.view")
    return _document(selectors.document_for(pk))
