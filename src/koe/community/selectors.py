"""Reads of the Q&A space and the library: who sees which question, and the one search used by
the pages and the API."""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from koe.people.permissions import can

from .choices import Visibility
from .models import Answer, Document, Follow, Question, SearchTerm, Tag, Vote
from .search import terms

MAX_QUERY = 200
MAX_RESULTS = 200


def moderates(user) -> bool:
    return can(user, "qa.moderate")


def visible_questions(user) -> QuerySet[Question]:
    """Questions for colleagues, plus governance-only ones the person asked (or all of them for
    moderators)."""
    qs = Question.objects.select_related("author").prefetch_related("tags")
    if moderates(user):
        return qs
    return qs.filter(Q(visibility=Visibility.COLLEAGUES) | Q(author=user))


def question_for(user, pk: int) -> Question:
    """The question, or 404 when it does not exist or the person may not see it."""
    question = visible_questions(user).filter(pk=pk).first()
    if question is None:
        raise Http404("no such question")
    return question


def _ranked(qs: QuerySet, query: str, owner: str, fetch: QuerySet | None = None) -> list:
    """Objects of ``qs`` whose search terms match at least half of the query's terms, most
    matches first (then newest). Plain ``IN`` + ``COUNT``: the same on SQLite and PostgreSQL."""
    wanted = terms((query or "")[:MAX_QUERY])
    if not wanted:
        return list(qs)
    need = max(1, (len(wanted) + 1) // 2)
    hits = (SearchTerm.objects.filter(term__in=wanted, **{f"{owner}__in": qs.values("pk")})
            .values(owner).annotate(hits=Count("term", distinct=True))
            .filter(hits__gte=need).order_by("-hits", f"-{owner}")[:MAX_RESULTS])
    order = [(row[owner], row["hits"]) for row in hits]
    objects = (fetch if fetch is not None else qs).in_bulk([pk for pk, _ in order])
    found = []
    for pk, score in order:
        obj = objects.get(pk)
        if obj is not None:
            obj.search_hits = score
            found.append(obj)
    return found


SHOW = ("mine", "following")


def questions_search(user, *, query: str = "", tag: str = "", show: str = "") -> list[Question]:
    """The questions the person may see, filtered by tag (and ``show``: "mine" for their own,
    "following" for the ones they follow) and ranked by the search query."""
    qs = visible_questions(user).filter(removed_at__isnull=True)
    if show == "mine":
        qs = qs.filter(author=user)
    elif show == "following":
        qs = qs.filter(pk__in=Follow.objects.filter(user=user).values("question"))
    if tag:
        qs = qs.filter(tags__name=tag)
    counted = qs.annotate(answer_count=Count("answers", distinct=True),
                          vote_count=Count("votes", distinct=True))
    if query.strip():
        return _ranked(qs, query, "question", fetch=counted)
    return list(counted[:MAX_RESULTS])


def answers_of(question: Question) -> QuerySet[Answer]:
    return (question.answers.select_related("author", "removed_by")
            .annotate(vote_count=Count("votes")).order_by("-accepted", "-vote_count", "created_at"))


def voted(user, question: Question) -> dict:
    """What the person voted for on this page: ``{"question": bool, "answers": {pk, …}}``."""
    votes = Vote.objects.filter(Q(question=question) | Q(answer__question=question), user=user)
    return {"question": any(v.question_id for v in votes),
            "answers": {v.answer_id for v in votes if v.answer_id}}


def follows(user, question: Question) -> bool:
    return Follow.objects.filter(user=user, question=question).exists()


def popular_tags(user, limit: int = 30) -> list[Tag]:
    """Tags of the questions the person may see, most used first (a governance-only question's
    tags are not shown to others)."""
    visible = visible_questions(user).filter(removed_at__isnull=True).values("pk")
    return list(Tag.objects.filter(questions__in=visible)
                .annotate(n=Count("questions", distinct=True)).order_by("-n", "name")[:limit])


def current_documents() -> QuerySet[Document]:
    return Document.objects.filter(is_current=True).select_related("created_by")


def documents_search(*, query: str = "", kind: str = "") -> list[Document]:
    qs = current_documents()
    if kind:
        qs = qs.filter(kind=kind)
    return _ranked(qs, query, "document") if query.strip() else list(qs[:MAX_RESULTS])


def document_for(pk: int) -> Document:
    doc = Document.objects.filter(pk=pk).select_related("created_by").first()
    if doc is None:
        raise Http404("no such document")
    return doc


def document_history(doc: Document) -> QuerySet[Document]:
    return Document.objects.filter(family=doc.family).order_by("-version")


def my_questions(user, limit: int = 20) -> list[Question]:
    """The person's own questions (not removed), newest first, with answer counts and whether
    one is accepted."""
    return list(Question.objects.filter(author=user, removed_at__isnull=True)
                .annotate(answer_count=Count("answers", distinct=True,
                                             filter=Q(answers__removed_at__isnull=True)),
                          accepted_count=Count("answers", distinct=True,
                                               filter=Q(answers__accepted=True)))
                .order_by("-created_at")[:limit])


def followed_with_new_answers(user, limit: int = 20) -> list[Question]:
    """Questions the person follows (and may still see) that got answers from others since they
    last opened them (or since they followed, if never); ``new_answers`` on each."""
    since = Coalesce(F("follows__seen_at"), F("follows__created_at"))
    return list(visible_questions(user)
                .filter(follows__user=user, removed_at__isnull=True)
                .annotate(new_answers=Count("answers", distinct=True, filter=(
                    Q(answers__created_at__gt=since, answers__removed_at__isnull=True)
                    & ~Q(answers__author=user))))
                .filter(new_answers__gt=0).order_by("-updated_at")[:limit])
