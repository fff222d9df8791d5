"""Exports of a programme's follow-up for HR, as CSV or XLSX: the pairs and the figures.

Statuses and aggregates only, as on the dashboard (see followup): no note, comment, agenda
topic, rating or questionnaire answer of anyone. Cells a spreadsheet would run as a formula
are neutralised; column headers are in the reader's language.
"""

import csv
import io
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..accounts.models import utcnow
from ..errors import NotFound
from ..exchange.labels import LABELS
from .followup import AT_RISK_LABELS, AT_RISK_REASONS, SECTION_TITLES, hidden_note, programme_figures

# What can be exported, with the sheet's name, and in which formats.
EXPORTS = {"pairs": _l("Pairs"), "figures": _l("Figures")}
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PAIR_COLUMNS = (_l("Mentor"), _l("Mentor e-mail"), _l("Mentee"), _l("Mentee e-mail"), _l("Match (%)"),
                _l("Topic"), _l("Exchange status"), _l("Meetings held"), _l("Meetings planned"),
                _l("Meetings in the framework"), _l("Objectives done"), _l("Objectives"), _l("At risk because"))
FIGURE_COLUMNS = (_l("Section"), _l("Figure"), _l("Value"), _l("Note"))
# A cell starting with one of these is a formula to a spreadsheet (CSV injection): it is
# written after a quote, as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60
SHEET_NAME_LENGTH = 31  # Excel's limit


def pairs_table(programme, figures=None, now=None):
    """Every pair of the programme with its progress: (header, rows), one row per pair."""
    figures = figures or programme_figures(programme, now)
    rows = []
    for progress in figures.pairs:
        pair, explanation = progress.pair, progress.pair.explanation or {}
        rows.append([
            pair.mentor.name, _email(pair.mentor), pair.mentee.name, _email(pair.mentee),
            _percent(explanation.get("percent")), _topic(explanation),
            str(LABELS["status"].get(progress.exchange_status, progress.exchange_status))
            if progress.exchange_status else _("Not published"),
            progress.meetings_held, progress.meetings_planned, progress.meetings_agreed,
            progress.objectives_done, progress.objectives_total,
            " · ".join(str(AT_RISK_LABELS[reason]) for reason in progress.reasons),
        ])
    return [str(column) for column in PAIR_COLUMNS], rows


def figures_table(programme, figures=None, now=None):
    """The dashboard's figures as (header, rows of (section, figure, value, note)); a mean
    drawn from too few answers is an empty value with a note saying why."""
    figures = figures or programme_figures(programme, now)
    rows = []
    section = str(SECTION_TITLES["participants"])
    rows += [(section, str(label), count, "") for label, count in figures.participant_rows]
    section = str(SECTION_TITLES["exchanges"])
    rows += [(section, str(label), count, "") for label, count in figures.exchange_rows]
    for section, attribute in ((_("Meetings planned per week"), "planned"), (_("Meetings held per week"), "held")):
        rows += [(section, week.label, getattr(week, attribute), "") for week in figures.weeks]
    section = str(SECTION_TITLES["objectives"])
    rows += [(section, str(label), count, "") for label, count in figures.objective_rows]
    section = str(SECTION_TITLES["satisfaction"])
    rows += [_aggregate_row(section, str(label), aggregate) for label, aggregate in figures.satisfaction_rows]
    section = str(SECTION_TITLES["at_risk"])
    rows.append((section, _("All reasons"), len(figures.at_risk), ""))
    rows += [(section, str(AT_RISK_LABELS[reason]), sum(reason in item.reasons for item in figures.at_risk), "")
             for reason in AT_RISK_REASONS]
    return [str(column) for column in FIGURE_COLUMNS], rows


def export_file(programme, what, fmt, now=None):
    """One export of the programme as a download: (file name, media type, bytes).

    Raises:
        NotFound: no such export or format.
    """
    if what not in EXPORTS or fmt not in FORMATS:
        raise NotFound(_("This export does not exist."))
    now = now or utcnow()
    table = pairs_table if what == "pairs" else figures_table
    header, rows = table(programme, now=now)
    filename = f"programme-{programme.id}-{what}-{now.date().isoformat()}.{fmt}"
    if fmt == "csv":
        return filename, FORMATS[fmt], as_csv(header, rows).encode("utf-8")
    return filename, FORMATS[fmt], as_xlsx({str(EXPORTS[what]): (header, rows)})


def as_csv(header, rows):
    """A table as CSV text, starting with a byte order mark so Excel reads the accents."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def as_xlsx(sheets):
    """A workbook of {sheet name: (header, rows)}: bold headers, columns as wide as their text."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(_sheet_name(name))
        sheet.append([_xlsx_cell(value) for value in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_xlsx_cell(value) for value in row])
        for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
            width = max((len(str(value)) for value in column if value is not None), default=8)
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def safe_cell(value):
    """A cell's value for a spreadsheet: numbers as they are, anything else as text, after a
    quote when a spreadsheet would take it for a formula."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _xlsx_cell(value):
    value = safe_cell(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet_name(name):
    return re.sub(r"[\[\]:*?/\\]", " ", str(name))[:SHEET_NAME_LENGTH] or "Sheet"


def _aggregate_row(section, label, aggregate):
    if aggregate.hidden:
        return section, label, "", hidden_note()
    # One decimal, as the page shows it: a full-precision mean compared before and after one
    # more answer would give that answer away.
    return section, label, round(aggregate.mean, 1), ngettext("%(num)s answer", "%(num)s answers", aggregate.count)


def _email(participant):
    """The member's address, or the invited address until they sign up."""
    return participant.user.email if participant.user is not None else participant.email


def _percent(value):
    """The match as a whole percentage, if the matching gave one."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value)
    return ""


def _topic(explanation):
    """What the mentee seeks and the mentor brings, as the matching explained the pair."""
    parts = []
    for key in ("seek", "bring"):
        value = explanation.get(key)
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(item) for item in value if item)
        if value and str(value) not in parts:
            parts.append(str(value))
    return " / ".join(parts)
