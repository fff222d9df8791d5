"""Exports of a programme's follow-up: the pairs and the figures as CSV and XLSX, with nothing
members wrote, no one's rating, and no cell a spreadsheet would run as a formula."""

import csv
import io
import re
from datetime import datetime

import openpyxl
import pytest

from marketplace.exchange.models import AgendaItem, MeetingNote
from marketplace.extensions import db
from marketplace.programmes import exports, followup
from tests.programmes.test_followup import make_programme  # noqa: F401  (the fixture)
from tests.conftest import statements_sent
from tests.programmes.test_followup import NOW, evaluate, meeting, rate

NOTE, PRIVATE_NOTE = "Shared note: salary of Bob", "Private note: I want to leave"
COMMENT, AGENDA, EVALUATION = "Comment: the mentor is always late", "Agenda: my divorce", "Evaluation: HR is useless"
SECRETS = (NOTE, PRIVATE_NOTE, COMMENT, AGENDA, EVALUATION)


def read_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(data):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return workbook, {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
                      for sheet in workbook.worksheets}


@pytest.fixture
def written(make_programme):
    """A programme whose pairs wrote notes (shared and private), a comment, an agenda and the
    questionnaire's free text; one mentor's name starts like a formula."""
    built = make_programme(pairs=3)
    first = built.pairs[0]
    first.mentor.user.display_name = '=HYPERLINK("http://evil.example","Click")'
    held = meeting(first, datetime(2026, 10, 8, 12))
    rate(held, first.mentee.user, 2, COMMENT)
    rate(held, first.mentor.user, 1)
    db.session.add_all([
        MeetingNote(meeting_id=held.id, author_id=first.mentee.user.id, text=NOTE),
        MeetingNote(meeting_id=held.id, author_id=first.mentor.user.id, text=PRIVATE_NOTE, private=True),
        AgendaItem(meeting_id=held.id, author_id=first.mentee.user.id, text=AGENDA),
    ])
    evaluate(first, first.mentee.user, 1, EVALUATION)
    db.session.commit()
    return built


def test_pairs_export_lists_every_pair(written):
    header, rows = exports.pairs_table(written.programme, now=NOW)
    text = exports.as_csv(header, rows)
    table = read_csv(text)
    workbook, sheets = read_xlsx(exports.as_xlsx({"Pairs": (header, rows)}))

    assert table[0] == header and header[:4] == ["Mentor", "Mentor e-mail", "Mentee", "Mentee e-mail"]
    assert sheets["Pairs"][0] == header
    assert len(table) == len(sheets["Pairs"]) == 1 + 3
    for pair, line, cells in zip(written.pairs, table[1:], sheets["Pairs"][1:]):
        assert pair.mentee.user.email in line and pair.mentee.user.email in cells
        assert pair.mentor.user.email in line and pair.mentor.user.email in cells
        assert pair.mentee.name in line
    first = dict(zip(header, table[1]))
    assert first["Match (%)"] == "80" and first["Topic"] == "Negotiation 0 / Negotiation"
    assert first["Exchange status"] == "Active" and first["Meetings held"] == "1"
    assert first["At risk because"] == "No meeting held for twice the agreed rhythm · Low meeting ratings"
    sheet = workbook["Pairs"]
    assert sheet["A1"].font.b and sheet.column_dimensions["B"].width > 10


def test_formula_cells_are_neutralised(written):
    header, rows = exports.pairs_table(written.programme, now=NOW)
    evil = '=HYPERLINK("http://evil.example","Click")'

    line = read_csv(exports.as_csv(header, rows))[1]
    assert line[0] == "'" + evil
    workbook, sheets = read_xlsx(exports.as_xlsx({"Pairs": (header, rows)}))
    assert sheets["Pairs"][1][0] == "'" + evil
    assert workbook["Pairs"]["A2"].data_type == "s"  # text, not a formula


