"""The sign-in limits hold across processes: gunicorn with 2 workers and threads, the rate
limits in a real Redis, the per-account slow-down in the database under test, 40 concurrent
requests at once."""

import os
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.conftest import PASSWORD, _hash
from tests.servers import Browser, free_port, wait_until_up

CROWD = 40
ROOT = Path(__file__).resolve().parents[2]


class GuessingBrowser(Browser):
    """One client with the CSRF token of the login page, ready to guess."""

    def __init__(self, base):
        super().__init__(base)
        self.token = self.csrf_token("/login")

    def login(self, email, password):
        """One sign-in attempt; its HTTP status."""
        return self.request("/login", {"email": email, "password": password, "csrf_token": self.token})[0]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """A real redis-server (Debian's package) on a free port, for this module."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed: apt-get install redis-server (make install-test does)"
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path_factory.mktemp("redis"))],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert server.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
    yield client
    client.close()
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture
def redis_url(redis_server):
    """The Redis of this module, emptied for each test."""
    redis_server.flushall()
    port = redis_server.connection_pool.connection_kwargs["port"]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def serve(database_url, tmp_path):
    """serve(worker_class, **settings) -> (base URL, log) of gunicorn with 2 workers (of 4 threads
    each unless worker_class is "sync") on the database under test, with 40 members, configured
    through MARKETPLACE_* variables.

    The address limits are served by sync workers: each takes one request at a time, so a crowd
    is split between the two, and a count kept in each worker's memory would let twice the limit
    through (as it does without REDIS_URL). The database slow-down is served by threads too."""
    app = create_app({"SECRET_KEY": "ratelimit", "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        db.create_all()
        db.session.add_all(User(email=f"m{i}@example.org", display_name=f"M{i}", password_hash=_hash(PASSWORD))
                           for i in range(CROWD))
        db.session.commit()
    servers = []

    def start(worker_class="gthread", **settings):
        port = free_port()
        env = {**os.environ, "MARKETPLACE_DATABASE_URL": database_url, "MARKETPLACE_SECRET_KEY": "ratelimit",
               "MARKETPLACE_MATCHING_ENCODER": "hashing",
               **{f"MARKETPLACE_{key}": str(value) for key, value in settings.items()}}
        log = open(tmp_path / f"gunicorn-{port}.log", "w")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "2",
             "--worker-class", worker_class, "--threads", "4", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "--access-logfile", "/dev/null", "marketplace:create_app()"],
            env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        servers.append((server, log))
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, server)
        return base, tmp_path / f"gunicorn-{port}.log"

    yield start
    for server, log in servers:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    with app.app_context():
        db.engine.dispose()


def _at_once(base, attempt):
    """40 clients, each with its own session, post at the same instant; their statuses."""
    browsers = [GuessingBrowser(base) for _ in range(CROWD)]
    barrier = threading.Barrier(CROWD)

    def run(pair):
        number, browser = pair
        barrier.wait()
        return attempt(number, browser)

    with ThreadPoolExecutor(CROWD) as pool:
        return list(pool.map(run, enumerate(browsers)))


def test_the_address_limit_holds_across_workers(serve, redis_url):
    base, _ = serve("sync", REDIS_URL=redis_url, LOGIN_LIMIT_PER_IP="15 per 15 minutes")
    statuses = _at_once(base, lambda n, browser: browser.login(f"m{n}@example.org", "wrong password!"))
    assert sorted(statuses) == [422] * 15 + [429] * 25


def test_the_account_and_address_limit_holds_across_workers(serve, redis_url):
    base, _ = serve("sync", REDIS_URL=redis_url, LOGIN_LIMIT_PER_ACCOUNT_AND_IP="10 per 15 minutes")
    statuses = _at_once(base, lambda n, browser: browser.login("m0@example.org", "wrong password!"))
    assert sorted(statuses) == [422] * 10 + [429] * 30


def test_the_account_slow_down_holds_across_workers(serve, redis_url):
    base, _ = serve(REDIS_URL=redis_url, LOGIN_LIMIT_PER_ACCOUNT_AND_IP="1000 per minute", ACCOUNT_SLOWDOWN_AFTER=10)
    statuses = _at_once(base, lambda n, browser: browser.login("m1@example.org", "wrong password!"))
    assert sorted(statuses) == [422] * 10 + [429] * 30


def test_several_workers_without_redis_warn_at_start(serve):
    _, log = serve()
    time.sleep(0.5)
    assert "MARKETPLACE_REDIS_URL" in log.read_text()
