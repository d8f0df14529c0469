"""Backfill benchmark: import → scan → cases for 100k … 1M posts on the production path.

PostgreSQL for the data, Redis or RabbitMQ as the Celery broker, Celery worker processes
doing the work, as in production on a two-core machine:

    .venv/bin/python bench/backfill.py --sizes 100000,1000000
    .venv/bin/python bench/backfill.py --sizes 100000 --broker amqp://guest:guest@127.0.0.1:5672//

For each size the bench recreates its own database (``koe_backfill`` by default), creates an
organization (people in departments, enrolled personal accounts, a few brand accounts and
internal spaces for leak detection), writes one JSONL archive per account from the synthetic
corpus (bench/corpus.py) and queues their imports. Timing starts when the imports are
queued and stops when every post is scanned and every new case has been through the policy's
ladder (coaching written, escalations sent). It prints posts/s end to end, the peak memory of
the worker processes (sum of resident sets, sampled), PostgreSQL's database size, and how the
time grows from the smallest to the largest size (1.00 = linear).

E-mail goes to Django's dummy backend (coaching is rendered, not delivered): SMTP delivery is
not what this measures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import generate_documents, generate_posts  # noqa: E402

PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"


def _env(database_url: str, broker: str, data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "KOE_DATA_DIR": data_dir,
        "KOE_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "KOE_SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "koe.web.settings",
    })
    env.pop("KOE_TEST_DATABASE_URL", None)
    return env


def recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def purge_broker(broker: str) -> None:
    """Messages a previous (interrupted) run left behind must not count."""
    from kombu import Connection

    with Connection(broker) as conn:
        channel = conn.channel()
        for queue in ("celery",):
            with contextlib.suppress(Exception):
                channel.queue_purge(queue)


def setup_organization(*, accounts: int, spaces: int, seed: int) -> list[int]:
    """People, departments, enrolled accounts and internal spaces; returns account ids."""
    from django.utils import timezone

    from koe.accounts.choices import AccountKind, Network
    from koe.accounts.models import SocialAccount
    from koe.monitoring.ingest import space_register
    from koe.people.models import Department, User

    departments = [Department.objects.create(code=f"d{i}", name_en=f"Department {i}",
                                             name_ja=f"第{i}部") for i in range(8)]
    managers = [User.objects.create(username=f"manager{i}", email=f"manager{i}@bench.test",
                                    department=d, language="en" if i % 2 else "ja")
                for i, d in enumerate(departments)]
    now = timezone.now()
    ids = []
    for i in range(accounts):
        dept = departments[i % len(departments)]
        person = User.objects.create(username=f"person{i}", email=f"person{i}@bench.test",
                                     department=dept, manager=managers[i % len(managers)],
                                     language="ja" if i % 2 else "en")
        account = SocialAccount.objects.create(
            network=Network.BLUESKY, handle=f"person{i}.bench.test", owner=person,
            department=dept, kind=AccountKind.PERSONAL, consent_at=now, consent_version="bench")
        ids.append(account.pk)
    for doc in generate_documents(spaces, seed)[:spaces]:
        space_register(actor=None, title=doc["id"], kind="document", text=doc["text"])
    return ids


def write_archives(posts: list[dict], account_ids: list[int], folder: Path) -> list[tuple[int, Path]]:
    """Posts dealt round-robin to accounts, one JSONL archive per account."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = {}
    files = []
    try:
        for pk in account_ids:
            path = folder / f"account-{pk}.jsonl"
            handles[pk] = path.open("w", encoding="utf-8")
            files.append((pk, path))
        for i, post in enumerate(posts):
            pk = account_ids[i % len(account_ids)]
            row = {"id": post["id"], "text": post["text"],
                   "posted_at": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T09:{i % 60:02d}:00Z"}
            handles[pk].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    return files


def queue_imports(files: list[tuple[int, Path]]) -> list[int]:
    from django.core.files import File
    from django.db import transaction

    from koe.accounts.models import SocialAccount
    from koe.monitoring.imports import import_create

    jobs = []
    with transaction.atomic():
        for pk, path in files:
            with path.open("rb") as handle:
                upload = File(handle, name=path.name)
                jobs.append(import_create(actor=None, account=SocialAccount.objects.get(pk=pk),
                                          upload=upload).pk)
    return jobs


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += proc.memory_info().rss
    return total


class CpuMeter:
    """CPU seconds used by the worker processes and by the PostgreSQL backends serving the
    bench's database, from when ``start`` is called: on a machine shared with other work,
    posts per CPU-second says what two dedicated cores would do, which wall time cannot."""

    def __init__(self, worker_pid: int):
        self.worker_pid = worker_pid
        self.base: dict[tuple[str, int], float] = {}
        self.last: dict[tuple[str, int], float] = {}

    def _sample(self) -> dict[tuple[str, int], float]:
        import psutil
        from django.db import connection

        pids = []
        with contextlib.suppress(psutil.NoSuchProcess):
            root = psutil.Process(self.worker_pid)
            pids += [("worker", p.pid) for p in [root, *root.children(recursive=True)]]
        with connection.cursor() as cur:
            cur.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid()")
            pids += [("postgres", pid) for (pid,) in cur.fetchall()]
        out = {}
        for kind, pid in pids:
            with contextlib.suppress(psutil.Error):
                t = psutil.Process(pid).cpu_times()
                out[(kind, pid)] = t.user + t.system
        return out

    def start(self) -> None:
        self.base = self._sample()
        self.last = dict(self.base)

    def sample(self) -> None:
        for key, value in self._sample().items():
            self.last[key] = max(value, self.last.get(key, 0.0))

    def used(self) -> dict[str, float]:
        out = {"worker": 0.0, "postgres": 0.0}
        for key, value in self.last.items():
            out[key[0]] += value - self.base.get(key, 0.0)
        return out


def wait_ready(worker: subprocess.Popen, timeout: float = 300) -> float:
    """Wait until the worker answers a ping (it has compiled the scanner and forked its pool);
    returns how long that took."""
    from koe.web.celery import app

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if worker.poll() is not None:
            raise SystemExit(f"the worker stopped (exit {worker.returncode})")
        if app.control.ping(timeout=0.5):
            return time.perf_counter() - t0
        time.sleep(0.2)
    raise SystemExit(f"the worker did not answer a ping within {timeout:.0f} s")


def progress(*, exact: bool = False) -> dict[str, int]:
    """Where the backfill stands. While it runs, posts are counted from the import jobs and
    unscanned posts through their partial index: counting a million-row table several times
    a second would cost the machine more than some of the work it measures."""
    from django.db import connection

    with connection.cursor() as cur:
        if exact:
            cur.execute("SELECT count(*) FROM monitoring_post")
        else:
            cur.execute("SELECT coalesce(sum(created), 0) FROM monitoring_importjob")
        (posts,) = cur.fetchone()
        cur.execute("SELECT count(*) FROM monitoring_post WHERE scanned_at IS NULL")
        (unscanned,) = cur.fetchone()
        cur.execute("SELECT count(*), count(*) FILTER (WHERE status = 'new') FROM monitoring_case")
        cases, new = cur.fetchone()
        cur.execute("SELECT count(*) FILTER (WHERE status NOT IN ('done', 'failed')) "
                    "FROM monitoring_importjob")
        (imports_left,) = cur.fetchone()
    return {"posts": posts, "unscanned": unscanned, "cases": cases, "new_cases": new,
            "imports_left": imports_left}


def run_size(n: int, args: argparse.Namespace, data_dir: str) -> dict:
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    env = _env(database_url, args.broker, data_dir)
    os.environ.update(env)
    import django
    from django.db import connections

    django.setup()
    connections.close_all()
    recreate_database(args.database)
    purge_broker(args.broker)
    subprocess.run([sys.executable, "-m", "koe.cli", "manage", "migrate", "-v", "0"],
                   env=env, check=True)
    t0 = time.perf_counter()
    account_ids = setup_organization(accounts=args.accounts, spaces=args.spaces, seed=args.seed)
    docs = generate_documents(args.spaces, args.seed)
    posts = generate_posts(n, args.seed, docs=docs, rate=args.rate)
    flagged_expected = sum(1 for p in posts if p["category"])
    files = write_archives(posts, account_ids, Path(data_dir) / f"archives-{n}")
    del posts
    prepared = time.perf_counter() - t0

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "koe.web.celery", "worker", "-l", "error",
         "-c", str(args.workers), "--prefetch-multiplier", "2", "-O", "fair",
         "-n", f"bench-{os.getpid()}@%h"],
        env=env, start_new_session=True)
    peak_rss = 0
    try:
        wait_ready(worker)  # a worker in production is up before the backfill starts
        meter = CpuMeter(worker.pid)
        meter.start()
        load_before = os.getloadavg()[0]
        start = time.perf_counter()
        queue_imports(files)
        last_print = 0.0
        last_change, last_state = time.perf_counter(), None
        while True:
            peak_rss = max(peak_rss, _tree_rss(worker.pid))
            meter.sample()
            state = progress()
            now = time.perf_counter()
            if now - last_print > 5:
                print(f"  {now - start:7.1f} s  posts {state['posts']:>9,}  unscanned "
                      f"{state['unscanned']:>9,}  cases {state['cases']:>8,}  new "
                      f"{state['new_cases']:>6,}", file=sys.stderr, flush=True)
                last_print = now
            if (state["imports_left"] == 0 and state["posts"] >= n and state["unscanned"] == 0
                    and state["new_cases"] == 0):
                state = progress(exact=True)
                if state["posts"] >= n and state["unscanned"] == 0 and state["new_cases"] == 0:
                    break
            if state != last_state:
                last_change, last_state = now, state
            elif now - last_change > args.stall:
                raise SystemExit(f"no progress for {args.stall} s: see the worker's log above")
            if worker.poll() is not None:
                raise SystemExit(f"the worker stopped (exit {worker.returncode})")
            time.sleep(0.5)
        elapsed = time.perf_counter() - start
        meter.sample()
        load_after = os.getloadavg()[0]
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        (db_bytes,) = cur.fetchone()
    state = progress(exact=True)
    connections.close_all()
    cpu = meter.used()
    cpu_s = cpu["worker"] + cpu["postgres"]
    return {"posts": n, "seconds": elapsed, "posts_per_s": n / elapsed, "cases": state["cases"],
            "flagged_expected": flagged_expected, "peak_worker_rss_mb": peak_rss / 2**20,
            "db_mb": db_bytes / 2**20, "prepare_s": prepared,
            "cpu_worker_s": cpu["worker"], "cpu_postgres_s": cpu["postgres"],
            "posts_per_2_cpu_s": 2 * n / cpu_s if cpu_s else 0.0,
            "load_avg": (load_before + load_after) / 2}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="comma-separated numbers of posts (default 100000,1000000)")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/15",
                        help="Celery broker URL (Redis or RabbitMQ)")
    parser.add_argument("--database", default="koe_backfill", help="PostgreSQL database to recreate")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument("--accounts", type=int, default=200, help="enrolled accounts")
    parser.add_argument("--spaces", type=int, default=200, help="registered internal spaces")
    parser.add_argument("--rate", type=float, default=0.002,
                        help="share of posts for each problem kind (corpus.py; default 0.002)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stall", type=float, default=120,
                        help="give up after this many seconds without progress")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    data_dir = tempfile.mkdtemp(prefix="koe-backfill-")
    results = []
    for n in sizes:
        print(f"== {n:,} posts (broker {args.broker.split('://')[0]}, {args.workers} workers)",
              file=sys.stderr, flush=True)
        results.append(run_size(n, args, data_dir))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'posts':>10} {'seconds':>9} {'posts/s':>9} {'cases':>8} {'worker RSS':>11} {'db':>8}"
          f" {'cpu-s worker':>13} {'cpu-s pg':>9} {'per 2 cpu-s':>12} {'load':>5}")
    for r in results:
        print(f"{r['posts']:>10,} {r['seconds']:>9.1f} {r['posts_per_s']:>9,.0f} {r['cases']:>8,} "
              f"{r['peak_worker_rss_mb']:>8.0f} MB {r['db_mb']:>5.0f} MB"
              f" {r['cpu_worker_s']:>13.1f} {r['cpu_postgres_s']:>9.1f}"
              f" {r['posts_per_2_cpu_s']:>12,.0f} {r['load_avg']:>5.1f}")
    print("posts/s: end to end, wall clock; per 2 cpu-s: posts per CPU-second of the workers "
          "and their PostgreSQL backends, times two (what two cores would do with nothing else "
          "running); load: the machine's 1-minute load average during the run")
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = (large["seconds"] / small["seconds"]) / (large["posts"] / small["posts"])
        print(f"time growth {small['posts']:,} → {large['posts']:,}: {growth:.2f} × linear "
              "(1.00 = linear, > 1 = slower per post at scale)")
        cpu_small = small["cpu_worker_s"] + small["cpu_postgres_s"]
        cpu_large = large["cpu_worker_s"] + large["cpu_postgres_s"]
        if cpu_small:
            print(f"CPU growth {small['posts']:,} → {large['posts']:,}: "
                  f"{(cpu_large / cpu_small) / (large['posts'] / small['posts']):.2f} × linear "
                  "(the same, counting CPU-seconds: not moved by other work on the machine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
