"""Demo data for the Q&A space and the brand library: a few questions with answers (one
governance-only) and documents, one with two versions. Loading twice changes nothing."""

from __future__ import annotations

from .models import Document, Question
from .services import answer_accept, answer_post, document_create, document_revise, question_ask

QUESTIONS = [
    # asker, title, body, visibility, tags, rule, answerer, answer
    ("taro", "友人の投稿にいいねするとステマになりますか？",
     "自社製品を紹介している友人の投稿に「いいね」やリポストをしても大丈夫でしょうか。"
     "ステマ規制が気になっています。", "colleagues", ["ステマ", "disclosure"], "C103",
     "rei", "いいねやリポストだけなら問題ありません。自分の言葉で勧めるときは"
            "「アクメ社員です」と書き添えてください。"),
    ("emma", "Can I post a photo from the office?",
     "We had a great team lunch. Is a photo from the office fine to post on my own account?",
     "colleagues", ["photos", "confidential"], "", "chie",
     "Yes — check that no screen, whiteboard or badge is readable in the picture first."),
    ("emma", "A former colleague is attacking us on social media",
     "Someone who left last month posts angry messages about my team. Should I reply?",
     "governance", ["harassment"], "", "hana",
     "Please don't reply. Send us the links; HR and Communications will handle it."),
]

DOCUMENTS = [
    ("boilerplate", "About Acme (company boilerplate)", "アクメについて（会社概要の定型文）",
     "Acme builds **Acme Cloud**, the cloud platform for small businesses in Japan.",
     "アクメは、日本の中小企業のためのクラウド基盤 **アクメクラウド** を開発しています。"),
    ("messaging", "How we talk about Acme Cloud", "アクメクラウドの伝え方",
     "Simple, safe, made in Japan. Avoid superlatives such as *best* or *No. 1*.",
     "シンプル、安全、日本製。「最高」「No.1」などの最上級表現は避けてください。"),
    ("faq", "Social media FAQ for employees", "社員向けソーシャルメディアFAQ",
     "**May I say where I work?** Yes. **May I talk about unreleased products?** No.",
     "**勤務先を書いてもいい？** はい。**未発表の製品について話してもいい？** いいえ。"),
]


def load(ctx) -> str:
    people = ctx["people"]
    asked = 0
    for asker, title, body, visibility, tags, rule, answerer, answer in QUESTIONS:
        if Question.objects.filter(title=title).exists():
            continue
        q = question_ask(author=people[asker], title=title, body=body, visibility=visibility,
                         tags=tags, rule_code=rule)
        a = answer_post(question=q, author=people[answerer], body=answer)
        answer_accept(answer=a, actor=people[asker])
        asked += 1
    added = 0
    for kind, title_en, title_ja, body_en, body_ja in DOCUMENTS:
        if Document.objects.filter(title_en=title_en).exists():
            continue
        doc = document_create(actor=people["rei"], kind=kind, title_en=title_en,
                              title_ja=title_ja, body_en=body_en, body_ja=body_ja,
                              note="First version")
        if kind == "boilerplate":
            document_revise(document=doc, actor=people["rei"], kind=kind, title_en=title_en,
                            title_ja=title_ja, body_en=body_en + " Founded in 2009.",
                            body_ja=body_ja + "2009年創業。", note="Founding year added")
        added += 1
    return (f"Community: {Question.objects.count()} questions ({asked} new), "
            f"{Document.objects.filter(is_current=True).count()} library documents ({added} new).")
