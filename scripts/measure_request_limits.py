#!/usr/bin/env python3
"""Oversized requests against the real server: what each answers and what it does to the workers' memory.

Starts gunicorn (2 workers, as the Procfile does) on 127.0.0.1 with a temporary SQLite database, warms both
workers up with ordinary pages, then sends a 42 MB JSON body (declared and chunked), a 16 MB form to the
sign-in page and 10,000-character queries, and prints each answer beside the workers' resident memory
before (the baseline) and after. Bounded: 127.0.0.1 only, seven large requests.

    .venv/bin/python scripts/measure_request_limits.py
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def worker_rss(master: int) -> list[int]:
    """Resident memory of each worker in MiB."""
    out = subprocess.run(["ps", "--ppid", str(master), "-o", "rss="], capture_output=True, text=True).stdout
    return sorted(int(kib) // 1024 for kib in out.split())


def post(port: int, path: str, body: bytes, content_type: str, chunked: bool = False) -> str:
    """Send ``body`` in 1 MiB pieces; the server may answer and close before it has all of it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", content_type)
    connection.putheader(
        *(("Transfer-Encoding", "chunked") if chunked else ("Content-Length", str(len(body))))
    )
    connection.endheaders()
    try:
        for start in range(0, len(body), 1 << 20):
            piece = body[start : start + (1 << 20)]
            connection.send(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        if chunked:
            connection.send(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass  # refused before the body was read: the answer is already waiting
    response = connection.getresponse()
    return f"{response.status} {response.getheader('Content-Type')}"


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    cors = response.getheader("Access-Control-Allow-Origin")
    return f"{response.status} {response.getheader('Content-Type')}" + (f" CORS {cors}" if cors else "")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/registry.db",
            "SEARCH_INDEX_DIR": f"{tmp}/index",
            "SECRET_KEY": "measure-" + "x" * 40,
        }
        subprocess.run(
            [BIN / "flask", "--app", "registry", "db", "upgrade"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "registry:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(4)
            for _ in range(6):  # both workers render pages, the feed and an error once
                for path in ("/opleidingen", "/api/v1/courses", "/inloggen", "/api/v1/courses/1"):
                    get(port, path)
            print(f"{'request':42} {'answer':40} worker RSS MiB")
            print(f"{'baseline after warm-up':42} {'':40} {worker_rss(server.pid)}")
            json_body = b'{"title": "' + b"x" * (42 * 1024 * 1024) + b'"}'
            form_body = b"email=a%40b.nl&password=" + b"x" * (16 * 1024 * 1024)
            cases = [
                (
                    "42 MB JSON, Content-Length",
                    lambda: post(port, "/api/v1/provider/courses", json_body, "application/json"),
                ),
                (
                    "42 MB JSON, chunked",
                    lambda: post(
                        port, "/api/v1/provider/courses", json_body, "application/json", chunked=True
                    ),
                ),
                (
                    "16 MB form to /inloggen (no CSRF token)",
                    lambda: post(port, "/inloggen", form_body, "application/x-www-form-urlencoded"),
                ),
                (
                    "16 MB form to /inloggen, chunked",
                    lambda: post(port, "/inloggen", form_body, "application/x-www-form-urlencoded", True),
                ),
                ("10,000-character search", lambda: get(port, "/zoeken?q=" + "kind" * 2500)),
                ("10,000-character API query", lambda: get(port, "/api/v1/courses?q=" + "kind" * 2500)),
            ]
            for label, send in cases:
                answer = send()
                print(f"{label:42} {answer:40} {worker_rss(server.pid)}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
