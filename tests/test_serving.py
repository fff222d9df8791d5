"""Serving with the production gunicorn settings and the real models: a restart while eight
members add skills loses nothing, and the workers share the models' memory.

The speed figures (first save after the restart, the slowest save) are printed by
`marketplace bench-http`; here only what must hold whatever the machine's load is checked.
"""

import pytest

from marketplace import create_app
from marketplace.skills.http_benchmark import Server, build_population, restart_under_writes, sign_in
from tests.conftest import BACKEND
from tests.servers import free_port

PHRASES = ["Excel pivot tables", "Négociation commerciale", "Public speaking", "TikTok marketing", "Python",
           "Prise de parole en public", "Project management", "Gestion de projet", "SQL queries", "Figma",
           "Copywriting", "Recrutement", "Budget planning", "Leadership", "Kubernetes", "Tableau", "Photoshop",
           "Lean management", "Storytelling", "Comptabilité analytique"]


@pytest.mark.real_model
@pytest.mark.skipif(BACKEND != "sqlite", reason="about the server process; the database does not matter")
def test_a_restart_under_eight_writers_fails_no_request(tmp_path):
    url = f"sqlite:///{tmp_path / 'serving.sqlite'}"
    build_population(create_app({"DATABASE_URL": url, "SQLALCHEMY_DATABASE_URI": url}), 40, PHRASES)
    server = Server(url, "default", tmp_path, free_port())
    try:
        server.wait_until_up()
        workers = server.workers()
        assert len(workers) == 2
        cookies = [sign_in(server.base, f"member{n}@bench.example") for n in range(1, 9)]
        figures = restart_under_writes(server, cookies, seconds=12, restart_after=3)
        assert figures["workers_renewed"], figures
        assert figures["saves"] > 8 and figures["failed_saves"] == 0, figures
        # The models were loaded once, in the master: the workers share those pages.
        from marketplace.serving import memory_of

        for pid in server.workers():
            memory = memory_of(pid)
            assert memory["pss_mb"] < 0.7 * memory["rss_mb"], memory
    finally:
        server.stop()
    log = (tmp_path / "gunicorn.log").read_text()
    assert "Traceback" not in log and "database is locked" not in log
