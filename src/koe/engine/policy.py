"""Policy as code: YAML in, a checked :class:`Policy` out, errors with file, line and column.

A policy file looks like this (every key but ``rules`` is optional)::

    extends: default                 # build on Koe's built-in bilingual policy
    name: Acme social media policy
    organization:
      names: ["Acme", "アクメ"]
      products: ["Acme Cloud", "アクメクラウド"]
      codenames: ["Falcon", "ファルコン"]
      internal_domains: ["acme.internal"]
    rules:
      P102: {severity: minor}        # override a built-in rule by its code
      H104: {enabled: false}         # switch one off
      X101:                          # or add your own, in the same format as the built-ins
        name: project-ticket
        category: confidential
        severity: minor
        detector: regex
        params: {patterns: ["PRJ-[0-9]{4}"]}
        message: {en: "...", ja: "..."}
        suggestion: {en: "...", ja: "..."}
    verdicts:
      brand: {minor: review, major: block}

The built-in policy is itself a set of such files in ``koe/engine/defaults/``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .detectors.base import DETECTORS, Context, Organization, ParamError, detector_class
from .errors import PolicyError

__all__ = [
    "ACCOUNTS",
    "CATEGORIES",
    "LANGUAGES",
    "SEVERITIES",
    "VERDICTS",
    "Policy",
    "Rule",
    "default_policy",
    "load_policy",
    "parse_policy",
]

CATEGORIES = ("pii", "secret", "confidential", "leak", "harassment", "disclosure", "claims",
              "spokesperson")
SEVERITIES = ("minor", "major")
ACCOUNTS = ("personal", "brand", "direct", "internal")
VERDICTS = ("ok", "advise", "review", "block")  # in rising order
LANGUAGES = ("en", "ja")
DOC_SECTIONS = ("what", "why", "example", "instead")
CODE_RE = re.compile(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")
DEFAULT_FILES = ("policy.yaml", "pii.yaml", "secret.yaml", "confidential.yaml", "leak.yaml",
                 "harassment.yaml", "disclosure.yaml", "claims.yaml", "spokesperson.yaml")

MAX_YAML_DEPTH = 40  # far more than any policy needs; deeper input is an attack or a mistake
MAX_YAML_NODES = 500_000  # a policy with lexicons is large; a "billion laughs" file is larger

RULE_KEYS = {"name", "category", "severity", "detector", "params", "message", "suggestion",
             "docs", "accounts", "enabled"}
TOP_KEYS = {"koe", "extends", "name", "version", "organization", "rules", "verdicts",
            "consequences", "redirects", "retention"}
ACTIONS = ("coach", "coach_and_training", "coach_and_review", "escalate")
ESCALATION_TARGETS = ("manager", "hr", "legal", "compliance")
RETENTION_KEYS = {"posts": 365, "cases": 1095}  # days; what the default policy keeps
ORG_KEYS = {"names", "products", "codenames", "internal_domains", "spokespeople"}


@dataclass(frozen=True)
class Rule:
    """One rule: what it looks for, how serious it is, and what it tells a person."""

    code: str
    name: str
    category: str
    severity: str
    detector: str
    params: Mapping[str, Any]
    message: Mapping[str, str]
    suggestion: Mapping[str, str]
    docs: Mapping[str, Mapping[str, str]]
    accounts: tuple[str, ...] = ACCOUNTS
    enabled: bool = True

    def text(self, part: str, lang: str) -> str:
        """``message`` or ``suggestion`` in ``lang``, falling back to English."""
        values = getattr(self, part)
        return values.get(lang) or values.get("en") or ""

    def doc(self, section: str, lang: str) -> str:
        values = self.docs.get(section, {})
        return values.get(lang) or values.get("en") or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "category": self.category,
            "severity": self.severity, "detector": self.detector, "params": dict(self.params),
            "accounts": list(self.accounts), "enabled": self.enabled,
            "message": dict(self.message), "suggestion": dict(self.suggestion),
            "docs": {k: dict(v) for k, v in self.docs.items()},
        }


@dataclass
class Policy:
    """A loaded, checked policy. :meth:`compile` turns it into a :class:`~koe.engine.Scanner`."""

    name: str
    organization: Organization
    rules: dict[str, Rule]
    verdicts: dict[str, dict[str, str]]
    consequences: dict[str, dict[str, dict[str, Any]]]
    redirects: dict[str, str] = field(default_factory=dict)
    retention: dict[str, int] = field(default_factory=lambda: dict(RETENTION_KEYS))
    source: str = "<default>"
    version: str = ""

    def rule(self, code: str) -> Rule:
        """The rule with this code, following renames. KeyError if there is none."""
        code = code.upper()
        code = self.redirects.get(code, code)
        return self.rules[code]

    def consequence(self, severity: str, *, repeat: bool) -> dict[str, Any]:
        """The ladder step for a finding of ``severity``: first time or a repeat.

        >>> default_policy().consequence("major", repeat=True)["action"]
        'escalate'
        """
        return self.consequences[severity]["repeat" if repeat else "first"]

    def escalation_targets(self, severity: str, *, repeat: bool, category: str) -> tuple[str, ...]:
        """Who an escalated case goes to (manager, hr, legal, compliance), by category.

        >>> default_policy().escalation_targets("major", repeat=True, category="harassment")
        ('manager', 'hr')
        >>> default_policy().escalation_targets("minor", repeat=False, category="pii")
        ()
        """
        step = self.consequence(severity, repeat=repeat)
        if step.get("action") != "escalate":
            return ()
        targets = step.get("escalate_to") or {"default": ("manager",)}
        return tuple(targets.get(category, targets.get("default", ("manager",))))

    def compile(self, *, internal_index: Any = None) -> Any:
        from .scanner import Scanner

        return Scanner(self, Context(self.organization, internal_index))

    def to_dict(self) -> dict[str, Any]:
        org = self.organization
        return {
            "name": self.name,
            "version": self.version,
            "organization": {k: list(getattr(org, k)) for k in sorted(ORG_KEYS)},
            "verdicts": self.verdicts,
            "consequences": self.consequences,
            "redirects": self.redirects,
            "retention": self.retention,
            "rules": {code: rule.to_dict() for code, rule in sorted(self.rules.items())},
        }


# --------------------------------------------------------------------------- YAML with marks


class _Doc:
    """Parsed YAML plus where each value came from (path → (line, column))."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.marks: dict[tuple, tuple[int, int]] = {}  # where each value starts
        self.key_marks: dict[tuple, tuple[int, int]] = {}  # where each mapping key is
        self._loader = yaml.SafeLoader("")  # constructs scalars and resolves merges
        self._budget = MAX_YAML_NODES
        self._open: set[int] = set()
        try:
            node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            raise PolicyError(f"this is not valid YAML: {exc.problem or exc.context}",
                              source=source, line=mark.line + 1 if mark else None,
                              column=mark.column + 1 if mark else None,
                              fix="check indentation, colons and quotes on this line") from None
        except yaml.YAMLError as exc:
            raise PolicyError(f"this is not valid YAML: {exc}", source=source) from None
        except RecursionError:
            raise PolicyError(f"values are nested too deeply (a policy needs at most "
                              f"{MAX_YAML_DEPTH} levels)", source=source,
                              fix="flatten the lists and mappings") from None
        self.data = {} if node is None else self._convert(node, ())

    def _convert(self, node: yaml.Node, path: tuple) -> Any:
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self._budget -= 1
        if self._budget < 0:
            self._fail(path, f"the policy expands to more than {MAX_YAML_NODES:,} values "
                       "(too many aliases?)", node, "write the values out instead of nesting aliases")
        if id(node) in self._open:
            self._fail(path, "an alias refers to itself", node, "remove the circular alias")
        if len(path) > MAX_YAML_DEPTH:
            self._fail(path, f"values are nested more than {MAX_YAML_DEPTH} levels deep", node,
                       "flatten the lists and mappings")
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            self._open.add(id(node))
            try:
                return self._convert_collection(node, path)
            finally:
                self._open.discard(id(node))
        try:
            return self._loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self._fail(path, f"cannot read this value: {exc}", node)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. 2026-02-31, !!int abc
            self._fail(path, f"cannot read this value ({node.value!r}): {exc}", node,
                       "quote it to keep it as text, or write a real date or number")

    def _convert_collection(self, node: yaml.Node, path: tuple) -> Any:
        if isinstance(node, yaml.MappingNode):
            self._loader.flatten_mapping(node)  # resolve `<<: *anchor` merges
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._fail(path, "keys must be plain words", key_node)
                key = key_node.value
                if key in out:
                    self._fail(path + (key,), f"'{key}' appears twice", key_node,
                               "keep one of them")
                out[key] = self._convert(value_node, path + (key,))
                self.key_marks[path + (key,)] = (key_node.start_mark.line + 1,
                                                 key_node.start_mark.column + 1)
            return out
        return [self._convert(item, path + (i,)) for i, item in enumerate(node.value)]

    def _fail(self, path: tuple, problem: str, node: yaml.Node | None = None,
              fix: str | None = None) -> None:
        if node is not None:
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        else:
            line, column = self.where(path)
        raise PolicyError(problem, source=self.source, line=line, column=column, fix=fix)

    def where(self, path: tuple, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the value at ``path`` (of its key with ``key=True``)."""
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, (None, None))

    def error(self, path: tuple, problem: str, fix: str | None = None, *,
              key: bool = False) -> PolicyError:
        """A :class:`PolicyError` pointing at the value at ``path`` (or its key)."""
        line, column = self.where(path, key=key)
        return PolicyError(problem, source=self.source, line=line, column=column, fix=fix)


# --------------------------------------------------------------------------- loading


def load_policy(path: str | Path | None = None) -> Policy:
    """Load a policy file, or the built-in default policy when ``path`` is None.

    >>> policy = load_policy()
    >>> policy.rule("P101").category
    'pii'
    """
    if path is None:
        return default_policy()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicyError("no such file", source=str(p),
                          fix="give the path of a policy YAML file, or run "
                              "`koe policy init` to write one") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"cannot read the file: {exc}", source=str(p)) from None
    return parse_policy(text, source=str(p))


_DEFAULT: Policy | None = None


def default_policy() -> Policy:
    """Koe's built-in bilingual policy (cached; treat it as read-only)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = _build([_default_doc(name) for name in DEFAULT_FILES], base=None)
    return _DEFAULT


def _default_doc(name: str) -> _Doc:
    ref = resources.files("koe.engine.defaults").joinpath(name)
    return _Doc(f"koe/engine/defaults/{name}", ref.read_text(encoding="utf-8"))


def parse_policy(text: str, *, source: str = "<policy>") -> Policy:
    """Parse policy YAML text. Raises :class:`PolicyError` naming line and column."""
    doc = _Doc(source, text)
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "a policy must be a mapping of keys such as 'extends' and 'rules'",
                        "start the file with `extends: default`")
    extends = data.get("extends")
    base = None
    if extends is not None:
        if extends != "default":
            if not isinstance(extends, str):
                raise doc.error(("extends",), "'extends' must be 'default' or a file path")
            parent = Path(source).parent / extends
            base = load_policy(parent)
        else:
            base = default_policy()
    return _build([doc], base=base)


