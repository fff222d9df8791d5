"""Serving with gunicorn: models loaded once before the workers fork, workers warmed before
they accept a request, and the memory each worker really costs.

gunicorn.conf.py calls `preload` in the master (models and index, with one compute thread
per library: no thread exists before the fork, which torch and OpenMP would not survive)
and `warm_worker` in each worker before it accepts connections, so the first request after a (re)start is as fast as
the next one and no write ever waits for a model to load.
"""

from .extensions import db
from .skills.engine import get_engine


def preload(app):
    """In the gunicorn master, before it forks workers (at start and on HUP): load the
    encoders, encode once (every numerical library runs one thread under gunicorn.conf.py,
    so no thread exists yet to be lost in the fork) and build the matching index. The workers share those pages (copy on
    write) instead of holding one copy each, and a new worker only patches the index with
    what changed since. The master keeps no database connection."""
    with app.app_context():
        get_engine().warm_up()
        db.session.remove()
        db.engine.dispose()


def after_fork(app):
    """In a freshly forked worker: never reuse a database connection the master may hold."""
    with app.app_context():
        db.engine.dispose(close=False)


def warm_worker(app):
    """In a worker, before it accepts requests: the index brought up to date (a patch of the
    master's) and one encoding, so the first request is as fast as the next."""
    with app.app_context():
        get_engine().warm_up()
        db.session.remove()


def leave_worker(app):
    """A worker that has finished its last request: mails in flight leave, API tokens' last
    uses are written, then the process ends at once. Like multiprocessing's children, it
    skips the interpreter's finalisation, which took 8 s with the models loaded and kept the
    old workers' memory after a restart."""
    import logging
    import os

    from .accounts.access_tokens import write_token_uses
    from .notifications.outbox import courier_if_started

    courier = courier_if_started(app)
    if courier is not None:
        courier.drain()
    try:  # the API tokens' last uses noted since the last write
        with app.app_context():
            write_token_uses()
    except Exception:
        app.logger.exception("writing the last use of API tokens failed")
    logging.shutdown()
    os._exit(0)


def memory_of(pid):
    """Resident (RSS) and proportional (PSS: shared pages divided among the processes that
    share them) memory of a process, in MB, from /proc/<pid>/smaps_rollup."""
    figures = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                figures[name.lower() + "_mb"] = round(int(rest.split()[0]) / 1024, 1)
    return figures
