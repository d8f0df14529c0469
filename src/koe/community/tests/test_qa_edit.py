"""Editing and deleting questions and answers: the author within the rules, a moderator with a
tombstone, every change audited, search terms kept up to date, hostile input handled."""

import pytest

from koe.audit.models import AuditEntry
from koe.community import selectors, services
from koe.community.models import Answer, Question, SearchTerm
from koe.people.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(team):
    q = services.question_ask(author=team["asker"], title="ステマ規制について",
                              body="友人の投稿にいいねしてもいいですか？", tags=["ステマ"])
    a = services.answer_post(question=q, author=team["colleague"], body="大丈夫です")
    return {"q": q, "a": a}


def _actions():
    return list(AuditEntry.objects.values_list("action", flat=True))


# ----------------------------------------------------------------------------- editing

def test_the_author_edits_title_body_and_tags_and_search_follows(team, world):
    c = client_for(team["asker"])
    r = c.post(f"/community/questions/{world['q'].pk}/edit/",
               {"title": "Hashtag disclosure", "body": "Do I need #ad on a retweet?",
                "visibility": "colleagues", "tags": "disclosure, 広告"})
    assert r.status_code == 302
    q = Question.objects.get(pk=world["q"].pk)
    assert q.title == "Hashtag disclosure" and q.edited_at is not None
    assert sorted(t.name for t in q.tags.all()) == ["disclosure", "広告"]
    reader = team["colleague"]
    assert [x.pk for x in selectors.questions_search(reader, query="retweet")] == [q.pk]
    assert selectors.questions_search(reader, query="いいね") == []  # old words left the index
    assert [x.pk for x in selectors.questions_search(reader, tag="広告")] == [q.pk]
    entry = AuditEntry.objects.get(action="qa.question_edit")
    assert entry.data["changed"] == ["body", "tags", "title"] and not entry.data["by_moderator"]


def test_the_edit_page_is_prefilled(team, world):
    r = client_for(team["asker"]).get(f"/community/questions/{world['q'].pk}/edit/")
    assert r.status_code == 200
    assert "ステマ規制について" in r.content.decode() and 'value="ステマ"' in r.content.decode()


def test_a_colleague_may_not_edit_or_delete_someone_elses_question(team, world):
    c = client_for(team["colleague"])
    q = world["q"].pk
    assert c.get(f"/community/questions/{q}/edit/").status_code == 403
    r = c.post(f"/community/questions/{q}/edit/", {"title": "mine now", "visibility": "colleagues"})
    assert r.status_code == 403
    assert c.post(f"/community/questions/{q}/delete/").status_code == 403
    assert client_for(team["asker"]).post(f"/community/answers/{world['a'].pk}/edit/",
                                          {"body": "x"}).status_code == 403
    assert Question.objects.get(pk=q).title == "ステマ規制について"
    assert Answer.objects.get(pk=world["a"].pk).body == "大丈夫です"


def test_governance_only_questions_are_404_to_colleagues_on_edit_and_delete(team):
    secret = services.question_ask(author=team["asker"], title="Private", visibility="governance")
    c = client_for(team["colleague"])
    assert c.get(f"/community/questions/{secret.pk}/edit/").status_code == 404
    assert c.post(f"/community/questions/{secret.pk}/delete/").status_code == 404
    assert Question.objects.filter(pk=secret.pk, removed_at__isnull=True).exists()


def test_a_moderator_edits_anyones_answer_and_the_audit_says_so(team, world):
    r = client_for(team["moderator"]).post(f"/community/answers/{world['a'].pk}/edit/",
                                           {"body": "大丈夫です（#PR を付ければ）"})
    assert r.status_code == 302 and r["Location"].endswith(f"#answer-{world['a'].pk}")
    assert Answer.objects.get(pk=world["a"].pk).body == "大丈夫です（#PR を付ければ）"
    assert AuditEntry.objects.get(action="qa.answer_edit").data["by_moderator"] is True