def _build(docs: list[_Doc], base: Policy | None) -> Policy:
    name = base.name if base else "Koe default policy"
    version = base.version if base else ""
    org: dict[str, list[str]] = (
        {k: list(getattr(base.organization, k)) for k in ORG_KEYS} if base else {k: [] for k in ORG_KEYS})
    raw_rules: dict[str, dict[str, Any]] = (
        {code: rule.to_dict() for code, rule in base.rules.items()} if base else {})
    rule_paths: dict[str, tuple[_Doc, tuple]] = {}
    verdicts = copy.deepcopy(base.verdicts) if base else {}
    consequences = copy.deepcopy(base.consequences) if base else {}
    redirects = dict(base.redirects) if base else {}
    retention = dict(base.retention) if base else dict(RETENTION_KEYS)

    for doc in docs:
        data = doc.data
        if not isinstance(data, dict):
            raise doc.error((), "a policy must be a mapping")
        for key in data:
            if key not in TOP_KEYS:
                raise doc.error((key,), f"unknown key '{key}'", key=True, fix=
                                "top-level keys are: " + ", ".join(sorted(TOP_KEYS)))
        if "name" in data:
            name = _str(doc, ("name",), data["name"])
        if "version" in data:
            version = str(data["version"])
        if "organization" in data:
            o = data["organization"]
            if not isinstance(o, dict):
                raise doc.error(("organization",), "'organization' must be a mapping")
            for key, value in o.items():
                if key not in ORG_KEYS:
                    raise doc.error(("organization", key), f"unknown organization key '{key}'", key=True, fix=
                                    "use: " + ", ".join(sorted(ORG_KEYS)))
                org[key] = _strings(doc, ("organization", key), value)
        if "verdicts" in data:
            _merge_verdicts(doc, data["verdicts"], verdicts)
        if "consequences" in data:
            _merge_consequences(doc, data["consequences"], consequences)
        if "retention" in data:
            _merge_retention(doc, data["retention"], retention)
        if "redirects" in data:
            r = data["redirects"]
            if not isinstance(r, dict) or not all(isinstance(v, str) for v in r.values()):
                raise doc.error(("redirects",), "'redirects' must map old codes to new codes")
            redirects.update({k.upper(): v.upper() for k, v in r.items()})
        rules = data.get("rules", {})
        if rules is None:
            rules = {}
        if not isinstance(rules, dict):
            raise doc.error(("rules",), "'rules' must map rule codes to rules",
                            "write rules:\n    P101: {severity: major}")
        for code, body in rules.items():
            path = ("rules", code)
            code_u = redirects.get(code.upper(), code.upper())
            if not CODE_RE.match(code_u):
                raise doc.error(path, f"'{code}' is not a rule code", key=True, fix=
                                "a code is 1-4 capital letters and 3 digits, e.g. X101")
            if not isinstance(body, dict):
                raise doc.error(path, f"rule {code} must be a mapping of its fields")
            for key in body:
                if key not in RULE_KEYS:
                    raise doc.error(path + (key,), f"unknown rule field '{key}'", key=True, fix=
                                    "rule fields are: " + ", ".join(sorted(RULE_KEYS)))
            current = raw_rules.get(code_u)
            if current is None:
                merged = {"code": code_u, "params": {}, "docs": {}, "accounts": list(ACCOUNTS),
                          "enabled": True, "message": {}, "suggestion": {}}
            else:
                merged = copy.deepcopy(current)
            for key, value in body.items():
                if key in ("message", "suggestion", "docs") and isinstance(value, dict) and current:
                    merged[key] = {**merged.get(key, {}), **value}
                else:
                    merged[key] = value
            raw_rules[code_u] = merged
            rule_paths[code_u] = (doc, path)

    organization = Organization(**{k: tuple(v) for k, v in org.items()})
    context = Context(organization)
    checked: dict[str, Rule] = {}
    for code, raw in raw_rules.items():
        doc, path = rule_paths.get(code, (docs[-1], ("rules", code)))
        checked[code] = _check_rule(doc, path, raw, context)
    for account in ACCOUNTS:
        if account not in verdicts:
            raise docs[-1].error(("verdicts",), f"no verdicts for account kind '{account}'",
                                 f"add verdicts: {{{account}: {{minor: advise, major: review}}}}")
    for old, new in redirects.items():
        if new not in checked:
            raise docs[-1].error(("redirects", old), f"redirect {old} → {new}: no rule {new}")
    source = docs[-1].source
    return Policy(name=name, organization=organization, rules=checked, verdicts=verdicts,
                  consequences=consequences, redirects=redirects, source=source,
                  version=version, retention=retention)


