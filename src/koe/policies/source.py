"""Reading an organization's policy YAML typed into the web app, safely, with located errors.

The engine's ``extends`` may name a file on disk; text that people type into a web form
may only build on the built-in policy, so anything else is refused before the engine sees it.
"""

from __future__ import annotations

import yaml

from koe.engine import Policy, PolicyError, parse_policy

MAX_YAML_CHARS = 200_000
MAX_ALIASES = 200  # YAML aliases can multiply a small text into a huge one ("billion laughs")


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
        aliases = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > MAX_ALIASES:
                    mark = event.start_mark
                    raise PolicyError(f"more than {MAX_ALIASES} YAML aliases (*name)", source=source,
                                      line=mark.line + 1, column=mark.column + 1,
                                      fix="write the values out instead of repeating aliases")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # not valid YAML: the engine reports it with line and column
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


def yaml_excerpt(text: str, line: int | None, column: int | None, *, around: int = 2) -> list[dict]:
    """The lines around ``line`` for showing an error: number, text, and whether it is the one."""
    if not line:
        return []
    lines = text.splitlines() or [""]
    first, last = max(1, line - around), min(len(lines), line + around)
    return [{"number": n, "text": lines[n - 1], "here": n == line,
             "caret": " " * max(0, (column or 1) - 1) + "^" if n == line else ""}
            for n in range(first, last + 1)]
