#!/usr/bin/env python3
"""Load benchmark: the real server (gunicorn with gunicorn.conf.py, as the Procfile runs it) under the
public mix, beside a minimal Flask app on the same settings in the same run.

For each database (SQLite; PostgreSQL + Redis where both answer on 127.0.0.1) and each catalogue size
(the 300-course demo; 100,000 generated courses, cached between runs) it prints:

- the public mix at 50 connections (wrk): requests/s, p50/p95/p99 and errors; per kind of page the
  same figures from the server's access log (time spent in the worker, %(M)s);
- the minimal Flask app (one template) under the same wrk run: the framework's ceiling, and the ratio;
- a harvester walking /api/v1/courses?limit=100 (pages/s);
- the first searches after the server starts (each a query no worker has seen);
- a provider saving a draft while the mix runs (p95), and how much the reads slowed.

    .venv/bin/python scripts/bench_load.py                                  # everything (many minutes)
    .venv/bin/python scripts/bench_load.py --size demo --db sqlite --duration 10
    .venv/bin/python scripts/bench_load.py --size 100k --parts firstsearch,harvest

Traffic goes to 127.0.0.1 only; every run is bounded by --duration. The machine is shared, so absolute
figures are noisy: compare the registry with the minimal app of the same run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
CACHE = Path(os.environ.get("BENCH_CACHE", tempfile.gettempdir())) / "registry-bench"
SIZES = {"demo": 300, "100k": 100_000}
# The saves part: this many pairs of windows, with and without saves.
WRITE_ROUNDS = 3
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
PORT = 8765
BASELINE_PORT = 8766
DEMO_PASSWORD = "bench-demo-password-2026"

QUERIES = [
    "kinder-ehbo",
    "eerste hulp",
    "babyscholing",
    "3F",
    "taaleis",
    "vve",
    "pedagogisch coach",
    "beleidsmedewerker",
    "meldcode kindermishandeling",
    "hygiëne",
    "bhv herhaling",
    "oudergesprekken voeren",
    "interactievaardigheden",
    "werkplekleren mentor",
    "bso activiteiten",
]
# Queries for the first-search measurement: none of them is in the mix, so no cache holds them.
FIRST_QUERIES = [
    "slaapveiligheid",
    "gastouder",
    "peuters",
    "taalontwikkeling",
    "coaching",
    "mentor",
    "ehbo",
    "online",
    "leidinggevende",
    "zorg",
    "spel",
    "ouders",
    "observeren",
    "muziek",
    "natuur",
    "veiligheid",
    "inclusie",
    "rekenen",
    "voeding",
    "beweging",
]

# Kinds of page in the public mix, their share, and how to tell them apart in the access log.
KINDS = {
    "home": 10,
    "zoeken": 20,
    "api-search": 15,
    "course": 20,
    "course-list": 10,
    "providers": 10,
    "feed-list": 5,
    "feed-record": 10,
}


def kind_of(path: str) -> str:
    """The kind of page a logged request path belongs to."""
    bare = path.split("?", 1)[0]
    if bare == "/":
        return "home"
    if bare == "/zoeken":
        return "zoeken"
    if bare.startswith("/api/v1/search"):
        return "api-search"
    if re.fullmatch(r"/opleidingen/\d+", bare):
        return "course"
    if bare == "/opleidingen":
        return "course-list"
    if bare.startswith("/aanbieders"):
        return "providers"
    if re.fullmatch(r"/api/v1/(courses|providers|schemes|quality-marks)", bare):
        return "feed-list"
    if bare.startswith("/api/v1/"):
        return "feed-record"
    if bare == "/minimal":
        return "minimal"
    return "other"


# -- the tools -------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    """wrk from Debian's packages (installed when missing)."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk ontbreekt; installeren met apt-get ...", flush=True)
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if os.geteuid() != 0:
        install.insert(0, "sudo")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run([*install[:-4], "update", "-q"], env=env, capture_output=True)
        subprocess.run(install, env=env, check=True, capture_output=True)
    return shutil.which("wrk") or "wrk"


def answers(address: tuple[str, int]) -> bool:
    try:
        with socket.create_connection(address, timeout=1):
            return True
    except OSError:
        return False


# -- the data --------------------------------------------------------------------------------------


@dataclass
class Setup:
    name: str
    env: dict[str, str]
    index_dir: Path