def _check_rule(doc: _Doc, path: tuple, raw: dict[str, Any], context: Context) -> Rule:
    code = raw["code"]
    for key in ("name", "category", "severity", "detector"):
        if key not in raw:
            raise doc.error(path, f"rule {code} has no '{key}'", key=True, fix=
                            f"add `{key}: ...` to rule {code}")
    name = _str(doc, path + ("name",), raw["name"])
    if not NAME_RE.match(name):
        raise doc.error(path + ("name",), f"rule name '{name}' must be lower-case words "
                        "joined by hyphens", "e.g. name: customer-email")
    category = raw["category"]
    if category not in CATEGORIES:
        raise doc.error(path + ("category",), f"unknown category '{category}'",
                        "use one of: " + ", ".join(CATEGORIES))
    severity = raw["severity"]
    if severity not in SEVERITIES:
        raise doc.error(path + ("severity",), f"unknown severity '{severity}'",
                        "use minor or major")
    detector = raw["detector"]
    if detector not in DETECTORS:
        raise doc.error(path + ("detector",), f"unknown detector '{detector}'",
                        "use one of: " + ", ".join(sorted(DETECTORS)))
    params = raw.get("params") or {}
    if not isinstance(params, dict):
        raise doc.error(path + ("params",), "'params' must be a mapping")
    try:
        detector_class(detector)(params, context)
    except ParamError as exc:
        where = path + ("params",) + ((exc.key,) if exc.key else ())
        raise doc.error(where, f"rule {code}: {exc.message}", exc.fix) from None
    accounts = raw.get("accounts", list(ACCOUNTS))
    if (not isinstance(accounts, list) or not accounts
            or any(a not in ACCOUNTS for a in accounts)):
        raise doc.error(path + ("accounts",), f"rule {code}: 'accounts' must list account kinds",
                        "use some of: " + ", ".join(ACCOUNTS))
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise doc.error(path + ("enabled",), "'enabled' must be true or false")
    message = _bilingual(doc, path + ("message",), raw.get("message"), code, required=True)
    suggestion = _bilingual(doc, path + ("suggestion",), raw.get("suggestion"), code,
                            required=True)
    docs_raw = raw.get("docs") or {}
    if not isinstance(docs_raw, dict):
        raise doc.error(path + ("docs",), "'docs' must be a mapping")
    docs: dict[str, dict[str, str]] = {}
    for section, value in docs_raw.items():
        if section not in DOC_SECTIONS:
            raise doc.error(path + ("docs", section), f"unknown docs section '{section}'", key=True, fix=
                            "sections are: " + ", ".join(DOC_SECTIONS))
        docs[section] = _bilingual(doc, path + ("docs", section), value, code, required=False)
    return Rule(code=code, name=name, category=category, severity=severity, detector=detector,
                params=params, message=message, suggestion=suggestion, docs=docs,
                accounts=tuple(accounts), enabled=enabled)


