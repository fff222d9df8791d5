"""Production serving: `.venv/bin/gunicorn -c gunicorn.conf.py "marketplace:create_app()"`.

Sized for the 2-core machines this product runs on; scale out with more machines behind
the load balancer (the app is stateless: sessions are signed cookies, the index is in
PostgreSQL or rebuilt per process from it).
"""

import os

bind = "0.0.0.0:8000"
# Two processes per two cores (WEB_CONCURRENCY to change it), each running its encoders with
# one thread (MATCHING_THREADS = 1).
workers = int(os.environ.get("WEB_CONCURRENCY", 2))
# One compute thread per worker for every numerical library (BLAS, OpenMP): with two workers
# on two cores, a second thread only waits for the other worker and made a search 2x slower.
# Set here, before the app (and numpy) load in the master.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
# Read by the app when it is created (config WORKERS): with more than one worker and no
# MARKETPLACE_REDIS_URL, each worker counts rate limits alone and the app warns at start.
os.environ.setdefault("MARKETPLACE_WORKERS", str(workers))
# Requests mostly wait on the database: threads keep a worker busy while one waits.
worker_class = "gthread"
threads = 4
# Encoding a long description takes well under a second; 60 s only catches a stuck worker.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so memory never creeps (a new worker forks from the master,
# its models already loaded).
max_requests = 2000
max_requests_jitter = 200
# The master loads the app, the models' weights and the index once (marketplace/serving.py);
# workers share those pages. A code change needs a full restart: HUP re-forks the preloaded app.
preload_app = True
accesslog = "-"
errorlog = "-"


def on_starting(server):
    """Load the encoders' weights and build the index in the master, before any worker forks."""
    from marketplace.serving import preload

    preload(server.app.wsgi())


def on_reload(server):
    """On HUP, bring the master's index up to date before it forks the new workers."""
    from marketplace.serving import preload

    preload(server.app.wsgi())


def post_fork(server, worker):
    """A new worker drops any database connection inherited from the master."""
    from marketplace.serving import after_fork

    after_fork(server.app.wsgi())


def post_worker_init(worker):
    """Warm the worker (first encoding, index built) before it accepts a connection."""
    from marketplace.serving import warm_worker

    warm_worker(worker.wsgi)


def worker_exit(server, worker):
    """A worker leaves as soon as its last request and mails are done (no slow finalisation)."""
    from marketplace.serving import leave_worker

    leave_worker(worker.wsgi)
