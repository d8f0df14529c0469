"""Questions, answers, votes and follows of the Q&A space; versioned brand documents; and the
search terms (character bigrams and words) that make both searchable in Japanese and English."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DocumentKind, Visibility


class Tag(models.Model):
    """A short label on questions (e.g. "stealth-marketing", "ステマ"), shared by everyone."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Editable(models.Model):
    """When a post (question or answer) was edited, and a moderator's removal: a tombstone
    that keeps the row and hides the text."""

    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    removal_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Question(Editable):
    """A question someone asked, seen by colleagues or only by the governance team."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="questions")
    visibility = models.CharField(max_length=20, choices=Visibility.choices,
                                  default=Visibility.COLLEAGUES)
    tags = models.ManyToManyField(Tag, blank=True, related_name="questions")
    rule_code = models.CharField(max_length=20, blank=True,
                                 help_text="The policy rule this question is about, if any.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class Answer(Editable):
    """An answer to a question; the asker or a moderator may accept one."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="answers")
    accepted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-accepted", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question"], condition=Q(accepted=True),
                                    name="community_one_accepted_answer",
                                    violation_error_message=_("A question has one accepted answer.")),
        ]

    def __str__(self) -> str:
        return f"{self.question} · {self.author}"


class Vote(models.Model):
    """One person's up-vote on a question or an answer (one per person and item)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_votes")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="votes")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False, answer__isnull=True)
                           | Q(question__isnull=True, answer__isnull=False)),
                name="community_vote_one_target",
                violation_error_message=_("A vote is for a question or for an answer.")),
            models.UniqueConstraint(fields=["user", "question"], condition=Q(question__isnull=False),
                                    name="community_one_vote_per_question",
                                    violation_error_message=_("You voted for this already.")),
            models.UniqueConstraint(fields=["user", "answer"], condition=Q(answer__isnull=False),
                                    name="community_one_vote_per_answer",
                                    violation_error_message=_("You voted for this already.")),
        ]


class Follow(models.Model):
    """Someone follows a question to hear about new answers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="community_follows")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True,
                                   help_text="When the follower last opened the question.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="community_one_follow",
                                    violation_error_message=_("You follow this question already.")),
        ]


class Document(models.Model):
    """One version of a brand document (messaging, boilerplate, FAQ, asset). Versions of the
    same document share ``family``; exactly one of them is current, the others are history."""

    family = models.UUIDField(default=uuid.uuid4, db_index=True)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title_en = models.CharField(max_length=200, blank=True)
    title_ja = models.CharField(max_length=200, blank=True)
    body_en = models.TextField(blank=True)
    body_ja = models.TextField(blank=True)
    file = models.FileField(upload_to="community/documents/%Y/", blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title_en", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="community_document_version",
                                    violation_error_message=_("This version exists already.")),
            models.UniqueConstraint(fields=["family"], condition=Q(is_current=True),
                                    name="community_one_current_version",
                                    violation_error_message=_("A document has one current version.")),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ja

    def title(self, lang: str) -> str:
        return (self.title_ja or self.title_en) if lang == "ja" else (self.title_en or self.title_ja)

    def body(self, lang: str) -> str:
        return (self.body_ja or self.body_en) if lang == "ja" else (self.body_en or self.body_ja)


class SearchTerm(models.Model):
    """One search term (a character bigram or a lower-cased word) of a question or document.

    Plain rows and an indexed equality match work the same on SQLite and PostgreSQL, and
    bigrams find Japanese words, which have no spaces around them.
    """

    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="search_terms")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="search_terms")
    term = models.CharField(max_length=40, db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False, document__isnull=True)
                           | Q(question__isnull=True, document__isnull=False)),
                name="community_term_one_owner",
                violation_error_message=_("A search term belongs to a question or a document.")),
        ]