def _bilingual(doc: _Doc, path: tuple, value: Any, code: str, *, required: bool) -> dict[str, str]:
    if value is None:
        if required:
            raise doc.error(path[:-1], f"rule {code} has no '{path[-1]}'",
                            f"add {path[-1]}: {{en: \"...\", ja: \"...\"}}")
        return {}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, dict):
        raise doc.error(path, f"'{path[-1]}' must be text or {{en: ..., ja: ...}}")
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise doc.error(path + (lang,), f"unknown language '{lang}'", "use en and ja", key=True)
        if not isinstance(text, str):
            raise doc.error(path + (lang,), f"'{path[-1]}.{lang}' must be text")
    if required and "en" not in value and "ja" not in value:
        raise doc.error(path, f"'{path[-1]}' needs text in en or ja")
    return dict(value)


def _merge_verdicts(doc: _Doc, value: Any, verdicts: dict[str, dict[str, str]]) -> None:
    if not isinstance(value, dict):
        raise doc.error(("verdicts",), "'verdicts' must map account kinds to verdicts")
    for account, table in value.items():
        path = ("verdicts", account)
        if account not in ACCOUNTS:
            raise doc.error(path, f"unknown account kind '{account}'", key=True, fix=
                            "use: " + ", ".join(ACCOUNTS))
        if not isinstance(table, dict):
            raise doc.error(path, "write {minor: advise, major: review}")
        merged = dict(verdicts.get(account, {}))
        for severity, verdict in table.items():
            if severity not in SEVERITIES:
                raise doc.error(path + (severity,), f"unknown severity '{severity}'", key=True, fix=
                                "use minor or major")
            if verdict not in VERDICTS:
                raise doc.error(path + (severity,), f"unknown verdict '{verdict}'",
                                "use one of: " + ", ".join(VERDICTS))
            merged[severity] = verdict
        for severity in SEVERITIES:
            if severity not in merged:
                raise doc.error(path, f"no verdict for {severity} findings on {account} accounts")
        verdicts[account] = merged