def _flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "flask"), "--app", "registry", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


def base_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("REGISTRY_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        SECRET_KEY="bench-" + "x" * 40,
        REGISTRY_DEMO_PASSWORD=DEMO_PASSWORD,
        # One address sends the whole mix: count every request (that cost is measured), refuse none.
        REGISTRY_API_RATE_LIMIT="100000000 per minute",
        REGISTRY_DUMP_RATE_LIMIT="100000000 per minute",
        PYTHONUNBUFFERED="1",
    )
    return env


def prepare(size: str, database: str) -> Setup | None:
    """A filled, indexed database of ``size`` (built once, then reused), or None when it cannot run."""
    CACHE.mkdir(parents=True, exist_ok=True)
    env = base_env()
    tag = f"{database}-{size}"
    index_dir = CACHE / f"{tag}-index"
    env["SEARCH_INDEX_DIR"] = str(index_dir)
    env["REGISTRY_DUMP_DIR"] = str(CACHE / f"{tag}-dumps")
    env["REGISTRY_FEED_RECORD_STORE"] = str(CACHE / f"{tag}-feed-records.sqlite")
    env["REGISTRY_PAGE_STORE"] = str(CACHE / f"{tag}-pages.sqlite")
    marker = CACHE / f"{tag}.ready"
    if database == "sqlite":
        db_file = CACHE / f"{tag}.sqlite"
        env["DATABASE_URL"] = f"sqlite:///{db_file}"
        exists = db_file.exists()
    else:
        if not answers(PG):
            print(f"PostgreSQL antwoordt niet op {PG[0]}:{PG[1]}: configuratie {tag} overgeslagen.")
            return None
        if not answers(REDIS):
            print(f"Redis antwoordt niet op {REDIS[0]}:{REDIS[1]}: configuratie {tag} overgeslagen.")
            return None
        name = f"registry_bench_{size}"
        admin = "postgresql://postgres@127.0.0.1:5432/postgres"
        env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{name}"
        env["REDIS_URL"] = "redis://127.0.0.1:6379/7"
        listed = subprocess.run(
            ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname='{name}'"],
            capture_output=True,
            text=True,
        )
        exists = listed.stdout.strip() == "1"
        if not (exists and marker.exists()):
            subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
            exists = False
    if not (exists and marker.exists()):
        if database == "sqlite":
            (CACHE / f"{tag}.sqlite").unlink(missing_ok=True)
        shutil.rmtree(index_dir, ignore_errors=True)
        started = time.perf_counter()
        print(f"[{tag}] database vullen met {SIZES[size]:,} opleidingen (eenmalig) ...", flush=True)
        _flask(env, "db", "upgrade")
        _flask(env, "reference", "load")
        _flask(env, "demo-data", "--courses", str(SIZES[size]), "--batch-size", "2000")
        _flask(env, "search", "reindex")
        token = _flask(env, "tokens", "create", "aanbieder@demo.example", "--name", "bench")
        (CACHE / f"{tag}.token").write_text(token.stdout.strip().splitlines()[-1])
        if database == "postgres":  # fresh tables have no statistics yet; autovacuum would come later
            subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
        marker.write_text(time.strftime("%Y-%m-%d"))
        print(f"[{tag}] klaar in {time.perf_counter() - started:.0f} s", flush=True)
    else:
        _flask(env, "db", "upgrade")  # a cached database gets the migrations added since it was made
    return Setup(tag, env, index_dir)


# -- the servers -----------------------------------------------------------------------------------

MINIMAL_APP = '''
from flask import Flask, render_template_string

app = Flask(__name__)
PAGE = """<!doctype html><html lang="nl"><head><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><ul>{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul></body></html>"""


@app.get("/minimal")
def minimal():
    return render_template_string(PAGE, title="Scholingsregister", items=range(20))
'''


