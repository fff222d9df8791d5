"""What a programme's manager may read: statuses and aggregates, never a note, a comment, an
agenda topic or anyone's answer; and nothing at all of another manager's programme.

The world is the authorization table's: its manager runs the programme whose published pair
holds the one-to-one exchange with every marker (notes, agenda, feedback comments, written
questionnaire answers; see tests/test_authorization_matrix.py).
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from marketplace.extensions import db
from marketplace.programmes import services
from marketplace.programmes.models import MIN_ANSWERS_SHOWN
from tests.test_authorization_matrix import (
    PRIVATE_ANSWERS, PRIVATE_NOTES, ROLES, SHARED_NOTES, TABLE, TEST_CONFIG, readable, sign_in, snapshot,
)
from tests.test_authorization_matrix import database_url, world, world_template  # noqa: F401 (fixtures)

MARKERS = (*PRIVATE_NOTES, *PRIVATE_ANSWERS, *SHARED_NOTES)
MANAGER = ROLES.index("manager")


@pytest.fixture
def app_config(app_config):
    return {**app_config, **TEST_CONFIG}


def _programme_urls(world):
    base = f"/programmes/{world.values('manager')['programme']}"
    pages = [base, f"{base}/edit", f"{base}/matching", f"{base}/dashboard", "/programmes", "/notifications",
             "/dashboard"]
    downloads = [f"{base}/export/{what}.{fmt}" for what in ("pairs", "figures") for fmt in ("csv", "xlsx")]
    return base, pages, downloads


def test_the_manager_reads_no_note_comment_or_answer_on_any_page_or_download(client, world):
    sign_in(client, world, "manager")
    base, pages, downloads = _programme_urls(world)
    for url in pages + downloads:
        response = client.get(url)
        assert response.status_code == 200, url
        body = readable(response)
        response.close()
        assert [marker for marker in MARKERS if marker in body] == [], url
    # The downloads do hold the pair whose exchange has the markers (the search above is not empty).
    pairs = client.get(f"{base}/export/pairs.xlsx")
    sheet = load_workbook(io.BytesIO(pairs.data), read_only=True).active
    cells = [[str(value) for value in row if value is not None] for row in sheet.iter_rows(values_only=True)]
    assert any("owner@example.org" in row and "other@example.org" in row for row in cells)
    assert [cell for row in cells for cell in row if any(marker in cell for marker in MARKERS)] == []
    assert "owner@example.org" in readable(client.get(f"{base}/export/pairs.csv"))


def test_two_ratings_and_two_questionnaires_show_no_mean(client, world):
    """Below MIN_ANSWERS_SHOWN answers a mean is someone's answer: the figures hide it."""
    assert MIN_ANSWERS_SHOWN > 2
    sign_in(client, world, "manager")
    base, _, _ = _programme_urls(world)
    rows = list(csv.reader(io.StringIO(client.get(f"{base}/export/figures.csv").get_data(as_text=True))))
    satisfaction = [row for row in rows if row[0] == "Satisfaction (mean out of 5)"]
    assert len(satisfaction) == 6  # the meetings' ratings and the five scale questions
    assert all(row[2] == "" and row[3].startswith("Hidden") for row in satisfaction), satisfaction


def _managed_cases():
    """The table's requests that name the world's programme and that only its manager may make."""
    for (endpoint, method), cases in TABLE.items():
        for case in cases if isinstance(cases, tuple) else (cases,):
            others = case.expected[1:MANAGER]
            if "{programme}" in case.url and case.expected[MANAGER] != 404 and set(others) == {404}:
                yield pytest.param(method, case, id=f"{endpoint}-{method}-{case.label.replace(' ', '_')}")


@pytest.mark.parametrize("method,case", list(_managed_cases()))
def test_another_manager_finds_nothing_of_the_programme(client, world, method, case):
    """Managers see their own programmes only: to another one, this one does not exist."""
    services.grant_manager("stranger@example.org")
    db.session.commit()
    sign_in(client, world, "stranger")
    values = world.values("stranger")
    data = {k: [x.format(**values) for x in v] if isinstance(v, list) else v.format(**values)
            for k, v in (case.data or {}).items()}
    before = snapshot()
    response = client.open(case.url.format(**values), method=method, data=data if method == "POST" else None)
    assert response.status_code == 404
    assert snapshot() == before
    index = client.get("/programmes").get_data(as_text=True)
    assert "Executives mentor juniors" not in index
