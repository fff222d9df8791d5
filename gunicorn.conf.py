"""Production serving: `.venv/bin/gunicorn -c gunicorn.conf.py "marketplace:create_app()"`.

Sized for the 2-core machines this product runs on; scale out with more machines behind
the load balancer (the app is stateless: sessions are signed cookies, the index is in
PostgreSQL or rebuilt per process from it).
"""

bind = "0.0.0.0:8000"
# Two processes per two cores; each loads the three encoders lazily (about 1 GB) on its
# first matching request and runs them with one thread (MATCHING_THREADS = 1).
workers = 2
# Requests mostly wait on the database: threads keep a worker busy while one waits.
worker_class = "gthread"
threads = 4
# Encoding a long description takes well under a second; 60 s only catches a stuck worker.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so memory never creeps.
max_requests = 2000
max_requests_jitter = 200
# Not preloaded: torch and forked processes do not mix; each worker builds its own app.
preload_app = False
accesslog = "-"
errorlog = "-"


def on_starting(server):
    """Tell the app how many workers there are (config WORKERS), before they fork: with more
    than one and no MARKETPLACE_REDIS_URL, each worker counts rate limits alone and logs a
    warning at start (marketplace/ratelimit.py)."""
    import os

    os.environ["MARKETPLACE_WORKERS"] = str(server.cfg.workers)
