"""Reading an organization's policy YAML typed into the web app, safely, with located errors.

The engine's ``extends`` may name a file on disk; text that people type into a web form
may only build on the built-in policy, so anything else is refused before the engine sees it.
"""

from __future__ import annotations

import yaml

from koe.engine import Policy, PolicyError, parse_policy

MAX_YAML_CHARS = 200_000
MAX_ALIASES = 200  # YAML aliases can multiply a small text into a huge one ("billion laughs")
MAX_DEPTH = 40  # deeper nesting overflowed the parser's recursion (a 500, not a message)


def policy_from_yaml(text: str, *, source: str = "policy") -> Policy:
    """The engine policy of ``text``; raises :class:`PolicyError` with line and column.

    >>> policy_from_yaml("extends: default\\nrules:\\n  P102: {severity: major}\\n").rule("P102").severity
    'major'
    """
    if len(text) > MAX_YAML_CHARS:
        raise PolicyError(f"the policy is longer than {MAX_YAML_CHARS:,} characters", source=source,
                          fix="keep the policy to rule overrides and your own rules")
    _refuse_unsafe(text, source)
    return parse_policy(text, source=source)


def _refuse_unsafe(text: str, source: str) -> None:
    try:
        aliases = depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    mark = event.start_mark
                    raise PolicyError(f"more than {MAX_ALIASES} YAML aliases (*name)", source=source,
                                      line=mark.line + 1, column=mark.column + 1,
                                      fix="write the values out instead of repeating aliases")
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise PolicyError(f"the policy nests lists and mappings more than {MAX_DEPTH} "
                                      "levels deep", source=source, line=mark.line + 1,
                                      column=mark.column + 1, fix="flatten the nesting")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # not valid YAML: the engine reports it with line and column
    _refuse_unreadable_values(node, source)
    if not isinstance(node, yaml.MappingNode):
        return
    yaml.SafeLoader("").flatten_mapping(node)
    for key, value in node.value:
        if (isinstance(key, yaml.ScalarNode) and key.value == "extends"
                and not (isinstance(value, yaml.ScalarNode) and value.value == "default")):
            mark = value.start_mark
            raise PolicyError("a policy in Koe can only extend the built-in policy",
                              source=source, line=mark.line + 1, column=mark.column + 1,
                              fix="write `extends: default`")


def _refuse_unreadable_values(root: yaml.Node | None, source: str) -> None:
    """Values YAML reads as dates or numbers but that are none (``2026-02-31``, ``!!int abc``).

    The loader raises a plain ValueError for them, not a YAML error, so they are found here
    and reported with line and column like any other mistake.
    """
    loader = yaml.SafeLoader("")
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except yaml.YAMLError:
                continue  # the engine reports these with its own message
            except (ValueError, TypeError, OverflowError) as exc:
                mark = node.start_mark
                shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
                raise PolicyError(f"cannot read the value '{shown}': {exc}", source=source,
                                  line=mark.line + 1, column=mark.column + 1,
                                  fix="write a real date (YYYY-MM-DD) or number, or put "
                                      "text in quotes") from None


def yaml_excerpt(text: str, line: int | None, column: int | None, *, around: int = 2) -> list[dict]:
    """The lines around ``line`` for showing an error: number, text, and whether it is the one."""
    if not line:
        return []
    lines = text.splitlines() or [""]
    first, last = max(1, line - around), min(len(lines), line + around)
    return [{"number": n, "text": lines[n - 1], "here": n == line,
             "caret": " " * max(0, (column or 1) - 1) + "^" if n == line else ""}
            for n in range(first, last + 1)]
