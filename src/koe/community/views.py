"""Q&A and brand-library pages: load with an access check, validate, call one service."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koe.people.permissions import can, permission_required
from koe.web.errors import ValidationFailed
from koe.web.forms import add_service_error

from . import selectors, services
from .choices import DocumentKind
from .forms import AnswerForm, DocumentForm, QuestionEditForm, QuestionForm
from .models import Answer
from .rendering import markdown_html, reader_lang


def _on(request) -> bool:
    return request.POST.get("on", "1") not in ("0", "false", "off", "")


# ----------------------------------------------------------------------------- questions

@permission_required("qa.ask")
def question_list(request):
    q = request.GET.get("q", "")[: selectors.MAX_QUERY]
    tag = request.GET.get("tag", "")[:40]
    show = request.GET.get("show", "")
    show = show if show in selectors.SHOW else ""
    return render(request, "community/questions.html", {
        "questions": selectors.questions_search(request.user, query=q, tag=tag, show=show),
        "q": q, "tag": tag, "show": show, "tags": selectors.popular_tags(request.user)})


@permission_required("qa.ask")
def question_ask(request):
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question = services.question_ask(author=request.user, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("Your question is posted. You will see answers here."))
                return redirect("community:question", pk=question.pk)
        return render(request, "community/ask.html", {"form": form}, status=400)
    text = request.GET.get("text", "")[:2000]
    rule = request.GET.get("rule", "")[:20]
    initial = {"rule_code": rule}
    if text or rule:
        initial["body"] = (_("About this text: “%(text)s”") % {"text": text} if text else "")
        initial["title"] = (_("Question about rule %(rule)s") % {"rule": rule}) if rule else ""
    return render(request, "community/ask.html", {"form": QuestionForm(initial=initial)})


@permission_required("qa.ask")
def question_detail(request, pk: int, answer_form: AnswerForm | None = None, status: int = 200):
    question = selectors.question_for(request.user, pk)
    answers = list(selectors.answers_of(question))
    for a in answers:
        a.html = markdown_html(a.body)
        a.can_edit = services.may_edit(request.user, a)
    services.follow_mark_seen(user=request.user, question=question)
    return render(request, "community/question.html", {
        "can_edit": services.may_edit(request.user, question),
        "moderator": selectors.moderates(request.user),
        "question": question, "body_html": markdown_html(question.body), "answers": answers,
        "form": answer_form or AnswerForm(), "voted": selectors.voted(request.user, question),
        "following": selectors.follows(request.user, question),
        "vote_count": question.votes.count(),
        "can_accept": services.may_accept(request.user, question)}, status=status)


@require_POST
@permission_required("qa.ask")
def answer_post(request, pk: int):
    question = selectors.question_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_post(question=question, author=request.user,
                                 body=form.cleaned_data["body"])
        except ValidationFailed as exc:
            add_service_error(form, exc, input_only=True)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect("community:question", pk=question.pk)
    return question_detail.__wrapped__(request, pk, answer_form=form, status=400)


def _answer_for(request, pk: int) -> Answer:
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    selectors.question_for(request.user, answer.question_id)  # 404 when hidden
    return answer


@require_POST
@permission_required("qa.ask")
def answer_accept(request, pk: int):
    answer = _answer_for(request, pk)
    services.answer_accept(answer=answer, actor=request.user)
    messages.success(request, _("Answer accepted."))
    return redirect("community:question", pk=answer.question_id)


@require_POST
@permission_required("qa.ask")
def question_vote(request, pk: int):
    question = selectors.question_for(request.user, pk)
    services.vote_set(user=request.user, question=question, on=_on(request))
    return redirect("community:question", pk=question.pk)


@require_POST
@permission_required("qa.ask")
def answer_vote(request, pk: int):
    answer = _answer_for(request, pk)
    services.vote_set(user=request.user, answer=answer, on=_on(request))
    return redirect("community:question", pk=answer.question_id)


@require_POST
@permission_required("qa.ask")
def question_follow(request, pk: int):
    question = selectors.question_for(request.user, pk)
    on = services.follow_set(user=request.user, question=question, on=_on(request))
    messages.info(request, _("You follow this question.") if on
                  else _("You no longer follow this question."))
    return redirect("community:question", pk=question.pk)


# ----------------------------------------------------------------------------- edit, delete

def _editable(request, obj):
    """403 for a colleague who may see ``obj`` but is neither its author nor a moderator."""
    services.require_edit(request.user, obj)
    return obj


@permission_required("qa.ask")
def question_edit(request, pk: int):
    question = _editable(request, selectors.question_for(request.user, pk))
    if request.method == "POST":
        form = QuestionEditForm(request.POST)
        if form.is_valid():
            try:
                services.question_edit(question=question, actor=request.user, **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("community:question", pk=question.pk)
        return render(request, "community/edit.html",
                      {"form": form, "question": question, "what": "question"}, status=400)
    form = QuestionEditForm(initial={
        "title": question.title, "body": question.body, "visibility": question.visibility,
        "tags": ", ".join(t.name for t in question.tags.all())})
    return render(request, "community/edit.html",
                  {"form": form, "question": question, "what": "question"})


@permission_required("qa.ask")
def answer_edit(request, pk: int):
    answer = _editable(request, _answer_for(request, pk))
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_edit(answer=answer, actor=request.user,
                                     body=form.cleaned_data["body"])
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(reverse("community:question", args=[answer.question_id])
                                + f"#answer-{answer.pk}")
        return render(request, "community/edit.html",
                      {"form": form, "question": answer.question, "answer": answer,
                       "what": "answer"}, status=400)
    return render(request, "community/edit.html",
                  {"form": AnswerForm(initial={"body": answer.body}), "question": answer.question,
                   "answer": answer, "what": "answer"})


def _removed_message(request, outcome: str) -> None:
    messages.success(request, _("Deleted.") if outcome == "deleted"
                     else _("Removed. A note “removed by a moderator” stays in its place."))


@require_POST
@permission_required("qa.ask")
def question_delete(request, pk: int):
    question = selectors.question_for(request.user, pk)
    outcome = services.question_delete(question=question, actor=request.user,
                                       reason=request.POST.get("reason", ""))
    _removed_message(request, outcome)
    if outcome == "deleted":
        return redirect("community:questions")
    return redirect("community:question", pk=question.pk)


@require_POST
@permission_required("qa.ask")
def answer_delete(request, pk: int):
    answer = _answer_for(request, pk)
    outcome = services.answer_delete(answer=answer, actor=request.user,
                                     reason=request.POST.get("reason", ""))
    _removed_message(request, outcome)
    return redirect("community:question", pk=answer.question_id)


# ----------------------------------------------------------------------------- library

@permission_required("library.view")
def document_list(request):
    q = request.GET.get("q", "")[: selectors.MAX_QUERY]
    kind = request.GET.get("kind", "")
    kind = kind if kind in DocumentKind.values else ""
    return render(request, "community/documents.html", {
        "documents": selectors.documents_search(query=q, kind=kind), "q": q, "kind": kind,
        "kinds": DocumentKind.choices, "lang": reader_lang(),
        "can_manage": can(request.user, "library.manage")})


@permission_required("library.view")
def document_detail(request, pk: int):
    doc = selectors.document_for(pk)
    lang = reader_lang()
    return render(request, "community/document.html", {
        "doc": doc, "title": doc.title(lang), "body_html": markdown_html(doc.body(lang)),
        "history": selectors.document_history(doc),
        "can_manage": can(request.user, "library.manage") and doc.is_current})


@permission_required("library.view")
def document_file(request, pk: int):
    doc = selectors.document_for(pk)
    if not doc.file or not doc.file.storage.exists(doc.file.name):
        raise Http404("no file")
    return FileResponse(doc.file.open("rb"), as_attachment=True,
                        filename=PurePath(doc.file.name).name)


def _document_form(request, *, doc=None):
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                if doc is None:
                    saved = services.document_create(actor=request.user, **form.cleaned_data)
                else:
                    saved = services.document_revise(document=doc, actor=request.user,
                                                      **form.cleaned_data)
            except ValidationFailed as exc:
                add_service_error(form, exc, input_only=True)
            else:
                messages.success(request, _("Saved as version %(v)s.") % {"v": saved.version})
                return redirect("community:document", pk=saved.pk)
        return render(request, "community/document_form.html", {"form": form, "doc": doc},
                      status=400)
    initial = ({"kind": doc.kind, "title_en": doc.title_en, "title_ja": doc.title_ja,
                "body_en": doc.body_en, "body_ja": doc.body_ja} if doc else {})
    return render(request, "community/document_form.html",
                  {"form": DocumentForm(initial=initial), "doc": doc})


@permission_required("library.manage")
def document_create(request):
    return _document_form(request)


@permission_required("library.manage")
def document_revise(request, pk: int):
    doc = selectors.document_for(pk)
    if not doc.is_current:
        return redirect("community:document_revise",
                        pk=selectors.current_documents().get(family=doc.family).pk)
    return _document_form(request, doc=doc)
