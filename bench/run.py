"""Benchmark the public pages: `make bench` or `python -m bench.run [--requests N] ...`.

1. Prepares a database: DATABASE_URL / REDIS_URL when set (use a dedicated database: 22,000
   rows are added), otherwise a SQLite file in bench/output/ and the in-process memory cache.
2. Migrates it and loads 2,000 producers and 20,000 certified products (`manage.py bench_data`).
3. Serves the portal with gunicorn in production settings (DEBUG=0, a generated SECRET_KEY,
   SECURE_SSL_REDIRECT=0) on 127.0.0.1, with the two yardstick views switched on.
4. Sends a fixed number of requests per page from Python threads over keep-alive HTTP/1.1
   (loopback only), twice: with the anonymous page cache as deployed, and with it off
   (PUBLIC_PAGE_CACHE_SECONDS=0, every request renders the page and queries the database).
5. Prints p50/p95/p99 latency and requests/s per page, each as a ratio to the *template
   yardstick* measured in the same run (a ~5 KB template rendered through the whole middleware
   stack with no database; the bare "ok" view is shown beside it), the memory of each gunicorn
   worker, the SQL time of each page's first, cold visit, and whether the targets of issue 14
   are met; writes the figures to bench/output/results.json.

Pages come from bench.data.bench_targets(): the showcase's own and those an app registers in
its `bench.py` (`bench_pages()`, see fairs/bench.py).

The client runs on the same machine as the server and takes CPU from it: the ratios are the
meaningful figures, the absolute numbers are a floor for this machine.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "bench" / "output"
PYTHON = sys.executable
BARE = "/bench/bare/"
YARDSTICK = "/bench/template/"
# Issue 14's targets, uncached at 20k products: throughput as a share of the yardstick's.
TARGET_RPS = {"product page": 0.3, "QR page": 0.3, "producer page": 0.3}
TARGET_RPS_LIST = 0.15  # catalogue, faceted and searched pages
TARGET_P99_X = 10  # p99 of every uncached page ≤ 10 × the yardstick's p99
TARGET_CACHED_RPS, TARGET_CACHED_P99_X = 0.8, 2
TARGET_SQL_MS = 25
TARGET_WORKER_MB = 150
# Issue 12's target: the staff dashboard's p50 under 2 × the uncached catalogue page's p50.
TARGET_DASHBOARD_X_CATALOGUE = 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(args) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    notes = []
    if os.environ.get("DATABASE_URL"):
        engine = os.environ["DATABASE_URL"].split(":", 1)[0]
        notes.append(f"database: {engine} (DATABASE_URL)")
    else:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{OUTPUT / 'bench.sqlite3'}"
        notes.append(f"database: SQLite {OUTPUT / 'bench.sqlite3'} (no DATABASE_URL; set it to a PostgreSQL database)")
    if os.environ.get("REDIS_URL"):
        notes.append("cache: Redis (REDIS_URL)")
    else:
        notes.append("cache: local memory, one per gunicorn worker (no REDIS_URL)")
        env["REDIS_OPTIONAL"] = "1"  # production settings refuse to start without Redis otherwise
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        OCOP_BENCH_VIEW="1",
        LOG_LEVEL="WARNING",
        EMAIL_URL="consolemail://",
        # A fresh cache namespace per run: nothing cached by an earlier run is served.
        CACHE_KEY_PREFIX=f"ocop-bench-{os.getpid()}",
    )
    return env, "; ".join(notes)


def _manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 — our own manage.py


def _prepare(env, args) -> dict:
    print("Preparing: migrate, translations, static files, bench data …", flush=True)
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "compile_translations")
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    targets_file = OUTPUT / "targets.json"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sql_file = OUTPUT / "sql.json"
    _manage(
        env,
        "bench_data",
        "--products",
        str(args.products),
        "--cooperatives",
        str(args.cooperatives),
        "--targets",
        str(targets_file),
        "--sql",
        str(sql_file),
    )
    targets = json.loads(targets_file.read_text(encoding="utf-8"))
    targets["sql"] = json.loads(sql_file.read_text(encoding="utf-8"))
    return targets


class Server:
    def __init__(self, env, *, workers: int, cache_seconds: int):
        self.port = _free_port()
        self.env = {**env, "PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds)}
        self.workers = workers
        self.process = None

    def __enter__(self):
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        self.process = subprocess.Popen(  # noqa: S603 — the virtualenv's gunicorn, fixed arguments
            [
                gunicorn,
                "ocop_portal.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--keep-alive",
                "5",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _cached = _get(http.client.HTTPConnection("127.0.0.1", self.port, timeout=5), BARE)
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def worker_memory_mb(self) -> list[float]:
        """Resident memory of each worker (Linux /proc; empty elsewhere)."""
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        sizes = []
        for child in children:
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sorted(sizes)

    def __exit__(self, *exc):
        process_stop(self.process)


def process_stop(process: subprocess.Popen | None, *, timeout: int = 20) -> None:
    """Stop a server process (gunicorn stops its workers on SIGTERM); kill it if it hangs."""
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(conn: http.client.HTTPConnection, path: str, cookie: str = "") -> tuple[int, bool]:
    headers = {"Host": "127.0.0.1", "Accept-Language": "vi"}
    if cookie:
        headers["Cookie"] = cookie  # a signed-in page (the staff dashboard)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status, response.getheader("X-Page-Cache") == "hit"


def measure(port: int, paths: list[str], *, requests: int, concurrency: int, cookie: str = "") -> dict:
    """Send `requests` GETs cycling over `paths` from `concurrency` threads; latency per request."""
    latencies: list[float] = []
    errors = 0
    hits = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker():
        nonlocal errors, hits
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        local, local_errors, local_hits = [], 0, 0
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                break
            path = paths[n % len(paths)]
            start = time.perf_counter()
            try:
                status, hit = _get(conn, path, cookie)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status, hit = 0, False
            local.append(time.perf_counter() - start)
            local_errors += status != 200
            local_hits += hit
        conn.close()
        with lock:
            latencies.extend(local)
            errors += local_errors
            hits += local_hits

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "cache_hits": hits,
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": _percentile(latencies, 0.95) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "rps": len(latencies) / elapsed,
    }


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * share + 0.5) - 1))]


def scenarios(targets: dict) -> list[tuple]:
    """(name, paths) or (name, paths, cookie) for a page that needs a session."""
    return [("template yardstick", [YARDSTICK]), ("bare view", [BARE]), *[tuple(p) for p in targets["pages"]]]


def run_phase(env, targets, *, label: str, cache_seconds: int, args) -> list[dict]:
    rows = []
    with Server(env, workers=args.workers, cache_seconds=cache_seconds) as server:
        for name, paths, *cookie in scenarios(targets):
            cookie = cookie[0] if cookie else ""
            # Warm-up, not measured: every URL once (Redis: one cache for all workers), or a few
            # times per worker (local memory: each worker has its own cache), and the connections.
            passes = 1 if os.environ.get("REDIS_URL") else 2 * args.workers
            warmup = max(len(paths) * passes, args.warmup)
            measure(server.port, paths, requests=warmup, concurrency=args.concurrency, cookie=cookie)
            result = measure(server.port, paths, requests=args.requests, concurrency=args.concurrency, cookie=cookie)
            rows.append({"phase": label, "page": name, "urls": len(paths), **result})
            print(
                f"  {label:<8} {name:<26} p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:7.1f} ms"
                f"  {result['rps']:7.1f} req/s  errors {result['errors']}",
                flush=True,
            )
        memory = server.worker_memory_mb()
    yardstick = rows[0]
    for row in rows:
        row["p50_x_yardstick"] = row["p50_ms"] / yardstick["p50_ms"]
        row["p99_x_yardstick"] = row["p99_ms"] / yardstick["p99_ms"]
        row["rps_x_yardstick"] = row["rps"] / yardstick["rps"]
        row["worker_mb"] = memory
    return rows


def table(rows: list[dict], sql: dict) -> str:
    lines = [
        "| phase | page | p50 ms | p99 ms | req/s | req/s ÷ yardstick | p99 × yardstick | SQL ms (cold) | target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    catalogue = next((r["p50_ms"] for r in rows if r["phase"] == "uncached" and r["page"] == "catalogue"), None)
    for row in rows:
        cold = sql.get(row["page"])
        sql_ms = f"{cold['sql_ms']:.1f} ({cold['queries']} q)" if cold else ""
        lines.append(
            f"| {row['phase']} | {row['page']} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['rps']:.0f}"
            f" | {row['rps_x_yardstick']:.2f} | {row['p99_x_yardstick']:.1f} | {sql_ms}"
            f" | {_verdict(row, cold, catalogue)} |"
        )
    return "\n".join(lines)


def _verdict(row: dict, cold: dict | None, catalogue_p50: float | None = None) -> str:
    """Issue 14's targets for this row (issue 12's for the staff dashboard): "met", or what misses."""
    if row["page"] in ("template yardstick", "bare view"):
        return ""
    if row["page"].startswith("staff dashboard"):
        if not catalogue_p50:
            return ""
        ratio = row["p50_ms"] / catalogue_p50
        verdict = "met" if ratio < TARGET_DASHBOARD_X_CATALOGUE else "missed"
        return f"{verdict}: p50 {ratio:.1f} × uncached catalogue (< {TARGET_DASHBOARD_X_CATALOGUE}×)"
    misses = []
    if row["phase"] == "cached":
        if row["rps_x_yardstick"] < TARGET_CACHED_RPS:
            misses.append(f"req/s < {TARGET_CACHED_RPS}×")
        if row["p99_x_yardstick"] > TARGET_CACHED_P99_X:
            misses.append(f"p99 > {TARGET_CACHED_P99_X}×")
    else:
        wanted = TARGET_RPS.get(row["page"], TARGET_RPS_LIST)
        if row["rps_x_yardstick"] < wanted:
            misses.append(f"req/s < {wanted}×")
        if row["p99_x_yardstick"] > TARGET_P99_X:
            misses.append(f"p99 > {TARGET_P99_X}×")
        if cold and cold["sql_ms"] > TARGET_SQL_MS:
            misses.append(f"SQL > {TARGET_SQL_MS} ms")
    return "missed: " + ", ".join(misses) if misses else "met"


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            kib = int(handle.readline().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores{memory}, Python {platform.python_version()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600, help="measured requests per page (default 600)")
    parser.add_argument("--warmup", type=int, default=30, help="unmeasured requests per page first (default 30)")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--products", type=int, default=20000, help="certified products (20000; try 100000)")
    parser.add_argument("--cooperatives", type=int, default=2000)
    args = parser.parse_args(argv)

    env, notes = _environment(args)
    print(f"OCOP portal benchmark — {machine()}")
    print(notes, flush=True)
    targets = _prepare(env, args)
    print(
        f"gunicorn {args.workers} workers, client {args.concurrency} threads, {args.requests} requests per page"
        f" after {args.warmup} warm-up requests",
        flush=True,
    )
    load_before = os.getloadavg()
    rows = run_phase(env, targets, label="cached", cache_seconds=60, args=args)
    rows += run_phase(env, targets, label="uncached", cache_seconds=0, args=args)
    load_after = os.getloadavg()
    print()
    print(table(rows, targets["sql"]))
    for phase in ("cached", "uncached"):
        memory = next(row["worker_mb"] for row in rows if row["phase"] == phase)
        verdict = "met" if memory and max(memory) < TARGET_WORKER_MB else f"missed: ≥ {TARGET_WORKER_MB} MB"
        print(
            f"\nmemory per gunicorn worker after the {phase} phase: {', '.join(f'{m:.0f}' for m in memory)} MB ({verdict})"
        )
    # Other work on the machine shows here: the ratios to the yardstick hold up better than ms.
    print(f"\nload average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "results.json").write_text(
        json.dumps(
            {
                "machine": machine(),
                "setup": notes,
                "args": vars(args),
                "load_average": [load_before[0], load_after[0]],
                "rows": rows,
                "sql": targets["sql"],
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    failed = sum(row["errors"] for row in rows)
    if failed:
        print(f"\n{failed} requests failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
