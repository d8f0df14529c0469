"""Writes of the Q&A space and the brand library; each one is audited and keeps the search
terms up to date."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from koe.audit.services import audit_record
from koe.people.permissions import can, require
from koe.web.errors import Conflict, NotAllowed, ValidationFailed

from .choices import DocumentKind, Visibility
from .models import Answer, Document, Follow, Question, SearchTerm, Tag, Vote
from .search import terms

LIMITS = {"title": 200, "body": 20_000, "tags": 5, "tag": 40, "rule_code": 20, "note": 300}
_RULE_CODE = re.compile(r"^[A-Z]{1,4}[0-9]{1,5}$")


def _required(field: str, value: str, en_name: str, ja_name: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(field, f"{en_name} is required — please fill it in.",
                               f"{ja_name}を入力してください。")
    return value


# Control characters other than tab and line breaks: invisible, and they break other tools.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _plain(field: str, value: str, en_name: str, ja_name: str) -> str:
    """Refuse invisible control characters (and text-direction overrides) with a clear message;
    HTML such as ``<script>`` is fine here — it is escaped or sanitized when shown."""
    match = _CONTROL.search(value or "")
    if match:
        code = f"U+{ord(match.group()):04X}"
        raise ValidationFailed(field, f"{en_name} contains an invisible control character "
                                      f"({code}) at position {match.start() + 1}. Please remove it.",
                               f"{ja_name}に見えない制御文字（{code}）が {match.start() + 1} "
                               "文字目にあります。削除してください。")
    return value


def _max(field: str, value: str, en_name: str, ja_name: str, limit_key: str = "") -> str:
    limit = LIMITS[limit_key or (field if field in LIMITS else "body")]
    if len(value) > limit:
        raise ValidationFailed(field, f"{en_name} is too long (at most {limit} characters).",
                               f"{ja_name}が長すぎます（{limit}文字まで）。")
    return value


def parse_tags(raw: str | list[str] | None) -> list[str]:
    """"a, b　c" → ["a", "b", "c"] (commas, spaces or Japanese commas between tags)."""
    if isinstance(raw, list | tuple):
        raw = ",".join(raw)
    names = [t.strip().lower() for t in re.split(r"[,、，\s]+", raw or "") if t.strip()]
    unique = list(dict.fromkeys(names))
    if len(unique) > LIMITS["tags"]:
        raise ValidationFailed("tags", f"At most {LIMITS['tags']} tags, please.",
                               f"タグは{LIMITS['tags']}個までです。")
    for name in unique:
        if len(name) > LIMITS["tag"]:
            raise ValidationFailed("tags", f"The tag “{name[:20]}…” is too long "
                                           f"(at most {LIMITS['tag']} characters).",
                                   f"タグ「{name[:20]}…」が長すぎます（{LIMITS['tag']}文字まで）。")
    return unique


def _index(*, question: Question | None = None, document: Document | None = None,
           text: str) -> None:
    owner = {"question": question} if question is not None else {"document": document}
    SearchTerm.objects.filter(**owner).delete()
    SearchTerm.objects.bulk_create([SearchTerm(term=t, **owner) for t in sorted(terms(text))])


# ----------------------------------------------------------------------------- questions

def _question_text(title: str, body: str) -> tuple[str, str]:
    title = _max("title", _required("title", title, "The title", "タイトル"), "The title",
                 "タイトル")
    body = _max("body", body or "", "The question", "質問の本文")
    return (_plain("title", title, "The title", "タイトル"),
            _plain("body", body, "The question", "質問の本文"))


def _answer_text(body: str) -> str:
    body = _max("body", _required("body", body, "The answer", "回答"), "The answer", "回答")
    return _plain("body", body, "The answer", "回答")


def _question_index(question: Question, names: list[str]) -> None:
    _index(question=question, text=f"{question.title}\n{question.body}\n{' '.join(names)}\n"
                                    f"{question.rule_code}")


@transaction.atomic
def question_ask(*, author, title: str, body: str = "", visibility: str = Visibility.COLLEAGUES,
                 tags: str | list[str] | None = None, rule_code: str = "") -> Question:
    require(author, "qa.ask")
    title, body = _question_text(title, body)
    if visibility not in Visibility.values:
        raise ValidationFailed("visibility", "Choose who may see the question.",
                               "質問を見られる人を選んでください。")
    rule_code = (rule_code or "").strip().upper()
    if rule_code and not _RULE_CODE.match(rule_code):
        raise ValidationFailed("rule_code", "The rule code looks like C103.",
                               "ルールコードは C103 のような形式です。")
    names = parse_tags(tags)
    question = Question.objects.create(title=title, body=body, author=author,
                                       visibility=visibility, rule_code=rule_code)
    question.tags.set([Tag.objects.get_or_create(name=n)[0] for n in names])
    Follow.objects.create(user=author, question=question)
    _question_index(question, names)
    audit_record(actor=author, action="qa.question_ask", obj=question,
                 data={"visibility": visibility, "rule_code": rule_code})
    return question


@transaction.atomic
def answer_post(*, question: Question, author, body: str) -> Answer:
    require(author, "qa.ask")
    body = _answer_text(body)
    _not_removed(question)
    answer = Answer.objects.create(question=question, author=author, body=body)
    Follow.objects.get_or_create(user=author, question=question)
    Question.objects.filter(pk=question.pk).update(updated_at=timezone.now())
    audit_record(actor=author, action="qa.answer_post", obj=answer,
                 data={"question": question.pk})
    transaction.on_commit(lambda: _notify(answer.pk))
    return answer


def _notify(answer_id: int) -> None:
    from .tasks import notify_followers

    notify_followers.delay(answer_id)


def may_accept(user, question: Question) -> bool:
    return question.author_id == user.pk or can(user, "qa.moderate")


@transaction.atomic
def answer_accept(*, answer: Answer, actor) -> Answer:
    """Accept ``answer`` (the one accepted answer of its question); the asker or a moderator."""
    question = answer.question
    _not_removed(question)
    _not_removed(answer)
    if not may_accept(actor, question):
        raise NotAllowed(None, "Only the person who asked, or a moderator, can accept an answer.",
                         "回答を承認できるのは質問者かモデレーターだけです。")
    Answer.objects.filter(question=question, accepted=True).exclude(pk=answer.pk).update(
        accepted=False)
    if not answer.accepted:
        answer.accepted = True
        answer.save(update_fields=["accepted"])
        audit_record(actor=actor, action="qa.answer_accept", obj=answer,
                     data={"question": question.pk})
    return answer


def _toggle(model, *, on: bool, **fields) -> bool:
    if not on:
        model.objects.filter(**fields).delete()
        return False
    try:
        with transaction.atomic():
            model.objects.get_or_create(**fields)
    except IntegrityError:  # a double click raced with itself: the row is there
        pass
    return True


def vote_set(*, user, question: Question | None = None, answer: Answer | None = None,
             on: bool = True) -> bool:
    """Up-vote (or take back the vote on) a question or an answer; one vote per person."""
    require(user, "qa.ask")
    if (question is None) == (answer is None):
        raise ValidationFailed(None, "Vote for a question or an answer.",
                               "質問か回答のどちらかに投票してください。")
    author = (question or answer).author_id
    if on:
        _not_removed(question or answer)
    if on and author == user.pk:
        raise Conflict(None, "You cannot vote for your own post.",
                       "自分の投稿には投票できません。")
    target = {"question": question} if question is not None else {"answer": answer}
    return _toggle(Vote, on=on, user=user, **target)


def follow_set(*, user, question: Question, on: bool = True) -> bool:
    require(user, "qa.ask")
    return _toggle(Follow, on=on, user=user, question=question)


# ----------------------------------------------------------------------------- edit, delete

def _not_removed(obj: Question | Answer) -> None:
    if obj.removed_at is not None:
        raise Conflict(None, "A moderator removed this; it cannot be changed any more.",
                       "モデレーターが削除したため、変更できません。")


def may_edit(user, obj: Question | Answer) -> bool:
    """The author, or a moderator; nobody once a moderator removed it."""
    return obj.removed_at is None and (obj.author_id == user.pk or can(user, "qa.moderate"))


def require_edit(actor, obj: Question | Answer) -> None:
    require(actor, "qa.ask")
    _not_removed(obj)
    if not may_edit(actor, obj):
        raise NotAllowed(None, "Only the author, or a moderator, can change this.",
                         "変更できるのは投稿者かモデレーターだけです。")


@transaction.atomic
def question_edit(*, question: Question, actor, title: str, body: str = "",
                  tags: str | list[str] | None = None, visibility: str | None = None) -> Question:
    """Change a question's title, text, tags (and who may see it); search terms follow."""
    require_edit(actor, question)
    title, body = _question_text(title, body)
    visibility = visibility or question.visibility
    if visibility not in Visibility.values:
        raise ValidationFailed("visibility", "Choose who may see the question.",
                               "質問を見られる人を選んでください。")
    names = parse_tags(tags)
    before = {"title": question.title, "body": question.body, "visibility": question.visibility,
              "tags": sorted(t.name for t in question.tags.all())}
    question.title, question.body, question.visibility = title, body, visibility
    question.edited_at = timezone.now()
    question.save(update_fields=["title", "body", "visibility", "edited_at", "updated_at"])
    question.tags.set([Tag.objects.get_or_create(name=n)[0] for n in names])
    _question_index(question, names)
    after = {"title": title, "body": body, "visibility": visibility, "tags": sorted(names)}
    audit_record(actor=actor, action="qa.question_edit", obj=question,
                 data={"changed": sorted(k for k in after if after[k] != before[k]),
                       "by_moderator": question.author_id != actor.pk})
    return question


