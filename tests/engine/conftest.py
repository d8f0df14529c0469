"""Shared engine fixtures: the default scanner and one for Acme, an organization with facts."""

import pytest

from koe.engine import default_policy, parse_policy

ACME_POLICY = """\
extends: default
name: Acme social media policy
organization:
  names: ["Acme", "アクメ"]
  products: ["Acme Cloud", "アクメクラウド"]
  codenames: ["Falcon", "ファルコン"]
  internal_domains: ["acme.internal"]
"""


@pytest.fixture(scope="session")
def scanner():
    return default_policy().compile()


@pytest.fixture(scope="session")
def acme():
    return parse_policy(ACME_POLICY, source="acme.yaml").compile()


def rules_found(scanner, text, account="personal"):
    return sorted({f.rule for f in scanner.scan(text, account=account).findings})


def spans(scanner, text, rule, account="personal"):
    return [f.text for f in scanner.scan(text, account=account).findings if f.rule == rule]
