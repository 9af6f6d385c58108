"""gunicorn settings for the registry: the Procfile, scripts/run and scripts/bench_load.py all use this file.

Every setting can be changed through the environment, so an operator tunes a host without editing code.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Two cores: one process per core, and threads to overlap the waits on the database and the socket.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# No keep-alive: a kept connection stays with the worker that accepted it, and when most of the clients'
# connections landed on one worker, that one worker (one core) served them all while the other idled, at
# half the throughput (measured, scripts/bench_load.py). Closed after each answer, a request is accepted
# by a worker that is free. The proxy in front keeps the browsers' connections open.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "0"))
timeout = 60
graceful_timeout = 30
# No line limit in gunicorn (its only values are up to 8190 bytes or none): the app refuses a query over
# MAX_QUERY_CHARACTERS itself with a Dutch 414 (problem+json with CORS on the API) instead of gunicorn's
# English page. The proxy in front bounds the raw line.
limit_request_line = 0
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# The usual combined format plus the time the request took in milliseconds (%(M)s).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


def post_worker_init(worker):
    """Load what a search needs (index, facet values, labels) before this worker takes a request."""
    app = worker.wsgi
    if getattr(app, "import_name", None) == "registry":  # not for another app run with these settings
        from registry.search.warmup import warm_up

        warm_up(app, threads=worker.cfg.threads)
        worker.log.info("Worker %s warmed up", worker.pid)  # in the error log: it now takes requests
