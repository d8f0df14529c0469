"""Firehose benchmark: how many events per second the Bluesky connector handles, and what the
local AT Protocol stack costs (start time, resident memory).

    .venv/bin/python bench/firehose.py                     # 2,000 posts, half by enrolled accounts
    .venv/bin/python bench/firehose.py --posts 5000 --followed 0.1
    .venv/bin/python bench/firehose.py --pds http://127.0.0.1:PORT   # a stack already running

It starts the stack with scripts/atproto/start (unless --pds), creates accounts on it (a share
of them enrolled in Koe), reads the firehose once to learn where it stands, stops, and writes
the posts while no connector runs. Then a connector starts from the stored cursor and the
clock runs until it has handled every post's event: that is the catch-up rate, the connector's
own speed (decode, filter by DID, ingest in one transaction with the cursor), not the PDS's
write rate. Scans are only queued (Celery's in-memory broker): they are the workers' job,
measured by bench/backfill.py. The database is SQLite in a temporary folder, or DATABASE_URL.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts" / "atproto"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--accounts", type=int, default=8)
    parser.add_argument("--followed", type=float, default=0.5,
                        help="share of accounts enrolled in Koe (default 0.5)")
    parser.add_argument("--writers", type=int, default=8, help="threads posting (default 8)")
    parser.add_argument("--pds", help="use this running PDS instead of starting one")
    parser.add_argument("--json", help="also write the numbers here")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="koe-bench-firehose-")
    os.environ.setdefault("KOE_DATA_DIR", tmp)
    os.environ.setdefault("KOE_SECRET_KEY", "bench-secret-key-" + "x" * 40)
    os.environ["CELERY_BROKER_URL"] = "memory://"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "koe.web.settings"
    sys.path.insert(0, str(ROOT / "src"))

    numbers: dict[str, float | int | str] = {}
    pid = None
    if args.pds:
        pds = args.pds.rstrip("/")
    else:
        started = time.monotonic()
        out = subprocess.run([str(SCRIPTS / "start")], check=True, capture_output=True,
                             text=True).stdout
        info = json.loads(out.strip().splitlines()[-1])
        pds, pid = info["pds"], info["pid"]
        numbers["stack_start_s"] = round(time.monotonic() - started, 2)
        numbers["stack_start_in_node_ms"] = info["startup_ms"]
        numbers["stack_rss_mb_idle"] = round(rss_mb(pid))
    try:
        run(args, pds, pid, numbers)
    finally:
        if pid is not None:
            subprocess.run([str(SCRIPTS / "stop"), str(pid)], check=False)
    print(json.dumps(numbers, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(numbers, indent=2))
    return 0


def run(args, pds: str, pid: int | None, numbers: dict) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from koe.accounts.services import enrolment_create
    from koe.integrations.bluesky import BlueskyConnector
    from koe.integrations.tests.conftest import LocalBluesky  # accounts and posts on the PDS
    from koe.monitoring.models import Post
    from koe.people.testing import make_person

    network = LocalBluesky(pds)
    users = [network.new_user("bench") for _ in range(args.accounts)]
    n_followed = max(1, round(args.accounts * args.followed))
    for user in users[:n_followed]:
        enrolment_create(user=make_person(), network="bluesky", handle=user.handle, consent=True)

    def connector() -> BlueskyConnector:
        c = BlueskyConnector(firehose=network.firehose, service=pds, checkpoint_seconds=1.0)
        c.follow()
        return c

    # Where the stream stands now: run once until live, then stop (the cursor is stored).
    first, stop = connector(), threading.Event()
    thread = threading.Thread(target=first.run, args=(stop,))
    thread.start()
    first.connected.wait(30)
    network.new_user("mark")
    while first.position is None:
        time.sleep(0.05)
    stop.set()
    thread.join()

    started = time.monotonic()
    with ThreadPoolExecutor(args.writers) as pool:
        list(pool.map(lambda i: users[i % len(users)].post(f"bench post {i}: hello"),
                      range(args.posts)))
    written = time.monotonic() - started
    numbers["pds_posts_written_per_s"] = round(args.posts / written)
    if pid is not None:
        numbers["stack_rss_mb_after_writes"] = round(rss_mb(pid))
    expected = sum(1 for i in range(args.posts) if i % len(users) < n_followed)

    second, stop = connector(), threading.Event()
    thread = threading.Thread(target=second.run, args=(stop,))
    started = time.monotonic()
    thread.start()
    while second.stats.created < expected or second.stats.events < args.posts:
        time.sleep(0.01)
        if time.monotonic() - started > 600:
            raise SystemExit(f"timed out: {second.stats}")
    elapsed = time.monotonic() - started
    stop.set()
    thread.join()
    numbers.update({
        "posts": args.posts, "followed_posts": expected, "events_handled": second.stats.events,
        "catch_up_s": round(elapsed, 2),
        "events_per_s": round(second.stats.events / elapsed),
        "followed_posts_ingested_per_s": round(expected / elapsed),
        "posts_in_db": Post.objects.count(),
        "database": django.db.connection.vendor,
    })
    assert Post.objects.count() == expected, "posts lost or duplicated"


if __name__ == "__main__":
    sys.exit(main())
