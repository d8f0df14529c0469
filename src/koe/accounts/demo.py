"""Acme's demo accounts: brand accounts with grants and a realistic security posture, two
enrolled personal accounts, a bilingual baseline survey with answers, and three goals.

``load(ctx)`` is idempotent: whatever exists already is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from . import services
from .choices import GrantLevel, QuestionKind
from .models import Goal, OAuthApp, SocialAccount, Survey, SurveyResponse

# Publishing to the brand accounts needs this track's certificate; these people hold one.
PUBLISH_TRACK = "brand-publishers"
CERTIFIED = ("paula", "rei")

# network, handle, display name, department, owner, 2FA, password age (days), review age, apps
BRAND_ACCOUNTS = [
    ("x", "acme_jp", "アクメ株式会社 公式", "marketing", "rei", True, 45, 35,
     [("Hootsuite", "read, write, DMs", 400, 20)]),
    ("bluesky", "acme.bsky.social", "Acme", "marketing", "rei", False, 30, 35, []),
    ("linkedin", "acme", "Acme Corporation", "marketing", "paula", True, 420, 35,
     [("Buffer", "share posts", 300, None)]),
    ("instagram", "acme.jp", "Acme Japan", "marketing", "rei", True, 60, 35, []),
]
# handle → [(username, level)]
GRANTS = {
    "acme_jp": [("paula", GrantLevel.PUBLISH), ("rei", GrantLevel.PUBLISH)],
    "acme.bsky.social": [("paula", GrantLevel.PUBLISH), ("rei", GrantLevel.PUBLISH)],
    "acme": [("paula", GrantLevel.PUBLISH), ("taro", GrantLevel.DRAFT)],
    "acme.jp": [("paula", GrantLevel.PUBLISH)],
}
PERSONAL = [("emma", "bluesky", "emma-builds.bsky.social", "Emma"),
            ("taro", "x", "taro_sales_acme", "山田太郎 | アクメ営業")]

SURVEY_TITLE = ("Social media at Acme: baseline survey", "アクメのソーシャルメディア利用 ベースライン調査")
SURVEY_INTRO = ("Five minutes, to learn how we use social media today. Results are shown only as "
                "totals by department.",
                "現在のソーシャルメディアの使い方を知るための 5 分間のアンケートです。"
                "結果は部署ごとの集計としてのみ表示されます。")
QUESTIONS = [
    (QuestionKind.SINGLE, "How often do you post on social media?",
     "ソーシャルメディアにどのくらいの頻度で投稿しますか？",
     ["Daily | 毎日", "Weekly | 毎週", "Monthly | 毎月", "Rarely or never | ほとんどしない"]),
    (QuestionKind.MULTI, "Which networks do you use?", "どのネットワークを使っていますか？",
     ["X | X", "Bluesky | Bluesky", "LinkedIn | LinkedIn", "Instagram | Instagram",
      "LINE | LINE"]),
    (QuestionKind.SINGLE, "Does your profile say you work at Acme?",
     "プロフィールにアクメ勤務と書いていますか？",
     ["Yes | はい", "No | いいえ", "Not sure | わからない"]),
    (QuestionKind.SCALE, "How confident are you about what you may post about work?",
     "仕事について何を投稿してよいか、どのくらい自信がありますか？", []),
    (QuestionKind.SCALE, "How useful would a quick “Can I post this?” check be?",
     "投稿前の簡単なチェックはどのくらい役に立ちそうですか？", []),
    (QuestionKind.TEXT, "What would help you speak up about our work online?",
     "オンラインで仕事について発信するには、何があると助かりますか？", []),
]
# username → answers by question number (1-based): single index, multi indexes, scale, text
ANSWERS = {
    "emma": {1: 1, 2: [1, 2], 3: 0, 4: 3, 5: 5, 6: "Examples of good posts about our product."},
    "taro": {1: 0, 2: [0, 2, 4], 3: 0, 4: 2, 5: 4, 6: "顧客とのやり取りで注意すべき点を知りたい。"},
    "paula": {1: 0, 2: [0, 1, 2, 3], 3: 0, 4: 5, 5: 4, 6: ""},
    "rei": {1: 0, 2: [0, 1, 3], 3: 0, 4: 4, 5: 5, 6: "承認の流れをもっと速くしたい。"},
    "hana": {1: 2, 2: [4], 3: 1, 4: 3, 5: 3, 6: ""},
    "ivan": {1: 3, 2: [1], 3: 1, 4: 2, 5: 4, 6: "Clear rules for screenshots of internal tools."},
    "leo": {1: 3, 2: [2], 3: 2, 4: 4, 5: 3, 6: ""},
}

# (org en, org ja, social en, social ja, metric en, metric ja, baseline, target, unit,
#  due in days, department, measurements oldest first)
GOALS = [
    ("Be known as the easiest cloud to start with", "最も始めやすいクラウドとして知られる",
     "Grow engaged followers on our brand accounts", "ブランドアカウントの関与フォロワーを増やす",
     "Monthly engaged followers", "月間エンゲージしたフォロワー数", 1200, 3000, "",
     180, "marketing", [1200, 1450, 1700, 1980, 2240]),
    ("Shorten the sales cycle", "商談期間を短くする",
     "Reps start conversations with prospects on LinkedIn", "営業が LinkedIn で見込み客と対話を始める",
     "Qualified conversations per month", "月間の有望な対話数", 10, 60, "",
     120, "sales", [10, 18, 27, 31]),
    ("Answer customers faster", "お客さまへの回答を速くする",
     "Reply to public questions within a working day", "公開の質問に 1 営業日以内に返信する",
     "Share answered within 24 h", "24 時間以内の返信率", 55, 90, "%",
     90, None, [55, 61, 70, 74, 79, 83]),
]


def _days_ago(days: int | None) -> dt.date | None:
    return None if days is None else timezone.localdate() - dt.timedelta(days=days)


def _publish_track():
    """The brand publishers' track (the learning demo creates it; the catalogue if not)."""
    from koe.learning.demo import load_catalogue
    from koe.learning.models import Track

    track = Track.objects.filter(code=PUBLISH_TRACK).first()
    if track is None:
        load_catalogue()
        track = Track.objects.get(code=PUBLISH_TRACK)
    return track