@transaction.atomic
def answer_edit(*, answer: Answer, actor, body: str) -> Answer:
    require_edit(actor, answer)
    body = _answer_text(body)
    changed = body != answer.body
    answer.body, answer.edited_at = body, timezone.now()
    answer.save(update_fields=["body", "edited_at"])
    audit_record(actor=actor, action="qa.answer_edit", obj=answer,
                 data={"question": answer.question_id, "changed": changed,
                       "by_moderator": answer.author_id != actor.pk})
    return answer


def _reason(reason: str) -> str:
    reason = _max("reason", (reason or "").strip(), "The reason", "理由", "note")
    return _plain("reason", reason, "The reason", "理由")


def _tombstone(obj: Question | Answer, actor, reason: str) -> None:
    obj.removed_at, obj.removed_by, obj.removal_reason = timezone.now(), actor, reason
    fields = ["removed_at", "removed_by", "removal_reason"]
    if isinstance(obj, Answer) and obj.accepted:
        obj.accepted = False
        fields.append("accepted")
    obj.save(update_fields=fields)


@transaction.atomic
def question_delete(*, question: Question, actor, reason: str = "") -> str:
    """The author deletes a question nobody else has answered (gone, ``"deleted"``). A
    moderator removes any question: the page stays with "removed by a moderator" in place of
    its text, the answers stay, and it leaves the search (``"removed"``)."""
    require(actor, "qa.ask")
    _not_removed(question)
    reason = _reason(reason)
    others = question.answers.exclude(author_id=question.author_id).exists()
    if question.author_id == actor.pk and not others:
        audit_record(actor=actor, action="qa.question_delete", obj=question,
                     data={"title": question.title, "answers": question.answers.count()})
        question.delete()
        return "deleted"
    if not can(actor, "qa.moderate"):
        if question.author_id == actor.pk:
            raise Conflict(None, "Colleagues have answered this question, so it stays. You can "
                                 "edit it, or ask a moderator to remove it.",
                           "同僚が回答しているため削除できません。編集するか、モデレーターに"
                           "削除を依頼してください。")
        raise NotAllowed(None, "Only the author, or a moderator, can delete this.",
                         "削除できるのは投稿者かモデレーターだけです。")
    _tombstone(question, actor, reason)
    SearchTerm.objects.filter(question=question).delete()
    audit_record(actor=actor, action="qa.question_remove", obj=question,
                 data={"reason": reason, "author": question.author.username,
                       "answers": question.answers.count()})
    return "removed"


