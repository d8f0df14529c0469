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
    edited_at: datetime | None = None
    removed: bool = False


class AnswerOut(Schema):
    id: int
    question: int
    body: str
    author: str
    accepted: bool
    votes: int
    created_at: datetime
    edited_at: datetime | None = None
    removed: bool = False


class QuestionDetailOut(QuestionOut):
    answer_list: list[AnswerOut]


class QuestionIn(Schema):
    title: str
    body: str = ""
    visibility: str = "colleagues"
    tags: list[str] = []
    rule_code: str = ""


class QuestionEditIn(Schema):
    title: str
    body: str = ""
    visibility: str | None = None
    tags: list[str] = []


class AnswerIn(Schema):
    body: str


class RemovedOut(Schema):
    outcome: str  # "deleted" (gone) or "removed" (a moderator's tombstone)


class DocumentIn(Schema):
    kind: str
    title_en: str = ""
    title_ja: str = ""
    body_en: str = ""
    body_ja: str = ""
    note: str = ""


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


def _hidden(obj, viewer) -> bool:
    """A moderator's removal hides the text from everyone but moderators."""
    return obj.removed_at is not None and not (viewer and selectors.moderates(viewer))


def _question(q, *, answers: int | None = None, votes: int | None = None,
              viewer=None) -> dict:
    hidden = _hidden(q, viewer)
    return {"id": q.pk, "title": "" if hidden else q.title, "body": "" if hidden else q.body,
            "author": q.author.username, "edited_at": q.edited_at,
            "removed": q.removed_at is not None,
            "visibility": q.visibility, "tags": [t.name for t in q.tags.all()],
            "rule_code": q.rule_code, "created_at": q.created_at,
            "answers": _count(q, "answer_count", "answers", answers),
            "votes": _count(q, "vote_count", "votes", votes)}


def _answer(a, viewer=None) -> dict:
    return {"id": a.pk, "question": a.question_id, "body": "" if _hidden(a, viewer) else a.body,
            "author": a.author.username, "edited_at": a.edited_at,
            "removed": a.removed_at is not None,
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
            summary="Questions you may see; search with q (Japanese or English), filter by tag; "
                    "show=mine (asked by me) or show=following")
def question_list(request, q: str = "", tag: str = "", show: str = ""):
    require(request.user, "qa.ask")
    show = show if show in selectors.SHOW else ""
    return [_question(x) for x in selectors.questions_search(request.user, query=q[:200], tag=tag,
                                                             show=show)]


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
    answers = [_answer(a, request.user) for a in selectors.answers_of(q)]
    return {**_question(q, answers=len(answers), viewer=request.user), "answer_list": answers}


@router.patch("/questions/{pk}", response={200: QuestionDetailOut, **ERRORS},
              summary="Edit a question: title, text, tags, who may see it (author or moderator)")
def question_edit(request, pk: int, payload: QuestionEditIn):
    require(request.user, "qa.ask")
    q = services.question_edit(question=selectors.question_for(request.user, pk),
                               actor=request.user, **payload.dict())
    answers = [_answer(a, request.user) for a in selectors.answers_of(q)]
    return {**_question(q, answers=len(answers), viewer=request.user), "answer_list": answers}


@router.delete("/questions/{pk}", response={200: RemovedOut, **ERRORS},
               summary="Delete a question (its author, while nobody else answered) or remove it "
                       "(a moderator: a tombstone stays, answers kept)")
def question_delete(request, pk: int, reason: str = ""):
    require(request.user, "qa.ask")
    q = selectors.question_for(request.user, pk)
    return {"outcome": services.question_delete(question=q, actor=request.user,
                                                reason=reason)}


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


@router.patch("/answers/{pk}", response={200: AnswerOut, **ERRORS},
              summary="Edit an answer (author or moderator)")
def answer_edit(request, pk: int, payload: AnswerIn):
    require(request.user, "qa.ask")
    return _answer(services.answer_edit(answer=_answer_for(request, pk), actor=request.user,
                                        body=payload.body), request.user)


@router.delete("/answers/{pk}", response={200: RemovedOut, **ERRORS},
               summary="Delete an answer (its author, unless accepted) or remove it (a "
                       "moderator: a tombstone stays)")
def answer_delete(request, pk: int, reason: str = ""):
    require(request.user, "qa.ask")
    return {"outcome": services.answer_delete(answer=_answer_for(request, pk), actor=request.user,
                                              reason=reason)}


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


@router.post("/documents", response={201: DocumentOut, **ERRORS},
             summary="Add a brand document (text in English and/or Japanese; version 1)")
def document_create(request, payload: DocumentIn):
    require(request.user, "library.manage")
    return Status(201, _document(services.document_create(actor=request.user, **payload.dict())))


@router.post("/documents/{pk}/revisions", response={201: DocumentOut, **ERRORS},
             summary="Publish a new version of a document (pk: its current version); the file, "
                     "if any, carries over")
def document_revise(request, pk: int, payload: DocumentIn):
    require(request.user, "library.manage")
    doc = selectors.document_for(pk)
    return Status(201, _document(services.document_revise(document=doc, actor=request.user,
                                                          **payload.dict())))