def _certify(people: dict, track) -> None:
    """Acme's publishers completed the brand publishers' track some months ago."""
    from koe.learning.models import Certificate
    from koe.learning.selectors import has_valid_certificate
    from koe.learning.services import add_months

    issued = timezone.localdate() - dt.timedelta(days=120)
    for username in CERTIFIED:
        user = people.get(username)
        if user is not None and not has_valid_certificate(user, track.code):
            Certificate.objects.create(user=user, track=track, issued_on=issued,
                                       expires_on=add_months(issued, track.validity_months))


def load(ctx: dict) -> str:
    people, departments = ctx["people"], ctx["departments"]
    admin = people.get("admin") or people.get("ivan")
    created = 0
    track = _publish_track()
    _certify(people, track)

    accounts = {}
    for network, handle, name, dept, owner, two_fa, pw_age, review_age, apps in BRAND_ACCOUNTS:
        account = SocialAccount.objects.filter(network=network, handle=handle).first()
        if account is None:
            created += 1
            account = services.account_create(
                actor=admin, network=network, handle=handle, display_name=name,
                department=departments.get(dept), owner=people.get(owner),
                two_factor_enabled=two_fa, password_rotated_at=_days_ago(pw_age),
                notes="Shared password in the IT vault; recovery e-mail is social@acme.example.",
                required_track=track)
            # A past review, as if the last quarter's campaign had been closed.
            SocialAccount.objects.filter(pk=account.pk).update(
                last_access_review_at=_days_ago(review_age))
            for app_name, scopes, connected, reviewed in apps:
                app = services.oauth_app_add(account=account, actor=admin, name=app_name,
                                             scopes=scopes, connected_at=_days_ago(connected))
                OAuthApp.objects.filter(pk=app.pk).update(last_reviewed_at=_days_ago(reviewed))
            for username, level in GRANTS.get(handle, ()):
                if people.get(username) is not None:
                    services.grant_create(account=account, user=people[username], level=level,
                                          actor=admin)
        accounts[handle] = account

    for username, network, handle, name in PERSONAL:
        user = people.get(username)
        if user is not None and not SocialAccount.objects.filter(network=network,
                                                                 handle=handle).exists():
            services.enrolment_create(user=user, network=network, handle=handle, consent=True,
                                      display_name=name)

    survey = Survey.objects.filter(title_en=SURVEY_TITLE[0]).first()
    if survey is None:
        survey = services.survey_create(
            actor=people.get("chie") or admin, title_en=SURVEY_TITLE[0], title_ja=SURVEY_TITLE[1],
            intro_en=SURVEY_INTRO[0], intro_ja=SURVEY_INTRO[1],
            questions=[{"kind": k, "text_en": en, "text_ja": ja, "options": opts}
                       for k, en, ja, opts in QUESTIONS])
    questions = list(survey.questions.order_by("order"))
    for username, answers in ANSWERS.items():
        user = people.get(username)
        if user is None or SurveyResponse.objects.filter(survey=survey, user=user).exists():
            continue
        services.survey_respond(survey=survey, user=user, answers={
            f"q{q.pk}": answers.get(q.order) for q in questions})

    for (org_en, org_ja, soc_en, soc_ja, met_en, met_ja, baseline, target, unit, due_days, dept,
         values) in GOALS:
        if Goal.objects.filter(social_goal_en=soc_en).exists():
            continue
        goal = services.goal_create(
            actor=people.get("chie") or admin, org_goal_en=org_en, org_goal_ja=org_ja,
            social_goal_en=soc_en, social_goal_ja=soc_ja, metric_en=met_en, metric_ja=met_ja,
            baseline=baseline, target=target, unit=unit,
            due_on=timezone.localdate() + dt.timedelta(days=due_days),
            department=departments.get(dept) if dept else None)
        for months_ago, value in zip(range(len(values) - 1, -1, -1), values, strict=True):
            services.goal_measurement_record(goal=goal, actor=admin, value=value,
                                             measured_on=_days_ago(30 * months_ago))

    return (f"Accounts: {len(accounts)} brand accounts ({created} new) with grants for paula and "
            f"rei, {SocialAccount.objects.filter(kind='personal').count()} enrolled personal "
            f"accounts, survey “{survey.title_en}” with {survey.responses.count()} answers, "
            f"{Goal.objects.count()} goals — see /social/")