def _merge_retention(doc: _Doc, value: Any, out: dict[str, int]) -> None:
    if not isinstance(value, dict):
        raise doc.error(("retention",), "'retention' must map what is kept to a number of days",
                        "e.g. retention: {posts: 365, cases: 1095}")
    for key, days in value.items():
        path = ("retention", key)
        if key not in RETENTION_KEYS:
            raise doc.error(path, f"unknown retention key '{key}'",
                            "use: " + ", ".join(sorted(RETENTION_KEYS)), key=True)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 36500:
            raise doc.error(path, f"retention of {key} must be a whole number of days (1-36500)",
                            f"e.g. {key}: 365")
        out[key] = days


def _escalate_to(doc: _Doc, path: tuple, value: Any) -> dict[str, tuple[str, ...]]:
    """``[manager]`` or ``{default: [manager], harassment: [manager, hr]}`` → by category."""
    fix = "e.g. escalate_to: {default: [manager], harassment: [manager, hr], pii: [manager, legal]}"
    if isinstance(value, list):
        value = {"default": value}
    if not isinstance(value, dict):
        raise doc.error(path, "'escalate_to' must list who receives the case", fix)
    out: dict[str, tuple[str, ...]] = {}
    for category, targets in value.items():
        if category != "default" and category not in CATEGORIES:
            raise doc.error(path + (category,), f"unknown category '{category}'",
                            "use default or one of: " + ", ".join(CATEGORIES), key=True)
        if not isinstance(targets, list) or not targets:
            raise doc.error(path + (category,), "list who receives the case", fix)
        for target in targets:
            if target not in ESCALATION_TARGETS:
                raise doc.error(path + (category,), f"unknown escalation target '{target}'",
                                "use: " + ", ".join(ESCALATION_TARGETS))
        out[category] = tuple(targets)
    return out


