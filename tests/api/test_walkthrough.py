"""The README's curl walkthrough, run as written: bash, curl and jq against a live server on
the demo population, with the real model (a French need must find an English offer).

Henri signs in with curl and makes a token, adds a need in French, finds Mehdi's two-way swap
among his matches and proposes it; Mehdi accepts with his own token; Henri schedules a meeting
and downloads the calendar.
"""

import os
import re
import shutil
import subprocess

import pytest
import sqlalchemy as sa

from marketplace import create_app
from marketplace.accounts.models import User
from marketplace.exchange.models import Exchange
from marketplace.extensions import db
from tests.api.test_every_page_action import README
from tests.servers import serving

pytestmark = pytest.mark.real_model
SECTION = "### A walkthrough with curl"


def walkthrough():
    """The shell block of the README's walkthrough."""
    section = README.read_text().split(SECTION, 1)[1]
    return re.search(r"```sh\n(.*?)```", section, flags=re.DOTALL).group(1)


@pytest.fixture
def app_config(app_config, demo_database_url):
    return {**app_config, "SQLALCHEMY_DATABASE_URI": demo_database_url, "RATELIMIT_ENABLED": False, "TESTING": False}


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="the walkthrough needs curl and jq")
def test_the_readme_walkthrough_works_with_curl_only(app_config, tmp_path):
    app = create_app(app_config)
    with app.app_context():  # the demo was seeded with the stand-in encoder: embed it with the model
        result = app.test_cli_runner().invoke(args=["reindex"])
        assert result.exit_code == 0, result.output
    with serving(app) as base:
        run = subprocess.run(["bash", "-c", walkthrough()], cwd=tmp_path, env={**os.environ, "BASE": base},
                             capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout + run.stderr
    assert '"status": "active"' in run.stdout and '"band": "strong"' in run.stdout
    calendar = (tmp_path / "henri-mehdi.ics").read_text()
    assert calendar.count("BEGIN:VEVENT") == 1 and "Python for data analysis" in calendar
    with app.app_context():
        henri, mehdi = (db.session.scalar(sa.select(User).filter_by(email=f"{name}@demo.passerelle.example"))
                        for name in ("henri.moreau", "mehdi.bouzid"))
        swap = db.session.scalars(sa.select(Exchange).filter_by(proposer_id=henri.id, partner_id=mehdi.id)).one()
        assert (swap.kind, swap.status, len(swap.meetings)) == ("swap", "active", 1)
        assert {t.topic for t in swap.teachings} == {"Python for data analysis",
                                                    "Présenter des chiffres à un comité de direction"}
        db.session.remove()
        db.engine.dispose()
