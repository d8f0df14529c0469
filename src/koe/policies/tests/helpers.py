"""Versions in each state, made through the services as the pages do."""

from koe.policies.choices import Decision
from koe.policies.services import (
    required_roles,
    version_create_draft,
    version_publish,
    version_sign_off,
    version_submit,
)

GOOD_YAML = """\
extends: default
name: Test policy
organization:
  names: ["Acme", "アクメ"]
"""


def draft(team, **fields):
    values = {"title": "Policy", "yaml": GOOD_YAML, "guidance_en": "## Do\n\nShare what you learn.",
              "guidance_ja": "## してほしいこと\n\n学んだことを共有しましょう。"} | fields
    return version_create_draft(actor=team["compliance"], **values)


def approve_all(team, version):
    for role in required_roles():
        version_sign_off(version=version, actor=team[role], role=role, decision=Decision.APPROVE,
                         comment=f"{role} checked it")
    version.refresh_from_db()
    return version


def published(team, **fields):
    version = draft(team, **fields)
    version_submit(version=version, actor=team["compliance"])
    approve_all(team, version)
    return version_publish(version=version, actor=team["compliance"])
