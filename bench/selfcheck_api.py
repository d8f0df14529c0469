"""Self-check API under concurrent clients, on the embedded default (SQLite, `koe serve`).

Starts Koe in a subprocess on a free loopback port with a fresh data folder, creates a person
and an API token, then runs N client threads (default 20) for a fixed time, each POSTing
/api/check with a realistic post over a keep-alive connection. In the same run the same
clients hit /healthz (the peer: the server's floor for one request) so the numbers can be
compared on any machine. Prints p50/p95/p99 latency and requests/s for both, and the ratio.

    .venv/bin/python bench/selfcheck_api.py [--clients 20] [--seconds 10]

Target (issue 3): p95 < 50 ms for /api/check with 20 clients.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOE = ROOT / ".venv" / "bin" / "koe"

POSTS = [
    "Great talk at the conference today, thanks to everyone who came!",
    "今日は新しいカフェでランチ。パスタが最高でした",
    "Put your savings in this fund: guaranteed returns, zero risk!",
    "ここだけの話、うちの会社が来月リストラするらしい",
    "Call me at 090-1234-5678 or mail taro.yamada@example.co.jp",
    "On behalf of Acme, I can confirm we will not raise prices this year.",
    "週末は家族で公園へ。天気が良くて気持ちよかった",
    "my password is Tr0ub4dor&3 for the staging box",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, KOE_DATA_DIR=data_dir, KOE_MFA_REQUIRED_ENABLED="false")
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([str(KOE), "serve", f"127.0.0.1:{port}", "--no-worker"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("koe serve did not start: " + (proc.stderr.read() if proc.stderr else ""))


def make_token(data_dir: str) -> str:
    code = ("from koe.people.services import user_create, api_token_create; "
            "u = user_create(username='bench', password='bench-pass-123'); "
            "print(api_token_create(user=u, name='bench')[1])")
    env = dict(os.environ, KOE_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="koe.web.settings")
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                         env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def run_clients(port: int, token: str, clients: int, seconds: float, path: str) -> dict:
    latencies: list[float] = []
    errors = [0]
    kinds: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            try:
                if path == "/api/check":
                    body = json.dumps({"text": rng.choice(POSTS), "account": "personal"})
                    conn.request("POST", path, body=body, headers={
                        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
                else:
                    conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors[0] += 1
                    kinds[f"HTTP {resp.status}"] += 1
            except OSError as exc:
                errors[0] += 1
                kinds[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 2 else [0.0] * 99
    return {"requests": len(latencies), "errors": errors[0], "kinds": dict(kinds),
            "rps": len(latencies) / elapsed,
            "p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="koe-bench-") as data_dir:
        port = free_port()
        server = start_server(data_dir, port)
        try:
            token = make_token(data_dir)
            run_clients(port, token, 2, 1.0, "/api/check")  # warm up: compile the policy
            peer = run_clients(port, token, args.clients, args.seconds, "/healthz")
            koe = run_clients(port, token, args.clients, args.seconds, "/api/check")
        finally:
            server.send_signal(signal.SIGINT)  # gunicorn: quick shutdown
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"self-check API, embedded default (SQLite, koe serve), {args.clients} clients, "
          f"{args.seconds:.0f} s each, {os.cpu_count()} cores")
    for name, r in (("/healthz (peer)", peer), ("/api/check", koe)):
        print(f"  {name:<16} {r['rps']:8.0f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms"
              f"  p99 {r['p99']:6.1f} ms  errors {r['errors']} {r['kinds'] or ''}")
    print(f"  ratio check/healthz: req/s {koe['rps'] / peer['rps']:.2f}, "
          f"p95 {koe['p95'] / max(peer['p95'], 1e-9):.2f}x")
    print(f"  target p95 < 50 ms: {'met' if koe['p95'] < 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
