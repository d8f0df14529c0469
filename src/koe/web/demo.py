"""The demo organization, Acme (アクメ): departments, a person for each role, and what each
app adds (a published policy, brand accounts, a survey, goals). Loading twice changes nothing.
"""

from __future__ import annotations

import importlib

from django.db import transaction

from koe.people.models import Department, User
from koe.people.services import user_create

DEMO_PASSWORD = "koe-demo-2026"

DEPARTMENTS = [
    ("sales", "Sales", "営業部"),
    ("engineering", "Engineering", "開発部"),
    ("marketing", "Marketing & Communications", "マーケティング・広報部"),
    ("legal", "Legal", "法務部"),
    ("hr", "Human Resources", "人事部"),
    ("it", "IT", "情報システム部"),
    ("compliance", "Compliance", "コンプライアンス室"),
]

# username, display name, language, department, roles
PEOPLE = [
    ("admin", "Aiko Admin / 管理 愛子", "ja", "it", ["admin"]),
    ("emma", "Emma Employee", "en", "engineering", []),
    ("taro", "山田 太郎", "ja", "sales", []),
    ("paula", "Paula Publisher", "en", "marketing", ["publisher"]),
    ("rei", "広報 玲", "ja", "marketing", ["reviewer"]),
    ("chie", "Chie Compliance / 法令 知恵", "ja", "compliance", ["compliance"]),
    ("leo", "Leo Legal", "en", "legal", ["legal"]),
    ("hana", "人事 花子", "ja", "hr", ["hr"]),
    ("ivan", "Ivan IT", "en", "it", ["it"]),
    ("ken", "佐藤 健 (営業部長)", "ja", "sales", []),
    ("mia", "Mia Manager (Engineering lead)", "en", "engineering", []),
]
# Who reports to whom: managers see their reports' escalated cases and overdue training.
MANAGERS = {"taro": "ken", "emma": "mia"}

ORGANIZATION = {
    "names": ["Acme", "アクメ"],
    "products": ["Acme Cloud", "アクメクラウド"],
    "codenames": ["Falcon", "ファルコン"],
    "internal_domains": ["acme.internal"],
}

# The learning demo runs before accounts: brand-account grants need its certificates.
APP_DEMOS = ("koe.policies.demo", "koe.learning.demo", "koe.accounts.demo", "koe.community.demo",
             "koe.monitoring.demo")


@transaction.atomic
def load_demo() -> str:
    """Create the demo organization if it is not there. Returns a summary for the terminal."""
    departments = {}
    for code, en, ja in DEPARTMENTS:
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name_en": en, "name_ja": ja})
    people = {}
    for username, name, lang, dept, roles in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, email=f"{username}@acme.example",
                               password=DEMO_PASSWORD, display_name=name, language=lang,
                               department=departments[dept], roles=roles)
        people[username] = user
    for report, manager in MANAGERS.items():
        if people[report].manager_id is None:
            people[report].manager = people[manager]
            people[report].save(update_fields=["manager"])
    if people["admin"] and not people["admin"].is_staff:
        User.objects.filter(pk=people["admin"].pk).update(is_staff=True, is_superuser=True)
    ctx = {"departments": departments, "people": people, "organization": ORGANIZATION}
    lines = []
    for module_name in APP_DEMOS:
        module = importlib.import_module(module_name)
        lines.append(module.load(ctx))
    users = ", ".join(u for u, *_ in PEOPLE)
    return ("Demo organization Acme is ready.\n"
            f"Sign in at /accounts/login/ as one of: {users} — password: {DEMO_PASSWORD}\n"
            "(roles that publish or see cases are asked to set up two-factor sign-in first)\n"
            + "\n".join(line for line in lines if line))
