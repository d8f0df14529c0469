#!/usr/bin/env python3
"""Generate bench/holdout7 internal.jsonl and rows.jsonl (deterministic; fake data seeded in build_fake)."""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from docs import DOCS  # noqa: E402
from rows_a import pii, secret  # noqa: E402
from rows_b import confidential, leak  # noqa: E402
from rows_c import claims, disclosure, harassment, spokesperson  # noqa: E402

CATEGORIES = [("pii", pii), ("secret", secret), ("confidential", confidential), ("leak", leak),
              ("harassment", harassment), ("disclosure", disclosure), ("claims", claims),
              ("spokesperson", spokesperson)]
ACCOUNTS = {"personal", "brand", "direct", "internal"}


def main():
    with open(os.path.join(HERE, "internal.jsonl"), "w", encoding="utf-8") as f:
        for doc_id, text in DOCS:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    rows = []
    for cat, fn in CATEGORIES:
        items = fn()
        c = collections.Counter(e for _, e, _, _, _ in items)
        assert len(items) == 50 and c[True] == 25, (cat, len(items), c)
        for lang, expect, account, text, note in items:
            assert account in ACCOUNTS and lang in ("ja", "en")
            rows.append({"id": f"h7-{len(rows) + 1:04d}", "text": text, "account": account, "category": cat,
                         "expect": expect, "lang": lang, "note": note, "source": "koe-holdout7"})
    texts = collections.Counter(r["text"] for r in rows)
    assert max(texts.values()) == 1, [t for t, n in texts.items() if n > 1]
    with open(os.path.join(HERE, "rows.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows, {len(DOCS)} docs")


if __name__ == "__main__":
    main()
