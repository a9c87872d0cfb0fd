"""Bounded load test of the API on 127.0.0.1: p50/p95 latency and requests/s of the timeline and
search endpoints with N concurrent clients.

The server runs in its own process (uvicorn, one worker, as ``dateline serve`` runs it); the
clients share one asyncio loop in this process. Each endpoint gets a fixed number of requests
(or stops at a time cap), cycling over a few queries. Timelines are cached by the server for a
minute, and so are search results, so the first request of each query is cold; the script first
times those cold requests one by one, then runs the load (mostly cache hits, as a shared page
would see; pass --cache-seconds 0 to measure every request cold).

Usage:
  python bench/serve_load.py                       # the bundled demo corpus (cep) in a temp store
  python bench/serve_load.py --db /path/t17.db --preset t17
Options: --clients 20 --requests 400 --max-seconds 120 --cache-seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared" / "data"

QUERIES = {
    "demo": ["Gaza", "ceasefire", "hostages", "Rafah", "Hezbollah", "West Bank"],
    "t17": [
        "oil spill",
        "Egypt protest",
        "swine flu",
        "Haiti earthquake",
        "Libya Gaddafi",
        "Syria",
        "Michael Jackson",
        "Iraq",
    ],
}

SERVER = """
import sys, uvicorn
from dateline.serve.api import create_app
app = create_app(sys.argv[1], token=None, cache_seconds=float(sys.argv[3]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", server_header=False,
            timeout_keep_alive=30)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def load(
    base: str, paths: list[str], *, clients: int, requests: int, max_seconds: float
) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    dropped = 0
    issued = 0
    deadline = time.monotonic() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def worker() -> None:
            nonlocal issued, errors, dropped
            while issued < requests and time.monotonic() < deadline:
                path = paths[issued % len(paths)]
                issued += 1
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.TransportError:
                    dropped += 1  # counted as an error, not timed: a dropped connection has no latency
                    continue
                latencies.append(time.perf_counter() - start)
                if response.status_code != 200:
                    errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return {
        "n": len(latencies) + dropped,
        "errors": errors + dropped,
        "p50_ms": 1000 * percentile(latencies, 0.5),
        "p95_ms": 1000 * percentile(latencies, 0.95),
        "rps": len(latencies) / elapsed,
    }


def wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited during start-up")
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=None, help="store to serve (default: the demo corpus in a temp store)"
    )
    parser.add_argument(
        "--preset", choices=sorted(QUERIES), default=None, help="query set (default: by --db)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="time cap per endpoint")
    parser.add_argument("--cache-seconds", type=float, default=60.0, help="server timeline cache (0 = off)")
    args = parser.parse_args()

    from dateline.serve.web.server import free_port

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from dateline.demo import corpus_path
            from dateline.ingest import ingest
            from dateline.store import open_store

            db = str(Path(tmp) / "demo.db")
            store = open_store(db)
            ingest(store, [corpus_path("cep")])
            store.close()
        preset = args.preset or ("demo" if args.db is None else "t17")
        queries = QUERIES[preset]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", SERVER, db, str(port), str(args.cache_seconds)])
        try:
            wait_up(base, proc)
            articles = httpx.get(base + "/api/stats").json()["articles"]
            print(f"store: {db} ({articles} articles), {args.clients} clients, queries: {preset}")
            # Warm up (imports, first connections) on a query no benchmark query shares.
            for endpoint in ("timeline", "search"):
                httpx.get(f"{base}/api/{endpoint}", params={"q": "warmup"}, timeout=300)
            for endpoint in ("timeline", "search"):
                cold = []
                for q in queries:
                    start = time.perf_counter()
                    httpx.get(f"{base}/api/{endpoint}", params={"q": q}, timeout=300).raise_for_status()
                    cold.append(time.perf_counter() - start)
                print(
                    f"{endpoint} cold (first request of a query, one client): median "
                    f"{1000 * statistics.median(cold):.0f} ms, max {1000 * max(cold):.0f} ms over {len(cold)} queries"
                )
            endpoints = {
                "timeline": [f"/api/timeline?q={q.replace(' ', '+')}" for q in queries],
                "search": [f"/api/search?q={q.replace(' ', '+')}" for q in queries],
            }
            print(f"{'endpoint':<10} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
            for name, paths in endpoints.items():
                r = asyncio.run(
                    load(
                        base,
                        paths,
                        clients=args.clients,
                        requests=args.requests,
                        max_seconds=args.max_seconds,
                    )
                )
                print(
                    f"{name:<10} {r['n']:>8} {r['errors']:>6} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['rps']:>8.1f}"
                )
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