@transaction.atomic
def answer_delete(*, answer: Answer, actor, reason: str = "") -> str:
    """The author deletes their answer unless it is the accepted one (``"deleted"``); a
    moderator removes any answer, leaving "removed by a moderator" in its place
    (``"removed"``)."""
    require(actor, "qa.ask")
    _not_removed(answer)
    reason = _reason(reason)
    if answer.author_id == actor.pk and not answer.accepted:
        audit_record(actor=actor, action="qa.answer_delete", obj=answer,
                     data={"question": answer.question_id})
        answer.delete()
        return "deleted"
    if not can(actor, "qa.moderate"):
        if answer.author_id == actor.pk:
            raise Conflict(None, "This is the accepted answer, so it stays. You can edit it.",
                           "承認された回答のため削除できません。編集はできます。")
        raise NotAllowed(None, "Only the author, or a moderator, can delete this.",
                         "削除できるのは投稿者かモデレーターだけです。")
    _tombstone(answer, actor, reason)
    audit_record(actor=actor, action="qa.answer_remove", obj=answer,
                 data={"question": answer.question_id, "reason": reason,
                       "author": answer.author.username})
    return "removed"


def follow_mark_seen(*, user, question: Question) -> None:
    """Remember when a follower last opened the question (for "new answers" on the dashboard).
    Not audited: it records reading, not a change."""
    Follow.objects.filter(user=user, question=question).update(seen_at=timezone.now())


