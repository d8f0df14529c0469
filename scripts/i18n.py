#!/usr/bin/env python3
"""Refresh the Japanese message catalog and compile it.

1. `makemessages -l ja` collects every msgid from templates and Python (existing
   translations are kept).
2. Empty msgstr entries are filled from `src/koe/*/ja.po.part` files (simple msgid/msgstr
   pairs that each app keeps next to its code).
3. `compilemessages` writes the .mo file that Koe ships.

Needs GNU gettext (Debian: gettext). Run: .venv/bin/python scripts/i18n.py
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "src" / "koe"
PO = PKG / "locale" / "ja" / "LC_MESSAGES" / "django.po"
_STR = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
PAIR = re.compile(r'msgid\s+' + _STR + r'\s*msgstr\s+' + _STR)
PLURAL = re.compile(r'msgid\s+' + _STR + r'\s*msgid_plural\s+' + _STR + r'\s*msgstr\[0\]\s+' + _STR)


def _unquote(block: str) -> str:
    return "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', block))


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def known_translations() -> dict[str, str]:
    out: dict[str, str] = {}
    for part in sorted(PKG.glob("*/ja*.po.part")) + sorted(PKG.glob("ja.po.part")):
        text = part.read_text(encoding="utf-8")
        for msgid, msgstr in PAIR.findall(text):
            key, value = _unquote(msgid), _unquote(msgstr)
            if key and value:
                out[key] = value
        for msgid, _plural, msgstr in PLURAL.findall(text):
            key, value = _unquote(msgid), _unquote(msgstr)
            if key and value:
                out[key] = value
    return out


def _unfuzzy(entry: str) -> str:
    entry = re.sub(r"^#, fuzzy\n", "", entry, flags=re.M)
    entry = re.sub(r"^#, fuzzy, ", "#, ", entry, flags=re.M)
    return re.sub(r"^#\| .*\n", "", entry, flags=re.M)


def fill(po_text: str, table: dict[str, str]) -> tuple[str, int, list[str]]:
    """Fill empty single-form msgstr entries; returns text, count filled, ids still missing."""
    filled, missing = 0, []
    out: list[str] = []
    for entry in po_text.split("\n\n"):
        m = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)msgstr ((?:"(?:[^"\\]|\\.)*"\n?)+)$',
                      entry, re.M)
        if m and "msgid_plural" not in entry:
            msgid = _unquote(m.group(1))
            msgstr = _unquote(m.group(2))
            fuzzy = re.search(r"^#, fuzzy", entry, re.M) is not None
            if msgid and msgid in table and (fuzzy or msgstr != table[msgid]):  # parts win
                entry = entry[:m.start(2)] + _quote(table[msgid]) + "\n" + entry[m.end(2):]
                entry = _unfuzzy(entry)
                filled += 1
            elif msgid and (not msgstr or fuzzy):
                missing.append(msgid)
        elif "msgid_plural" in entry:
            mp = re.search(r'^msgid ((?:"(?:[^"\\]|\\.)*"\n?)+)', entry, re.M)
            ms = re.search(r'^msgstr\[0\] ((?:"(?:[^"\\]|\\.)*"\n?)+)', entry, re.M)
            msgid = _unquote(mp.group(1)) if mp else ""
            if ms and (not _unquote(ms.group(1)) or re.search(r"^#, fuzzy", entry, re.M)):
                if msgid in table:
                    entry = entry[:ms.start(1)] + _quote(table[msgid]) + "\n" + entry[ms.end(1):]
                    entry = _unfuzzy(entry)
                    filled += 1
                else:
                    missing.append(msgid)
        out.append(entry)
    return "\n\n".join(out), filled, missing


def main() -> int:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="koe.web.settings",
               KOE_DATA_DIR=os.environ.get("KOE_DATA_DIR", "/tmp/koe-i18n"))
    admin = ROOT / ".venv" / "bin" / "django-admin"
    subprocess.run([str(admin), "makemessages", "-l", "ja", "--no-obsolete",
                    "--ignore", "engine/*", "--ignore", "tests/*", "--add-location", "file"],
                   cwd=PKG, env=env, check=True)
    text, filled, missing = fill(PO.read_text(encoding="utf-8"), known_translations())
    PO.write_text(text, encoding="utf-8")
    subprocess.run([str(admin), "compilemessages", "-l", "ja"], cwd=PKG, env=env, check=True)
    print(f"filled {filled}; {len(missing)} msgids without Japanese")
    for m in missing[:40]:
        print("  missing:", m[:90])
    return 0


if __name__ == "__main__":
    sys.exit(main())