@contextmanager
def server(app: str, env: dict[str, str], port: int, log: Path, extra_path: str | None = None):
    """gunicorn with the project's gunicorn.conf.py, on 127.0.0.1:``port``; stopped afterwards."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_ACCESS_LOG": str(log)}
    if env.get("REGISTRY_PAGE_STORE"):  # every server starts on a host that has rendered nothing yet
        for suffix in ("", "-wal", "-shm"):
            Path(f"{env['REGISTRY_PAGE_STORE']}{suffix}").unlink(missing_ok=True)
    if extra_path:
        env["PYTHONPATH"] = extra_path
    log.unlink(missing_ok=True)
    errors = open(log.with_suffix(".err"), "w")  # noqa: SIM115  (open while the server runs)
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py"), app],
        env=env,
        cwd=ROOT,
        stdout=errors,
        stderr=errors,
        start_new_session=True,
    )
    try:
        wait_until_serving(port, process)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        errors.close()


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 180) -> float:
    """Seconds until the server accepted a connection (gunicorn binds before its workers are ready)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see the .err log")
        if answers(("127.0.0.1", port)):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise RuntimeError("gunicorn did not start in time")


def get(port: int, path: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def wait_for_app(port: int, path: str = "/", timeout: float = 180) -> None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        try:
            if get(port, path)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{path} did not answer in time")


def wait_until_warm(error_log: Path, started: float, timeout: float = 300) -> None:
    workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
    while time.perf_counter() - started < timeout:
        if error_log.exists() and error_log.read_text().count(" warmed up") >= workers:
            return
        time.sleep(0.1)
    raise RuntimeError(f"the workers did not warm up in {timeout:.0f} s; see {error_log}")


# -- the mix ---------------------------------------------------------------------------------------


def mix_paths(port: int, seed: int = 13) -> list[str]:
    """About 400 paths in the shares of KINDS, drawn from what the running registry publishes."""
    rng = random.Random(seed)
    listing = json.loads(get(port, "/api/v1/courses?limit=200")[1])
    course_ids = [item["id"] for item in listing["items"]]
    providers = json.loads(get(port, "/api/v1/providers?limit=100")[1])
    slugs = [item["slug"] for item in providers["items"]]
    provider_ids = [item["id"] for item in providers["items"]]
    makers = {
        "home": lambda: "/",
        "zoeken": lambda: "/zoeken?q=" + quote(rng.choice(QUERIES)),
        "api-search": lambda: "/api/v1/search?q=" + quote(rng.choice(QUERIES)),
        "course": lambda: f"/opleidingen/{rng.choice(course_ids[:60])}",
        "course-list": lambda: f"/opleidingen?pagina={rng.randint(1, 5)}",
        "providers": lambda: rng.choice(["/aanbieders", f"/aanbieders/{rng.choice(slugs[:20])}"]),
        "feed-list": lambda: rng.choice(["/api/v1/courses?limit=50", "/api/v1/providers", "/api/v1/schemes"]),
        "feed-record": lambda: rng.choice(
            [
                f"/api/v1/courses/{rng.choice(course_ids[:60])}",
                f"/api/v1/providers/{rng.choice(provider_ids[:20])}",
            ]
        ),
    }
    paths = [makers[kind]() for kind, share in KINDS.items() for _ in range(share * 4)]
    rng.shuffle(paths)
    return paths


WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter * 7919) end
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[((i + (offset or 0)) %% #paths) + 1], {["Accept-Language"] = "nl"})
end
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("WRKJSON {\\"requests\\": %%d, \\"seconds\\": %%f, \\"errors\\": %%d, "
    .. "\\"non2xx3xx\\": %%d, \\"p50\\": %%f, \\"p95\\": %%f, \\"p99\\": %%f}\\n",
    summary.requests, summary.duration / 1e6, errors, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Figures:
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    requests: int


def run_wrk(wrk: str, port: int, paths: list[str], duration: int, connections: int, workdir: Path) -> Figures:
    """The mix from one wrk process; latency as the client saw it."""
    paths_file = workdir / f"paths-{port}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = workdir / f"mix-{port}.lua"
    script.write_text(WRK_SCRIPT % {"paths": paths_file})
    result = subprocess.run(
        [
            wrk,
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    line = next((row for row in result.stdout.splitlines() if row.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError("wrk gave no figures:\n" + result.stdout + result.stderr)
    data = json.loads(line[len("WRKJSON ") :])
    return Figures(
        rps=data["requests"] / data["seconds"],
        p50=data["p50"],
        p95=data["p95"],
        p99=data["p99"],
        errors=data["errors"],
        requests=data["requests"],
    )


LOG_LINE = re.compile(r'"(?:GET|POST|PATCH|HEAD|OPTIONS) (\S+) HTTP/[\d.]+" (\d{3}) .* (\d+)ms$')


def per_kind(log: Path, seconds: float) -> dict[str, dict[str, float]]:
    """Per kind of page from the access log: requests/s, time in the worker p50/p95/p99, 5xx, 304s."""
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    not_modified: dict[str, int] = defaultdict(int)
    for line in log.read_text(errors="replace").splitlines():
        match = LOG_LINE.search(line)
        if not match:
            continue
        kind = kind_of(match.group(1))
        times[kind].append(float(match.group(3)))
        status = int(match.group(2))
        errors[kind] += status >= 500 or status == 429
        not_modified[kind] += status == 304
    report = {}
    for kind, samples in sorted(times.items()):
        ordered = sorted(samples)
        report[kind] = {
            "rps": len(ordered) / seconds,
            "p50": pct(ordered, 50),
            "p95": pct(ordered, 95),
            "p99": pct(ordered, 99),
            "errors": errors[kind],
            "n": len(ordered),
        }
    return report


def pct(ordered: list[float], p: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# -- the parts -------------------------------------------------------------------------------------


def part_mix(setup: Setup, args, wrk: str, workdir: Path, baseline: Figures) -> Figures:
    log = workdir / f"{setup.name}-access.log"
    with server("registry:create_app()", setup.env, PORT, log):
        wait_until_warm(log.with_suffix(".err"), time.perf_counter())  # every worker takes traffic
        paths = mix_paths(PORT)
        run_wrk(wrk, PORT, paths, 3, args.connections, workdir)  # warm the caches every worker keeps
        log.write_text("")
        figures = run_wrk(wrk, PORT, paths, args.duration, args.connections, workdir)
        time.sleep(0.5)
        kinds = per_kind(log, args.duration)
    print(f"\n[{setup.name}] publieke mix, {args.connections} verbindingen, {args.duration} s")
    print_row("registry (wrk)", figures, baseline)
    print(f"  {'soort':<14} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'fouten':>7}  (ms in de worker)")
    for kind, row in kinds.items():
        print(
            f"  {kind:<14} {row['rps']:8.1f} {row['p50']:7.1f} {row['p95']:7.1f} {row['p99']:7.1f} "
            f"{row['errors']:7d}"
        )
    return figures


def print_row(label: str, figures: Figures, baseline: Figures | None) -> None:
    ratio = f"  = {figures.rps / baseline.rps:5.1%} van minimaal" if baseline else ""
    print(
        f"  {label:<22} {figures.rps:8.1f} req/s  p50 {figures.p50:6.1f}  p95 {figures.p95:6.1f}  "
        f"p99 {figures.p99:6.1f} ms  fouten {figures.errors}{ratio}"
    )


def part_baseline(args, wrk: str, workdir: Path) -> Figures:
    (workdir / "minimal_app.py").write_text(MINIMAL_APP)
    log = workdir / "minimal-access.log"
    with server("minimal_app:app", base_env(), BASELINE_PORT, log, extra_path=str(workdir)):
        wait_for_app(BASELINE_PORT, "/minimal")
        run_wrk(wrk, BASELINE_PORT, ["/minimal"], 2, args.connections, workdir)
        figures = run_wrk(wrk, BASELINE_PORT, ["/minimal"], args.duration, args.connections, workdir)
    print(f"\n[minimaal] Flask-app met één template, zelfde gunicorn-instellingen, {args.duration} s")
    print_row("minimal Flask", figures, None)
    return figures


# What the nightly ``feed-records`` job does, run at once (the job itself runs once per day and slot).
MAKE_TODAYS_RECORDS = """
from registry import create_app
from registry.clock import today
from registry.feed.record_cache import make_day
with create_app().app_context():
    print(make_day(today()))
"""


def part_harvest(setup: Setup, args, workdir: Path) -> None:
    """A harvester follows `next` from /api/v1/courses?limit=100 on one client connection: with
    nothing made (the host's record file removed), then after the nightly job made the day's records."""
    store = Path(setup.env["REGISTRY_FEED_RECORD_STORE"])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    _harvest(setup, args, workdir, "niets gemaakt")
    started = time.perf_counter()
    subprocess.run([str(VENV_BIN / "python"), "-c", MAKE_TODAYS_RECORDS], env=setup.env, cwd=ROOT, check=True)
    print(f"  nachtelijke taak feed-records: {time.perf_counter() - started:.0f} s", flush=True)
    _harvest(setup, args, workdir, "na de nachtelijke taak, nieuwe workers")


def _harvest(setup: Setup, args, workdir: Path, label: str) -> None:
    log = workdir / f"{setup.name}-harvest.log"
    with server("registry:create_app()", setup.env, PORT, log):
        wait_until_warm(log.with_suffix(".err"), time.perf_counter())  # every worker takes traffic
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        path: str | None = "/api/v1/courses?limit=100"
        pages = records = 0
        started = time.perf_counter()
        times = []
        while path and time.perf_counter() - started < args.duration:
            began = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = json.loads(response.read())
            times.append((time.perf_counter() - began) * 1000)
            if response.status != 200:
                print(f"  oogster kreeg {response.status}")
                break
            pages += 1
            records += len(body["items"])
            nxt = body.get("next")
            path = urlsplit(nxt).path + "?" + urlsplit(nxt).query if nxt else None
        elapsed = time.perf_counter() - started
        connection.close()
    times.sort()
    print(
        f"\n[{setup.name}] oogster /api/v1/courses?limit=100, {label}: {pages / elapsed:.1f} pagina's/s "
        f"({records:,} opleidingen in {elapsed:.1f} s{', einde bereikt' if path is None else ''}); "
        f"per pagina p50 {pct(times, 50):.1f} p95 {pct(times, 95):.1f} ms",
        flush=True,
    )


def part_first_search(setup: Setup, args, workdir: Path) -> None:
    """Searches nobody made before, right after the server starts: does any request pay for a cold start?"""
    log = workdir / f"{setup.name}-first.log"
    started = time.perf_counter()
    with server("registry:create_app()", setup.env, PORT, log):
        # Ready when every worker has warmed up (gunicorn.conf.py logs it): a worker still warming
        # takes no request, but would share the two cores with the first searches.
        wait_until_warm(log.with_suffix(".err"), started)
        ready = time.perf_counter() - started
        times = []
        statuses = []
        for query in FIRST_QUERIES:
            began = time.perf_counter()
            status, _body, _ = get(PORT, "/zoeken?q=" + quote(query))
            times.append((time.perf_counter() - began) * 1000)
            statuses.append(status)
    ordered = sorted(times)
    print(
        f"\n[{setup.name}] eerste zoekvragen na de start ({len(times)} nieuwe vragen, één voor één): "
        f"eerste {times[0]:.0f} ms, p50 {pct(ordered, 50):.1f}, p95 {pct(ordered, 95):.1f}, "
        f"max {ordered[-1]:.0f} ms; statussen {sorted(set(statuses))}; klaar {ready:.1f} s na de start"
        f"\n  per vraag (ms): {' '.join(f'{t:.0f}' for t in times)}"
    )


def part_writes(setup: Setup, args, wrk: str, workdir: Path) -> None:
    """A provider saves a draft every 200 ms while the mix runs; reads compared with the mix alone."""
    token_file = CACHE / f"{setup.name}.token"
    if not token_file.exists():
        print(f"\n[{setup.name}] geen API-token van de demo-aanbieder; schrijven overgeslagen")
        return
    auth = {"Authorization": f"Bearer {token_file.read_text().strip()}", "Content-Type": "application/json"}
    log = workdir / f"{setup.name}-writes.log"
    with server("registry:create_app()", setup.env, PORT, log):
        wait_until_warm(log.with_suffix(".err"), time.perf_counter())  # every worker takes traffic
        status, body, _ = get(PORT, "/api/v1/provider/courses", auth)
        if status != 200:
            print(f"\n[{setup.name}] eigen opleidingen gaven {status}; schrijven overgeslagen")
            return
        drafts = [c for c in json.loads(body)["items"] if c["status"] == "draft" and not c["open_review"]]
        if not drafts:  # the demo's drafts are under review: start one of our own
            new = {
                "title": "Meetopleiding voor de belastingtest",
                "summary": "Een concept dat de belastingtest steeds opnieuw opslaat.",
                "delivery_mode": "online",
                "study_load_hours": 4,
                "price": "95.00",
            }
            status, body, _ = get(PORT, "/api/v1/provider/courses", auth, "POST", json.dumps(new).encode())
            if status != 201:
                print(f"\n[{setup.name}] een concept aanmaken gaf {status}; schrijven overgeslagen")
                return
            drafts = [json.loads(body)]
        draft = drafts[0]
        paths = mix_paths(PORT)
        run_wrk(wrk, PORT, paths, 3, args.connections, workdir)
        write_times: list[float] = []
        write_statuses: list[int] = []
        writing, stop = threading.Event(), threading.Event()

        def writer() -> None:
            version = draft["version"]
            n = 0
            while not stop.is_set():
                if not writing.wait(0.05):
                    continue
                n += 1
                payload = json.dumps({"summary": f"Samenvatting, versie {n}.", "version": version}).encode()
                began = time.perf_counter()
                status, answer, _ = get(
                    PORT, f"/api/v1/provider/courses/{draft['id']}", auth, "PATCH", payload
                )
                write_times.append((time.perf_counter() - began) * 1000)
                write_statuses.append(status)
                if status == 200:
                    version = json.loads(answer)["version"]
                stop.wait(0.2)

        # Windows with and without saves take turns, so a slower spell of the machine falls on both.
        window = max(5, args.duration // WRITE_ROUNDS)
        alone: list[Figures] = []
        loaded: list[Figures] = []
        thread = threading.Thread(target=writer)
        thread.start()
        try:
            for _round in range(WRITE_ROUNDS):
                alone.append(run_wrk(wrk, PORT, paths, window, args.connections, workdir))
                writing.set()
                loaded.append(run_wrk(wrk, PORT, paths, window, args.connections, workdir))
                writing.clear()
        finally:
            stop.set()
            thread.join()
    ordered = sorted(write_times)
    print(
        f"\n[{setup.name}] schrijven onder leesbelasting ({len(ordered)} keer een concept opslaan, "
        f"{WRITE_ROUNDS} x {window} s met en zonder, om en om)"
    )
    print(
        f"  opslaan: p50 {pct(ordered, 50):.0f} p95 {pct(ordered, 95):.0f} ms, statussen "
        f"{sorted(set(write_statuses))}"
    )
    for label, windows in (("mix zonder schrijven", alone), ("mix met schrijven", loaded)):
        print(
            f"  {label:<22} req/s {' '.join(f'{f.rps:6.0f}' for f in windows)}, "
            f"p95 {' '.join(f'{f.p95:5.1f}' for f in windows)} ms, fouten {sum(f.errors for f in windows)}"
        )
    rps = [statistics.median(f.rps for f in windows) for windows in (alone, loaded)]
    p95 = [statistics.median(f.p95 for f in windows) for windows in (alone, loaded)]
    print(f"  lezen (medianen) {rps[1] / rps[0] - 1:+.0%} req/s, p95 {p95[1] / p95[0] - 1:+.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=[*SIZES, "all"], default="all")
    parser.add_argument("--db", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--duration", type=int, default=15, help="seconds per measurement (max 60)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument(
        "--parts",
        default="mix,harvest,firstsearch,writes",
        help="comma-separated: mix,harvest,firstsearch,writes",
    )
    args = parser.parse_args()
    args.duration = max(3, min(args.duration, 60))
    parts = set(args.parts.split(","))
    sizes = list(SIZES) if args.size == "all" else [args.size]
    databases = ["sqlite", "postgres"] if args.db == "all" else [args.db]
    wrk = ensure_wrk()
    print(f"{os.cpu_count()} kernen; gunicorn.conf.py: {gunicorn_settings()}")
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        workdir = Path(tmp)
        baseline = part_baseline(args, wrk, workdir) if "mix" in parts or "writes" in parts else None
        for database in databases:
            for size in sizes:
                setup = prepare(size, database)
                if setup is None:
                    continue
                if "firstsearch" in parts:
                    part_first_search(setup, args, workdir)
                if "mix" in parts:
                    part_mix(setup, args, wrk, workdir, baseline)
                if "harvest" in parts:
                    part_harvest(setup, args, workdir)
                if "writes" in parts:
                    part_writes(setup, args, wrk, workdir)


def gunicorn_settings() -> str:
    keys = ("WEB_CONCURRENCY", "GUNICORN_WORKER_CLASS", "GUNICORN_THREADS", "GUNICORN_KEEPALIVE")
    chosen = {key: os.environ[key] for key in keys if key in os.environ}
    return ", ".join(f"{k}={v}" for k, v in chosen.items()) or "standaard"


if __name__ == "__main__":
    main()
