"""Never overbooked: 50 members join an 8-seat cohort at the same moment, through gunicorn
(several worker processes and threads) on the database under test, twenty times over."""

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.exchange import cohorts
from marketplace.exchange.models import CohortSeat
from marketplace.extensions import db
from marketplace.skills import services as skills
from tests.conftest import PASSWORD, _hash
from tests.servers import Browser, free_port, wait_until_up

REPEATS = 20
CROWD = 50
SEATS = 8


class MemberBrowser(Browser):
    """One member's session: cookies and the CSRF token of their pages."""

    token = None

    def login(self, email):
        """Sign in, then keep the token of the member's pages for later posts."""
        status, _ = self.request("/login", {"email": email, "password": PASSWORD,
                                            "csrf_token": self.csrf_token("/login")})
        assert status == 302
        self.token = self.csrf_token("/profile")

    def post(self, path):
        """Press a button: POST with nothing but the token."""
        return self.request(path, {"csrf_token": self.token})[0]


@pytest.fixture
def site(database_url, tmp_path):
    """The database with a mentor and a crowd, served by gunicorn: (base url, app)."""
    app = create_app({"SECRET_KEY": "concurrency", "SQLALCHEMY_DATABASE_URI": database_url, "MAIL_DELIVERY": "inline"})
    with app.app_context():
        db.create_all()
        mentor = User(email="mentor@example.org", display_name="Mentor", password_hash=_hash(PASSWORD))
        crowd = [User(email=f"m{i}@example.org", display_name=f"M{i:02d}", password_hash=_hash(PASSWORD))
                 for i in range(CROWD)]
        db.session.add_all([mentor, *crowd])
        db.session.flush()
        skills.add_skill(mentor, "offer", "Prompting AI assistants", reindex=False)
        db.session.commit()
    port = free_port()
    env = {**os.environ, "MARKETPLACE_DATABASE_URL": database_url, "MARKETPLACE_SECRET_KEY": "concurrency",
           "MARKETPLACE_MATCHING_ENCODER": "hashing"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "3", "--threads", "4", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "marketplace:create_app()"],
        env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base, app
    finally:
        server.terminate()
        server.wait(timeout=30)
        with app.app_context():
            db.engine.dispose()


def test_fifty_join_eight_seats_at_once(site):
    base, app = site
    browsers = _logged_in(base, [f"m{i}@example.org" for i in range(CROWD)])
    for _ in range(REPEATS):
        cohort_id = _open_cohort(app)
        barrier = threading.Barrier(CROWD)

        def join(browser):
            barrier.wait()
            return browser.post(f"/cohorts/{cohort_id}/join")

        with ThreadPoolExecutor(CROWD) as pool:
            answers = list(pool.map(join, browsers))
        assert answers == [302] * CROWD
        seats = _seats(app, cohort_id)
        assert len(seats) == CROWD  # nothing lost
        assert [s for _, s in seats].count("seated") == SEATS
        assert [s for _, s in seats].count("waitlisted") == CROWD - SEATS


def test_removal_during_a_rush_respects_the_waitlist(site):
    base, app = site
    mentor, *browsers = _logged_in(base, ["mentor@example.org"] + [f"m{i}@example.org" for i in range(23)])
    for _ in range(REPEATS):
        cohort_id = _open_cohort(app)
        for browser in browsers[:13]:  # 8 seated, then 5 waiting in a known order
            assert browser.post(f"/cohorts/{cohort_id}/join") == 302
        before = _seats(app, cohort_id)
        waiting = [name for name, status in before if status == "waitlisted"]
        removed_id = _member_id(app, "m0@example.org")
        barrier = threading.Barrier(11)

        def act(job):
            barrier.wait()
            return job()

        jobs = [lambda: mentor.post(f"/cohorts/{cohort_id}/participants/{removed_id}/remove")]
        jobs += [lambda b=b: b.post(f"/cohorts/{cohort_id}/join") for b in browsers[13:23]]
        with ThreadPoolExecutor(11) as pool:
            assert list(pool.map(act, jobs)) == [302] * 11
        after = _seats(app, cohort_id)
        seated = [name for name, status in after if status == "seated"]
        queue = [name for name, status in after if status == "waitlisted"]
        assert len(seated) == SEATS and waiting[0] in seated  # the first in line got the seat
        assert queue[:4] == waiting[1:]  # the others kept their places
        assert sorted(queue[4:]) == [f"M{i:02d}" for i in range(13, 23)]


def _open_cohort(app):
    with app.app_context():
        mentor = db.session.scalar(sa.select(User).filter_by(email="mentor@example.org"))
        cohort = cohorts.open_cohort(mentor, mentor.offers[0], "Prompting", SEATS, objectives=["Prompts"])
        db.session.commit()
        return cohort.id


def _seats(app, cohort_id):
    with app.app_context():
        rows = db.session.execute(
            sa.select(User.display_name, CohortSeat.status).join(CohortSeat, CohortSeat.member_id == User.id)
            .where(CohortSeat.cohort_id == cohort_id).order_by(CohortSeat.queued_at, CohortSeat.id)).all()
        return [(name, status) for name, status in rows]


def _member_id(app, email):
    with app.app_context():
        return db.session.scalar(sa.select(User.id).filter_by(email=email))


def _logged_in(base, emails):
    browsers = [MemberBrowser(base) for _ in emails]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda pair: pair[0].login(pair[1]), zip(browsers, emails)))
    return browsers