@pytest.mark.parametrize("value, written_as", [
    ("=1+1", "'=1+1"), ("+33 6 12", "'+33 6 12"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"), ("\rcmd", "'\rcmd"), ("Zoë", "Zoë"), ("a=b", "a=b"), (None, ""), (-2, -2), (4.5, 4.5),
])
def test_safe_cell(value, written_as):
    assert exports.safe_cell(value) == written_as


def test_nothing_written_by_members_is_exported_or_read(written):
    db.session.expire_all()  # what followup reads must come from its own statements
    programme = written.programme
    with statements_sent() as sent:
        figures = followup.programme_figures(programme, now=NOW)
        pairs = exports.pairs_table(programme, now=NOW)
        table = exports.figures_table(programme, now=NOW)
    outputs = [exports.as_csv(*pairs), exports.as_csv(*table), repr(figures), str(figures.charts())]
    for header, rows in (pairs, table):
        _workbook, sheets = read_xlsx(exports.as_xlsx({"Sheet": (header, rows)}))
        outputs.append(repr(sheets))
    for secret in SECRETS:
        assert not any(secret in output for output in outputs), secret

    statements = " ".join(sent).lower()
    assert "meeting_notes" not in statements
    assert "comment" not in statements
    assert "meeting_agenda_items.text" not in statements
    assert "evaluation_answers.text" not in statements
    # Ratings and scores are selected only inside an aggregate, never one by one.
    selected = " ".join(re.findall(r"select\s(.*?)\sfrom\s", statements, flags=re.S))
    bare = re.sub(r"(avg|count)\((meeting_feedback\.rating|evaluation_answers\.score)\)", "", selected)
    assert "avg(meeting_feedback.rating)" in selected
    assert "meeting_feedback.rating" not in bare and "evaluation_answers.score" not in bare


def test_figures_export_hides_aggregates_of_too_few_answers(written):
    header, rows = exports.figures_table(written.programme, now=NOW)
    by_label = {(section, label): (value, note) for section, label, value, note in rows}

    assert header == ["Section", "Figure", "Value", "Note"]
    # Two ratings (2 and 1) and one questionnaire: every mean is hidden, never written.
    assert by_label[("Satisfaction (mean out of 5)", "Meeting ratings")] == ("", "Hidden: fewer than 5 answers")
    assert by_label[("Satisfaction (mean out of 5)", "I felt listened to.")] == ("", "Hidden: fewer than 5 answers")
    assert by_label[("Participants", "Application answered")] == (6, "")
    assert by_label[("Pairs at risk", "All reasons")] == (3, "")
    text = exports.as_csv(header, rows)
    assert "1.5" not in text
    _workbook, sheets = read_xlsx(exports.as_xlsx({"Figures": (header, rows)}))
    assert ["Satisfaction (mean out of 5)", "Meeting ratings", None, "Hidden: fewer than 5 answers"] in sheets["Figures"]


def test_figures_export_shows_aggregates_from_five_answers(make_programme):
    built = make_programme(pairs=3)
    held = {pair.id: meeting(pair, datetime(2026, 10, 8, 12)) for pair in built.pairs}
    for pair in built.pairs:
        rate(held[pair.id], pair.mentor.user, 4)
        rate(held[pair.id], pair.mentee.user, 5)
    db.session.commit()

    header, rows = exports.figures_table(built.programme, now=NOW)
    by_label = {(section, label): (value, note) for section, label, value, note in rows}

    assert by_label[("Satisfaction (mean out of 5)", "Meeting ratings")] == (pytest.approx(4.5), "6 answers")


def test_export_file(written):
    name, mimetype, data = exports.export_file(written.programme, "pairs", "csv", now=NOW)
    assert name == f"programme-{written.programme.id}-pairs-2026-11-26.csv" and mimetype.startswith("text/csv")
    assert data.startswith("\ufeff".encode()) and written.pairs[1].mentee.user.email.encode() in data

    name, mimetype, data = exports.export_file(written.programme, "figures", "xlsx", now=NOW)
    assert name.endswith(".xlsx") and "spreadsheetml" in mimetype
    assert read_xlsx(data)[1]["Figures"][0] == ["Section", "Figure", "Value", "Note"]


def test_export_headers_in_the_readers_language(app, written):
    for language, objectives, active in (("fr", "Objectifs", "Actif"), ("en", "Objectives", "Active")):
        with app.app_context(), app.test_request_context(headers={"Accept-Language": language}):
            header, rows = exports.pairs_table(written.programme, now=NOW)
            assert (header[11], rows[0][6]) == (objectives, active)


def test_unknown_export_is_not_found(written):
    from marketplace.errors import NotFound

    for what, fmt in (("notes", "csv"), ("pairs", "pdf")):
        with pytest.raises(NotFound):
            exports.export_file(written.programme, what, fmt, now=NOW)


def test_statements_of_an_export_do_not_grow_with_pairs(make_programme):
    counts = {}
    for pairs in (2, 12):
        built = make_programme(pairs=pairs)
        db.session.expire_all()
        with statements_sent() as sent:
            exports.export_file(built.programme, "pairs", "xlsx", now=NOW)
        counts[pairs] = len(sent)
    assert counts[12] == counts[2], counts
