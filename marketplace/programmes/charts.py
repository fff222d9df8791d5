"""Charts of a programme's follow-up as inline SVG built on the server: no script, nothing
fetched from elsewhere, every label escaped. Each chart is an image with a title and a
description; pages show the same figures as a table beside it.

Colours are presentation attributes (the Content-Security-Policy refuses inline styles):
the app's ink, muted text, brand blue and dark accent green (static/css/app.css), each at
least 4.5:1 on white. Planned meetings are outlined and held ones filled, so the two differ
by shape as well as by colour.
"""

from math import ceil
from textwrap import wrap

from flask_babel import gettext as _
from markupsafe import Markup, escape

from .followup import SECTION_TITLES, hidden_note, one_decimal

INK, MUTED, GRID = "#1d2433", "#5b6478", "#e3e6ee"
BAR, HELD = "#2f5bea", "#0b7a5f"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
# viewBox sizes near the width each chart is shown at (half a card, a whole card), so text
# keeps about its size as the image scales to its box.
BARS_WIDTH, WEEKS_WIDTH = 480, 960
LINE_HEIGHT = 18  # a line of a label; long labels wrap at LABEL_CHARACTERS
LABEL_CHARACTERS = 60
ROW_GAP = 26  # the bar under its label, and the space to the next label
WEEKS_HEIGHT = 300


def bar_chart(ident, title, items, description=None, maximum=None, formatter=str, missing=""):
    """Horizontal bars, one per (label, value), the label above its bar (wrapped when long)
    and the value after it.

    Args:
        ident: unique on the page; the ids of the title and description derive from it.
        items: [(label, value)]; a value of None draws no bar and writes `missing` instead.
        maximum: the value of a full-width bar (default: the largest value).
        formatter: writes a value ("4.2", "4,2").
    """
    values = [value for _label, value in items if value is not None]
    top = maximum or max(values, default=0) or 1
    span = BARS_WIDTH - 70  # room for the value after the longest bar
    parts, y = [], 0
    for label, value in items:
        for line in wrap(str(label), LABEL_CHARACTERS) or [""]:
            parts.append(_text(8, y + 16, line, fill=INK))
            y += LINE_HEIGHT
        if value is None:
            parts.append(_text(8, y + 16, missing, fill=MUTED, size=13, italic=True))
        else:
            length = max(span * float(value) / top, 2 if value else 0)
            parts.append(f'<rect class="chart-bar" x="8" y="{y + 2}" width="{length:.1f}" height="16" rx="3" '
                         f'fill="{BAR}"/>')
            parts.append(_text(16 + length, y + 15, formatter(value), fill=INK, weight="600"))
        y += ROW_GAP
    if description is None:
        description = "; ".join(f"{label}: {missing if value is None else formatter(value)}" for label, value in items)
    return _svg(ident, title, description, BARS_WIDTH, y + 8, parts)


def weekly_chart(ident, title, weeks, description=None):
    """Meetings per week: planned ones outlined, held ones filled, side by side.

    Args:
        ident: unique on the page.
        weeks: [(week label, planned, held)], oldest first.
    """
    left, right, top, bottom = 56, 8, 40, 60
    plot_width, plot_height = WEEKS_WIDTH - left - right, WEEKS_HEIGHT - top - bottom
    highest = max([planned for _label, planned, _held in weeks] + [held for *_rest, held in weeks] + [1])
    slot = plot_width / max(len(weeks), 1)
    bar = max(slot * 0.36, 1)
    base = top + plot_height
    parts = [_legend(left, 14)]
    for tick in sorted({0, highest // 2, highest}):
        y = base - plot_height * tick / highest
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WEEKS_WIDTH - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(left - 6, y + 4, str(tick), fill=MUTED, size=12, anchor="end"))
    every = ceil(len(weeks) / 18) or 1
    for n, (label, planned, held) in enumerate(weeks):
        x = left + slot * n + slot * 0.14
        for offset, value, filled in ((0, planned, False), (bar, held, True)):
            if not value:
                continue
            h = plot_height * value / highest
            paint = f'fill="{HELD}"' if filled else f'fill="#fff" stroke="{BAR}" stroke-width="1.5"'
            parts.append(f'<rect class="chart-{"held" if filled else "planned"}" x="{x + offset:.1f}" '
                         f'y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" {paint}/>')
        if n % every == 0:
            lx, ly = x + bar, base + 14
            parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" transform="rotate(-40 {lx:.1f} {ly:.1f})" '
                         f'text-anchor="end" font-size="12" fill="{MUTED}">{escape(label)}</text>')
    if description is None:
        description = _("%(planned)s meetings planned and %(held)s held over %(weeks)s weeks.",
                        planned=sum(w[1] for w in weeks), held=sum(w[2] for w in weeks), weeks=len(weeks))
    return _svg(ident, title, description, WEEKS_WIDTH, WEEKS_HEIGHT, parts)


def dashboard_charts(figures):
    """The programme dashboard's charts of a ProgrammeFigures: {name: Markup}."""
    return {
        "participants": bar_chart("chart-participants", SECTION_TITLES["participants"], figures.participant_rows),
        "exchanges": bar_chart("chart-exchanges", SECTION_TITLES["exchanges"], figures.exchange_rows),
        "weeks": weekly_chart("chart-weeks", SECTION_TITLES["weeks"],
                              [(week.short_label, week.planned, week.held) for week in figures.weeks]),
        "objectives": bar_chart("chart-objectives", SECTION_TITLES["objectives"], figures.objective_rows),
        "satisfaction": bar_chart("chart-satisfaction", SECTION_TITLES["satisfaction"],
                                  [(label, aggregate.mean) for label, aggregate in figures.satisfaction_rows],
                                  maximum=5, formatter=one_decimal, missing=hidden_note()),
    }


def _svg(ident, title, description, width, height, parts):
    ident = escape(ident)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'font-family="{FONT}" focusable="false">'
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(description)}</desc>'
        + "".join(parts) + "</svg>")


def _text(x, y, content, fill, size=14, weight=None, italic=False, anchor=None):
    extra = (f' font-weight="{weight}"' if weight else "") + (' font-style="italic"' if italic else "") + (
        f' text-anchor="{anchor}"' if anchor else "")
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{extra}>{escape(content)}</text>'


def _legend(x, y):
    return (f'<rect x="{x}" y="{y - 10}" width="14" height="12" fill="#fff" stroke="{BAR}" stroke-width="1.5"/>'
            + _text(x + 20, y, _("Planned (held or not)"), fill=INK, size=13)
            + f'<rect x="{x + 220}" y="{y - 10}" width="14" height="12" fill="{HELD}"/>'
            + _text(x + 240, y, _("Held"), fill=INK, size=13))