def test_an_empty_title_on_edit_is_refused_and_the_text_is_kept(team, world):
    r = client_for(team["asker"]).post(f"/community/questions/{world['q'].pk}/edit/",
                                       {"title": "  ", "body": "my careful new wording",
                                        "visibility": "colleagues", "tags": "ステマ"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "The title is required" in html and "my careful new wording" in html
    assert Question.objects.get(pk=world["q"].pk).body == "友人の投稿にいいねしてもいいですか？"


# ----------------------------------------------------------------------------- hostile input

def test_a_script_tag_in_a_question_is_stored_but_never_runs(team):
    c = client_for(team["asker"])
    r = c.post("/community/ask/", {"title": "<script>alert('t')</script>Hi",
                                   "body": "**bold** <script>alert(1)</script><img src=x onerror=alert(2)>",
                                   "visibility": "colleagues"})
    assert r.status_code == 302
    html = c.get(r["Location"]).content.decode()
    assert "<script>alert" not in html and "onerror" not in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;Hi" in html
    assert "<strong>bold</strong>" in html


def test_control_characters_get_a_clear_message_naming_the_place(team, world):
    c = client_for(team["asker"])
    r = c.post("/community/ask/", {"title": "Fine title", "body": "abc\x1b[31mdef",
                                   "visibility": "colleagues"})
    assert r.status_code == 400
    html = r.content.decode()
    assert "invisible control character (U+001B) at position 4" in html
    assert "Fine title" in html
    r = c.post(f"/community/questions/{world['q'].pk}/edit/",
               {"title": "right-to-left \u202etxt.exe", "visibility": "colleagues"})
    assert r.status_code == 400 and "U+202E" in r.content.decode()
    assert Question.objects.count() == 1


def test_a_control_character_message_is_japanese_for_japanese_readers(team, world):
    team["colleague"].language = "ja"
    team["colleague"].save()
    c = client_for(team["colleague"])
    r = c.post(f"/community/questions/{world['q'].pk}/answer/", {"body": "はい\x07"},
               HTTP_ACCEPT_LANGUAGE="ja")
    assert r.status_code == 400
    assert "見えない制御文字（U+0007）が 3 文字目にあります" in r.content.decode()


def test_a_huge_answer_is_refused_with_its_limit_and_kept(team, world):
    body = "あ" * 20_001
    r = client_for(team["colleague"]).post(f"/community/answers/{world['a'].pk}/edit/",
                                           {"body": body})
    assert r.status_code == 400
    html = r.content.decode()
    assert "too long (at most 20000 characters)" in html and body in html
    assert Answer.objects.get(pk=world["a"].pk).body == "大丈夫です"


# ----------------------------------------------------------------------------- deleting

def test_the_author_deletes_an_unanswered_question_and_it_is_gone(team):
    q = services.question_ask(author=team["asker"], title="Oops, wrong place", body="typo")
    r = client_for(team["asker"]).post(f"/community/questions/{q.pk}/delete/")
    assert r.status_code == 302 and r["Location"] == "/community/"
    assert not Question.objects.filter(pk=q.pk).exists()
    assert not SearchTerm.objects.filter(question_id=q.pk).exists()
    entry = AuditEntry.objects.get(action="qa.question_delete")
    assert entry.object_id == str(q.pk) and entry.data["title"] == "Oops, wrong place"


def test_the_author_cannot_delete_a_question_colleagues_answered(team, world):
    r = client_for(team["asker"]).post(f"/community/questions/{world['q'].pk}/delete/")
    assert r.status_code == 409
    assert "Colleagues have answered this question" in r.content.decode()
    assert Answer.objects.filter(pk=world["a"].pk).exists()


def test_a_moderator_removal_leaves_a_tombstone_keeps_answers_and_leaves_search(team, world):
    q = world["q"]
    r = client_for(team["moderator"]).post(f"/community/questions/{q.pk}/delete/",
                                           {"reason": "Personal data of a customer"})
    assert r.status_code == 302
    q.refresh_from_db()
    assert q.removed_by == team["moderator"] and q.removal_reason == "Personal data of a customer"
    assert Answer.objects.filter(question=q).count() == 1
    assert not SearchTerm.objects.filter(question=q).exists()
    reader = team["colleague"]
    assert selectors.questions_search(reader, query="ステマ") == []
    assert selectors.questions_search(reader) == []
    html = client_for(reader).get(f"/community/questions/{q.pk}/").content.decode()
    assert "Removed by a moderator." in html and "Personal data of a customer" in html
    assert "友人の投稿" not in html and "ステマ規制について" not in html
    assert "大丈夫です" in html  # the answers stay
    mod_html = client_for(team["moderator"]).get(f"/community/questions/{q.pk}/").content.decode()
    assert "友人の投稿" in mod_html  # moderators can still review what was removed
    entry = AuditEntry.objects.get(action="qa.question_remove")
    assert entry.data == {"reason": "Personal data of a customer", "author": team["asker"].username,
                          "answers": 1}


def test_a_removed_question_takes_no_more_answers_votes_or_edits(team, world):
    services.question_delete(question=world["q"], actor=team["moderator"])
    c = client_for(team["colleague"])
    q = world["q"].pk
    assert c.post(f"/community/questions/{q}/answer/", {"body": "late"}).status_code == 409
    assert c.post(f"/community/questions/{q}/vote/", {"on": "1"}).status_code == 409
    assert client_for(team["asker"]).get(f"/community/questions/{q}/edit/").status_code == 409
    assert Answer.objects.filter(question_id=q).count() == 1


def test_the_author_deletes_their_answer_but_not_the_accepted_one(team, world):
    own = services.answer_post(question=world["q"], author=team["colleague"], body="second")
    c = client_for(team["colleague"])
    assert c.post(f"/community/answers/{own.pk}/delete/").status_code == 302
    assert not Answer.objects.filter(pk=own.pk).exists()
    services.answer_accept(answer=world["a"], actor=team["asker"])
    r = c.post(f"/community/answers/{world['a'].pk}/delete/")
    assert r.status_code == 409 and "accepted answer" in r.content.decode()
    assert "qa.answer_delete" in _actions()


def test_a_moderator_removes_an_accepted_answer_as_a_tombstone(team, world):
    services.answer_accept(answer=world["a"], actor=team["asker"])
    r = client_for(team["moderator"]).post(f"/community/answers/{world['a'].pk}/delete/",
                                           {"reason": "wrong advice"})
    assert r.status_code == 302
    a = Answer.objects.get(pk=world["a"].pk)
    assert a.is_removed and not a.accepted and a.body == "大丈夫です"
    html = client_for(team["asker"]).get(f"/community/questions/{world['q'].pk}/").content.decode()
    assert "Removed by a moderator." in html and "wrong advice" in html
    assert "大丈夫です" not in html
    assert AuditEntry.objects.get(action="qa.answer_remove").data["reason"] == "wrong advice"


def test_delete_needs_post_and_sign_in(client, team, world):
    q = world["q"].pk
    assert client_for(team["asker"]).get(f"/community/questions/{q}/delete/").status_code == 405
    r = client.get(f"/community/questions/{q}/edit/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]
    assert client.post(f"/community/answers/{world['a'].pk}/delete/").status_code == 302
    assert Answer.objects.filter(pk=world["a"].pk).exists()


# ----------------------------------------------------------------------------- my questions

def test_my_questions_and_followed_questions_filters(team, world):
    mine = services.question_ask(author=team["colleague"], title="Mine: can I post photos?")
    c = client_for(team["colleague"])
    html = c.get("/community/?show=mine").content.decode()
    assert f'data-id="{mine.pk}"' in html and f'data-id="{world["q"].pk}"' not in html
    html = c.get("/community/?show=following").content.decode()  # answering follows
    assert f'data-id="{world["q"].pk}"' in html and f'data-id="{mine.pk}"' in html
    services.follow_set(user=team["colleague"], question=world["q"], on=False)
    html = c.get("/community/?show=following").content.decode()
    assert f'data-id="{world["q"].pk}"' not in html
    r = c.get("/api/community/questions", {"show": "mine", "q": "photos"})
    assert [x["id"] for x in r.json()] == [mine.pk]
