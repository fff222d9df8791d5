"""`bench-http`: the matches page served by gunicorn to many members at once.

Builds a population in a fresh database through the bulk path (rows inserted in batches,
each distinct phrase encoded once by the application's own recipe, the projection fitted as
`reindex` does), serves it with the production gunicorn settings (gunicorn.conf.py: preloaded
models, warm workers), signs in a sample of members, then drives `GET /matches` and, in the
same run, `GET /profile` at a fixed concurrency for a fixed time. Prints one JSON object.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from ..accounts.models import User
from ..accounts.passwords import hash_password
from ..extensions import db
from ..serving import memory_of
from .embeddings import kind_of, recipe, record_change, text_hash
from .engine import MatchingEngine
from .models import Skill, SkillVector
from .projection import refit_projection

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "bench-password-1"
SENIORITIES = ("junior", "mid", "senior", "executive")
DEPARTMENTS = ("Sales", "Finance", "Operations", "Marketing", "IT", "HR", "Legal")
LANGUAGES = (["fr", "en"], ["fr"], ["en"], ["en", "de"])
SKILLS_PER_MEMBER = (2, 5)  # offers and needs each: 2-4, about six skills a member
BATCH = 5000  # rows per INSERT


def build_population(app, members, phrases, seed=11, progress=None):
    """Fill the app's (empty) database with `members` members and their skills; returns the
    number of skills. Phrases are drawn at random; each distinct one is encoded once."""
    rng = np.random.default_rng(seed)
    with app.app_context():
        db.create_all()
        engine = MatchingEngine(app.config)
        identity = recipe(engine.encoder, engine.glossary)
        password_hash = hash_password(PASSWORD)
        for first in range(0, members, BATCH):
            db.session.execute(sa.insert(User), [{
                "email": f"member{n}@bench.example", "password_hash": password_hash,
                "display_name": f"Member {n}", "job_title": "", "seniority": SENIORITIES[n % 4],
                "department": DEPARTMENTS[n % len(DEPARTMENTS)], "languages": LANGUAGES[n % len(LANGUAGES)],
                "timezone": "Europe/Paris", "locale": "fr" if n % 2 else "en",
            } for n in range(first + 1, min(first + BATCH, members) + 1)])
        owners = db.session.scalars(sa.select(User.id).order_by(User.id)).all()
        skills = []
        for direction in ("offer", "learn"):
            counts = rng.integers(*SKILLS_PER_MEMBER, size=len(owners))
            for owner, count in zip(owners, counts):
                for index in rng.choice(len(phrases), size=count, replace=False):
                    skills.append((owner, direction, phrases[index]))
        vectors = {}
        for direction in ("offer", "learn"):
            distinct = sorted({title for _, d, title in skills if d == direction})
            encoded = engine.embed([(title, "") for title in distinct], kind_of(direction))
            vectors.update({(direction, title): v.tobytes() for title, v in zip(distinct, encoded)})
            if progress:
                progress(f"{len(distinct)} {direction} phrases encoded")
        for first in range(0, len(skills), BATCH):
            batch = skills[first:first + BATCH]
            ids = db.session.execute(sa.insert(Skill).returning(Skill.id, sort_by_parameter_order=True), [
                {"owner_id": owner, "direction": direction, "title": title, "description": "",
                 "level": 3, "formats": ["one_to_one"]} for owner, direction, title in batch]).scalars().all()
            db.session.execute(sa.insert(SkillVector), [
                {"skill_id": skill_id, "encoder": identity, "text_hash": text_hash(direction, title, ""),
                 "vector": vectors[(direction, title)]} for skill_id, (_, direction, title) in zip(ids, batch)])
        record_change([])
        config = app.config
        if config["MATCHING_INDEX_DIM"]:
            refit_projection(identity, config["MATCHING_INDEX_DIM"], config["MATCHING_PROJECTION_MIN_OFFERS"])
        MatchingEngine(config).prepare_shared_index()
        db.session.commit()
        db.engine.dispose()
    return len(skills)


class Server:
    """gunicorn with the production settings (gunicorn.conf.py) on a local port."""

    def __init__(self, database_url, encoder, folder, port):
        self.base = ("127.0.0.1", port)
        env = {**os.environ, "MARKETPLACE_DATABASE_URL": database_url, "MARKETPLACE_SECRET_KEY": "bench-http",
               "MARKETPLACE_MATCHING_ENCODER": encoder,
               # What is measured is serving; sign-in limits would refuse the sample's logins.
               "MARKETPLACE_RATELIMIT_ENABLED": "false"}
        self.log = open(Path(folder) / "gunicorn.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}",
             "marketplace:create_app()"], env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_up(self, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            try:
                status, _, _ = request(self.base, "GET", "/login")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def workers(self):
        """The worker processes' ids (the master's children)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                state, parent = stat.rsplit(")", 1)[1].split()[:2]
                if int(parent) == self.process.pid and state != "Z":  # exited, not yet reaped
                    found.append(int(entry.name))
        return found

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def request(base, method, path, body=None, cookie=None, connection=None):
    """One HTTP request: (status, headers, body)."""
    own = connection is None
    connection = connection or http.client.HTTPConnection(*base, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        if own:
            connection.close()


def sign_in(base, email):
    """The Cookie header of a signed-in session."""
    status, headers, page = request(base, "GET", "/login")
    cookies = _cookies(headers)
    token = re.search(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1).decode()
    form = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": PASSWORD})
    status, headers, _ = request(base, "POST", "/login", form, "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if status != 302:
        raise RuntimeError(f"sign-in of {email} answered {status}")
    cookies.update(_cookies(headers))
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def _cookies(headers):
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, val = pair.partition("=")
            found[key.strip()] = val.strip()
    return found


def drive(base, path, cookies, seconds, concurrency):
    """GET path for each member in turn from `concurrency` keep-alive connections for
    `seconds`: throughput, latency percentiles and errors (any answer but 200)."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset):
        connection = http.client.HTTPConnection(*base, timeout=60)
        mine, done, failed = [], 0, 0
        while time.monotonic() < deadline:
            cookie = cookies[(offset + done) % len(cookies)]
            began = time.perf_counter()
            try:
                status, _, _ = request(base, "GET", path, cookie=cookie, connection=connection)
            except (OSError, http.client.HTTPException):
                status = None
                connection.close()
                connection = http.client.HTTPConnection(*base, timeout=60)
            mine.append((time.perf_counter() - began) * 1000)
            failed += status != 200
            done += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i * 7,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    values = np.asarray(latencies or [0.0])
    return {
        "requests": len(latencies), "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(float(np.percentile(values, 50)), 1), "p95_ms": round(float(np.percentile(values, 95)), 1),
        "p99_ms": round(float(np.percentile(values, 99)), 1), "errors": errors[0],
    }


def csrf_of(base, path, cookie):
    """The CSRF token of a form page, as this session sees it."""
    _, _, page = request(base, "GET", path, cookie=cookie)
    return re.search(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1).decode()


def restart_under_writes(server, cookies, seconds=12, restart_after=3):
    """Writers (one per session) add skills without pause; `restart_after` seconds in, the
    master gets HUP (new workers fork from it, the old ones finish what they serve). Returns
    the failed writes and, once every worker is new, the first save's and the slowest save's
    time. Like a browser, a writer sends a request again, once, when the kept-alive
    connection it reused turns out closed by a leaving worker before any answer came."""
    tokens = [csrf_of(server.base, "/skills/new/offer", cookie) for cookie in cookies]
    saves, lock = [], threading.Lock()  # (finished at, took ms, status)
    deadline = time.monotonic() + seconds

    def writer(number):
        connection, done = http.client.HTTPConnection(*server.base, timeout=60), 0
        while time.monotonic() < deadline:
            form = urllib.parse.urlencode({"csrf_token": tokens[number], "title": f"Skill {number}-{done} {time.time()}",
                                           "description": "", "level": "3", "formats": "one_to_one", "add_anyway": "y"})
            began = time.monotonic()
            status = None
            for fresh in (done == 0, True):
                try:
                    status, _, _ = request(server.base, "POST", "/skills/new/offer", form, cookies[number], connection)
                    break
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(*server.base, timeout=60)
                    # As browsers do: a kept-alive connection the server closed while idle
                    # (a worker leaving) is retried once on a new one; a new one is not.
                    if fresh:
                        break
            with lock:
                saves.append((time.monotonic(), (time.monotonic() - began) * 1000, status, began))
            done += 1
        connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(len(cookies))]
    for thread in threads:
        thread.start()
    time.sleep(restart_after)
    old = set(server.workers())
    server.process.send_signal(signal.SIGHUP)
    renewed = None
    while time.monotonic() < deadline and renewed is None:
        current = set(server.workers())
        if current and not current & old and len(current) == len(old):
            renewed = time.monotonic()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    after = sorted((began, took) for _, took, _, began in saves if renewed is not None and began >= renewed)
    return {
        "writers": len(cookies), "saves": len(saves), "failed_saves": sum(status != 302 for _, _, status, _ in saves),
        "workers_renewed": renewed is not None,
        "first_save_after_restart_ms": round(after[0][1], 1) if after else None,
        "slowest_save_ms": round(max(took for _, took, _, _ in saves), 1) if saves else None,
    }


def run_http_benchmark(app_factory, members, phrases, *, seconds=20, concurrency=8, sample=50, port=8765,
                       folder=None, progress=None, restart_writers=0):
    """Build, serve, sign in, drive both pages; the figures as one dict."""
    folder = folder or tempfile.mkdtemp(prefix="bench-http-")
    database = Path(folder) / "bench.sqlite"
    database_url = f"sqlite:///{database}"
    app = app_factory(database_url)
    started = time.perf_counter()
    if database.exists():  # a population built by an earlier run with the same options
        with app.app_context():
            skills = db.session.scalar(sa.select(sa.func.count(Skill.id)))
            members = db.session.scalar(sa.select(sa.func.count(User.id)))
            db.engine.dispose()
    else:
        skills = build_population(app, members, phrases, progress=progress)
    build_s = time.perf_counter() - started
    server = Server(database_url, app.config["MATCHING_ENCODER"], folder, port)
    try:
        started = time.perf_counter()
        server.wait_until_up()
        start_s = time.perf_counter() - started
        chosen = np.random.default_rng(5).choice(np.arange(1, members + 1), size=min(sample, members), replace=False)
        cookies = [sign_in(server.base, f"member{n}@bench.example") for n in chosen.tolist()]
        drive(server.base, "/matches", cookies, 3, concurrency)  # both workers serving, caches warm
        matches = drive(server.base, "/matches", cookies, seconds, concurrency)
        profile = drive(server.base, "/profile", cookies, seconds, concurrency)
        workers = [memory_of(pid) for pid in server.workers()]
        master = memory_of(server.process.pid)
        restart = restart_under_writes(server, cookies[:restart_writers]) if restart_writers else {}
    finally:
        server.stop()
    return {
        "members": members, "skills": skills, "encoder": app.config["MATCHING_ENCODER"],
        "build_s": round(build_s, 1), "server_start_s": round(start_s, 1),
        "concurrency": concurrency, "seconds": seconds, "sampled_members": len(cookies),
        **matches,
        "profile_rps": profile["rps"], "profile_p50_ms": profile["p50_ms"], "profile_p95_ms": profile["p95_ms"],
        "profile_p99_ms": profile["p99_ms"], "profile_errors": profile["errors"],
        "matches_to_profile": round(matches["rps"] / profile["rps"], 3) if profile["rps"] else None,
        "worker_rss_mb": [w["rss_mb"] for w in workers], "worker_pss_mb": [w["pss_mb"] for w in workers],
        "master_rss_mb": master["rss_mb"], "master_pss_mb": master["pss_mb"],
        **{f"restart_{key}": value for key, value in restart.items()},
        "folder": str(folder),
    }
