"""Search in Japanese and English: bigrams for text without spaces, words for Latin text."""

import pytest

from koe.community import selectors, services
from koe.community.search import terms

pytestmark = pytest.mark.django_db


def test_terms_are_bigrams_of_japanese_and_words_of_latin_text():
    assert terms("ステマ投稿") == {"ステ", "テマ", "マ投", "投稿"}
    assert terms("Ｓｔｅａｌｔｈ Marketing") == {"stealth", "marketing"}
    assert terms("株") == {"株"}


@pytest.fixture
def questions(team):
    ja = services.question_ask(
        author=team["asker"], title="友人の投稿にいいねしても大丈夫？",
        body="自社製品を紹介している友人の投稿に「いいね」するとステマになるのか心配です。")
    en = services.question_ask(author=team["asker"], title="Photos from the office",
                               body="Is a picture of our whiteboard fine to post?")
    return ja, en


@pytest.mark.parametrize("query", ["ステマ", "投稿", "ステマになる"])
def test_it_finds_a_question_by_a_japanese_term_inside_a_longer_sentence(team, questions, query):
    ja = questions[0]
    found = selectors.questions_search(team["colleague"], query=query)
    assert [q.pk for q in found] == [ja.pk]


@pytest.mark.parametrize("query", ["whiteboard", "WHITEBOARD", "office photos"])
def test_it_finds_a_question_by_an_english_word(team, questions, query):
    en = questions[1]
    assert [q.pk for q in selectors.questions_search(team["colleague"], query=query)] == [en.pk]


def test_a_query_that_matches_nothing_finds_nothing(team, questions):
    assert selectors.questions_search(team["colleague"], query="暗号資産 blockchain") == []


def test_more_matching_terms_rank_first(team, questions):
    better = services.question_ask(author=team["asker"], title="ステマ規制とステルスマーケティング",
                                   body="ステマ規制の対象は？")
    found = selectors.questions_search(team["colleague"], query="ステマ規制")
    assert found[0].pk == better.pk


def test_search_never_shows_governance_only_questions_to_others(team):
    secret = services.question_ask(author=team["asker"], title="元同僚からの嫌がらせ",
                                   body="嫌がらせの投稿が続いています", visibility="governance")
    assert selectors.questions_search(team["colleague"], query="嫌がらせ") == []
    assert [q.pk for q in selectors.questions_search(team["moderator"], query="嫌がらせ")] == [secret.pk]
    assert [q.pk for q in selectors.questions_search(team["asker"], query="嫌がらせ")] == [secret.pk]


def test_documents_are_found_in_both_languages_and_only_the_current_version(team):
    doc = services.document_create(actor=team["librarian"], kind="boilerplate",
                                   title_en="About Acme", title_ja="会社概要",
                                   body_en="Acme builds cloud software.",
                                   body_ja="アクメはクラウドを開発しています。")
    assert [d.pk for d in selectors.documents_search(query="クラウド")] == [doc.pk]
    assert [d.pk for d in selectors.documents_search(query="cloud")] == [doc.pk]
    new = services.document_revise(document=doc, actor=team["librarian"], kind="boilerplate",
                                   title_en="About Acme", title_ja="会社概要",
                                   body_en="Acme builds cloud software. Founded 2009.",
                                   body_ja="アクメはクラウドを開発しています。")
    assert [d.pk for d in selectors.documents_search(query="cloud")] == [new.pk]
    assert [d.pk for d in selectors.documents_search(query="founded")] == [new.pk]
    assert [d.pk for d in selectors.documents_search(kind="faq")] == []