def _merge_consequences(doc: _Doc, value: Any, out: dict[str, dict[str, dict[str, Any]]]) -> None:
    if not isinstance(value, dict):
        raise doc.error(("consequences",), "'consequences' must map severities to steps")
    for severity, steps in value.items():
        path = ("consequences", severity)
        if severity not in SEVERITIES:
            raise doc.error(path, f"unknown severity '{severity}'", "use minor or major", key=True)
        if not isinstance(steps, dict):
            raise doc.error(path, "write {first: {action: coach, en: ..., ja: ...}, repeat: ...}")
        merged = dict(out.get(severity, {}))
        for step, body in steps.items():
            if step not in ("first", "repeat"):
                raise doc.error(path + (step,), f"unknown step '{step}'", "use first or repeat", key=True)
            if not isinstance(body, dict) or not isinstance(body.get("action"), str):
                raise doc.error(path + (step,), "each step needs an 'action' and en/ja text",
                                "e.g. {action: coach, en: \"...\", ja: \"...\"}")
            if body["action"] not in ACTIONS:
                raise doc.error(path + (step, "action"), f"unknown action '{body['action']}'",
                                "use: " + ", ".join(ACTIONS))
            merged[step] = {k: (_escalate_to(doc, path + (step, k), v) if k == "escalate_to"
                                else str(v)) for k, v in body.items()}
        out[severity] = merged


def _str(doc: _Doc, path: tuple, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise doc.error(path, f"'{path[-1]}' must be text")
    return value


def _strings(doc: _Doc, path: tuple, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise doc.error(path, f"'{path[-1]}' must be a list of names",
                        f"write {path[-1]}: [\"First\", \"Second\"]")
    return value