# ----------------------------------------------------------------------------- library

def _document_fields(*, kind: str, title_en: str, title_ja: str, body_en: str, body_ja: str,
                     file, note: str) -> dict:
    if kind not in DocumentKind.values:
        raise ValidationFailed("kind", "Choose what kind of document this is.",
                               "文書の種類を選んでください。")
    title_en, title_ja = (title_en or "").strip(), (title_ja or "").strip()
    if not title_en and not title_ja:
        raise ValidationFailed("title_en", "A title is required (in English, Japanese or both).",
                               "タイトル（英語・日本語のどちらか）を入力してください。")
    for field, value in (("title_en", title_en), ("title_ja", title_ja)):
        _max(field, value, "The title", "タイトル", "title")
    for field, value in (("body_en", body_en), ("body_ja", body_ja)):
        _max(field, value or "", "The text", "本文", "body")
    if not (body_en or "").strip() and not (body_ja or "").strip() and not file:
        raise ValidationFailed("body_en", "Write the text (English or Japanese) or upload a file.",
                               "本文（英語または日本語）を書くか、ファイルをアップロードしてください。")
    return {"kind": kind, "title_en": title_en, "title_ja": title_ja, "body_en": body_en or "",
            "body_ja": body_ja or "", "note": _max("note", (note or "").strip(), "The note",
                                                   "変更メモ")}


def _index_document(doc: Document) -> None:
    _index(document=doc, text="\n".join([doc.title_en, doc.title_ja, doc.body_en, doc.body_ja]))


@transaction.atomic
def document_create(*, actor, kind: str, title_en: str = "", title_ja: str = "",
                    body_en: str = "", body_ja: str = "", file=None, note: str = "") -> Document:
    require(actor, "library.manage")
    fields = _document_fields(kind=kind, title_en=title_en, title_ja=title_ja, body_en=body_en,
                              body_ja=body_ja, file=file, note=note)
    doc = Document(created_by=actor, **fields)
    if file:
        doc.file = file
    doc.save()
    _index_document(doc)
    audit_record(actor=actor, action="library.document_create", obj=doc,
                 data={"family": str(doc.family), "version": doc.version})
    return doc


@transaction.atomic
def document_revise(*, document: Document, actor, kind: str, title_en: str = "",
                    title_ja: str = "", body_en: str = "", body_ja: str = "", file=None,
                    note: str = "") -> Document:
    """A new current version of ``document``; the old versions stay as history. Without a new
    file, the new version keeps the current one's file."""
    require(actor, "library.manage")
    current = (Document.objects.select_for_update()
               .filter(family=document.family, is_current=True).first())
    if current is None or current.pk != document.pk:
        raise Conflict(None, "Someone published a newer version meanwhile; open it and try again.",
                       "その間に新しい版が公開されました。最新版を開いてやり直してください。")
    fields = _document_fields(kind=kind, title_en=title_en, title_ja=title_ja, body_en=body_en,
                              body_ja=body_ja, file=file or current.file, note=note)
    Document.objects.filter(pk=current.pk).update(is_current=False)
    SearchTerm.objects.filter(document=current).delete()
    doc = Document(family=current.family, version=current.version + 1, created_by=actor,
                   file=file or current.file, **fields)
    doc.save()
    _index_document(doc)
    audit_record(actor=actor, action="library.document_revise", obj=doc,
                 data={"family": str(doc.family), "version": doc.version})
    return doc
