"""Small helpers shared by the page views: safe redirects, form statuses, bounded input."""

import unicodedata
from urllib.parse import urlsplit

from flask import abort, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter, UnicodeConverter
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import StopValidation

# Ids are INTEGER columns: PostgreSQL refuses anything above 2**31 - 1 ("integer out of
# range") and SQLite anything above 2**63 - 1, both as a server error. The one bound for
# ids in paths and query strings, and for page numbers.
MAX_ID = 2**31 - 1
# What multi-line fields keep of the control characters (browsers send CR LF for newlines).
MULTILINE_CONTROLS = "\t\n\r"
# Bidirectional embeddings, overrides and isolates: in a one-line name or title they reorder what
# follows on the page ("\u202egnp.exe" reads "exe.png"), so single-line fields refuse them;
# multi-line text (notes, messages) keeps them for writers who mix scripts.
# Unicode categories no text field keeps: control characters (PostgreSQL refuses a NUL, CR LF
# splits mail headers) and lone surrogates (JSON may spell one, "\ud800"; no database stores it).
UNSTORABLE = ("Cc", "Cs")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def init_app(app):
    """Bound every `<int:...>` in a route to MAX_ID and keep control characters out of
    `<string>` segments: a bigger id or a NUL matches no route, so the page is a 404."""
    app.url_map.converters["int"] = IdConverter
    app.url_map.converters["default"] = app.url_map.converters["string"] = SegmentConverter


class IdConverter(IntegerConverter):
    """`<int:...>` bounded to what the database can hold, in its pattern too: a bigger id
    matches no rule, so it is a 404 whatever the method (a value refused only after the
    pattern matched would make werkzeug answer 405 when another method's rule matches)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        bound = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits, min, bound, signed)
        if not fixed_digits and not signed:
            self.regex = digits_up_to(bound)


def digits_up_to(number):
    """A regular expression of the decimal numbers from 0 to number (leading zeros allowed)."""
    digits = str(number)
    choices = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    for place, digit in enumerate(digits):
        if digit != "0":
            rest = rf"\d{{{len(digits) - place - 1}}}" if place < len(digits) - 1 else ""
            choices.append(digits[:place] + (f"[0-{int(digit) - 1}]" if digit != "1" else "0") + rest)
    choices.append(digits)
    return "0*(?:" + "|".join(choices) + ")"


class SegmentConverter(UnicodeConverter):
    """A path segment without control characters (PostgreSQL refuses a NUL in text)."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f-\x9f]", 1)


def without_controls(text, keep=""):
    """The text without control characters (C0, DEL, C1) or lone surrogates, except those in keep."""
    return "".join(c for c in text if c in keep or unicodedata.category(c) not in UNSTORABLE)


def has_controls(text, keep=""):
    """True when the text holds a control character other than those in keep."""
    return any(c not in keep and unicodedata.category(c) in UNSTORABLE for c in text)


def id_arg(name):
    """An id from the query string; None when missing, not a whole number, or out of range."""
    return bounded_int(request.args.get(name, ""))


def page_arg(name="page"):
    """The page number of a list: 1 when missing; 400 when not a whole number from 1 to MAX_ID."""
    value = request.args.get(name)
    if value is None:
        return 1
    return bounded_int(value) or abort(400)


def bounded_int(value):
    """The whole number from 1 to MAX_ID that value spells in ASCII digits, else None."""
    # Length first: int() refuses strings of more than 4,300 digits with a ValueError.
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_ID)):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def field_errors(form):
    """A form's error messages in one line, for a flash message."""
    return "; ".join(str(message) for messages in form.errors.values() for message in messages)


def text_arg(name, max_length):
    """Free text from the query string, without control characters, at most max_length long."""
    return without_controls(request.args.get(name, ""))[:max_length].strip()


def safe_next(target):
    """Return target if it is a path on this site, else None (no open redirects)."""
    if not isinstance(target, str) or not target.startswith("/"):
        return None
    # Browsers read "\" as "/", so "/\evil" and "//evil" both leave the site.
    if target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def form_status(form):
    """422 when a submitted form was refused, 200 otherwise."""
    return 422 if form.is_submitted() and form.errors else 200


class NoControlCharacters:
    """Refuse text holding control characters: PostgreSQL cannot store a NUL, and CR LF
    in a name would split the headers of every email that quotes it."""

    message = _l("Remove the invisible control characters from this text.")

    def __init__(self, keep="", bidi=False):
        self.keep = keep
        self.bidi = bidi  # also refuse bidirectional overrides (single-line fields)

    def __call__(self, form, field):
        if not isinstance(field.data, str):
            return
        if has_controls(field.data, self.keep) or (self.bidi and not BIDI_CONTROLS.isdisjoint(field.data)):
            raise StopValidation(self.message)


class _TextGuard:
    """Form Meta that puts NoControlCharacters first on every text field."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField):
            guard = NoControlCharacters(MULTILINE_CONTROLS) if isinstance(field, TextAreaField) \
                else NoControlCharacters(bidi=True)
            field.validators = [guard, *field.validators]
        return field


class MarketplaceForm(FlaskForm):
    """Base of every posted form (CSRF-protected): text fields refuse control characters."""

    class Meta(_TextGuard):
        pass


class QueryForm(Form):
    """Base of forms read from the query string (GET: no CSRF, nothing changes), same guard."""

    class Meta(_TextGuard):
        pass
