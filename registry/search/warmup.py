"""Warm a new worker before it takes traffic: the index, each segment's facet values, the templates.

gunicorn calls :func:`warm_up` from its ``post_worker_init`` hook (gunicorn.conf.py), after the app is
loaded and before the worker accepts a connection, so no visitor pays for a cold start. It sends a few
requests through the app itself, so whatever those requests load (facet values, term bitsets, labels,
compiled templates, the database pool) is loaded by the code that will use it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time

from flask import Flask

from registry.extensions import db
from registry.search.sync import current_store

log = logging.getLogger(__name__)

# Common words of the sector: their term bitsets are read now instead of on a visitor's first search.
WARM_QUERIES = ("kinderopvang", "pedagogisch medewerker", "ehbo", "baby", "vve", "taal", "coach")
WARM_PAGES = ("/", "/opleidingen", "/aanbieders", "/regelingen")
# The API, and a search near a place (which indexes every segment's runs by place).
WARM_SEARCHES = ("/api/v1/search?q=kinderopvang", "/zoeken?q=kinderopvang&bij=Utrecht")


def warm_up(app: Flask, threads: int = 1) -> None:
    """Answer a search and the main pages once inside this process, and open a searcher for each of
    its ``threads``; failures only get logged."""
    if os.environ.get("REGISTRY_WARM_UP", "1") in {"0", "no", "false"}:
        return
    started = time.perf_counter()
    _write_term_masks(app)
    _compile_templates(app)
    client = app.test_client()
    # The warm-up is not a visitor: it comes from no address, so it touches no rate-limit counter.
    environ = {"REMOTE_ADDR": "", "HTTP_ACCEPT_LANGUAGE": "nl"}
    paths = [*WARM_PAGES, *(f"/zoeken?q={query}" for query in WARM_QUERIES), *WARM_SEARCHES]
    for path in paths:
        try:
            response = client.get(path, environ_base=environ)
            if response.status_code >= 500:
                log.warning("warm-up: %s answered %s", path, response.status_code)
        except Exception:  # a broken part must not keep the worker from starting
            log.warning("warm-up: %s failed", path, exc_info=True)
    _open_searchers(app, threads)
    log.info("worker warmed up in %.1f s", time.perf_counter() - started)


def _compile_templates(app: Flask) -> None:
    # Every page template, not only those the warm-up's pages use: compiling one costs ~30 ms, paid
    # otherwise by the first visitor of a page with a template of its own (a search with no results).
    for name in app.jinja_env.list_templates(filter_func=lambda name: name.endswith(".html")):
        try:
            app.jinja_env.get_template(name)
        except Exception:
            log.warning("warm-up: template %s does not compile", name, exc_info=True)


def _write_term_masks(app: Flask) -> None:
    """An index made before its segments' bitsets were kept gets them now, once per host."""
    try:
        with app.app_context():
            current_store().write_term_masks()
    except Exception:  # the postings still answer; the worker must start
        log.warning("warm-up: term bitsets not written", exc_info=True)


def _open_searchers(app: Flask, threads: int) -> None:
    """Each request thread finds a searcher and a database connection open: gunicorn's threads are
    not the one that warmed up, and opening either costs a first request tens of milliseconds."""
    try:
        with app.app_context():
            current_store().open_spares(threads)
            with contextlib.ExitStack() as held:  # held at once, so the pool keeps that many
                for _ in range(threads):
                    held.enter_context(db.engine.connect())
    except Exception:  # a thread opens its own then
        log.warning("warm-up: searchers or connections not opened", exc_info=True)
