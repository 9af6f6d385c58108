"""A Server-Timing header on API responses, so clients and benchmarks see the time spent in the app."""

import time

from flask import Flask, Response, g, request


def _start_clock() -> None:
    g.api_started = time.perf_counter()


def _add_server_timing(response: Response) -> Response:
    started = g.get("api_started")
    if started is not None and request.path.startswith(("/api/", "/ooapi/")):
        # For a streamed dump this is the time to the first byte, not to the last.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def register_server_timing(app: Flask) -> None:
    """Time every request from its start to its response."""
    app.before_request(_start_clock)
    app.after_request(_add_server_timing)
