"""Workplace knowledge as data: what tools, methods and abbreviations are.

Sentence encoders know that "negotiation" is close to "négociation"; they do not know that
Salesforce is a CRM or that a TCD is a pivot table. The glossary says so, in English and
French, and `wording.py` appends what each known term is to a skill's text before encoding.

The bundled files live in `data/glossary-*.tsv` (tab-separated: term, aliases separated by
"|", case "sensitive" or "insensitive", kind, English, French). An administrator extends them
with `instance/glossary.tsv` (same columns) through `marketplace glossary add`; the glossary's
version is part of the vector recipe, so `marketplace glossary reload` re-embeds every skill.
"""

import csv
import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("term", "aliases", "case", "kind", "en", "fr")
CASES = ("sensitive", "insensitive")
KINDS = ("tool", "method", "abbreviation")
TERM_LENGTH = 60
DESCRIPTION_LENGTH = 200
BUNDLED = Path(__file__).parent / "data"
LOCAL_FILE = "glossary.tsv"  # in the instance folder


class GlossaryError(ValueError):
    """A glossary line that cannot be used, with where it is."""


@dataclass(frozen=True)
class Term:
    """One glossary entry: its names, how they match, and what it is in English and French."""

    term: str
    aliases: tuple
    case_sensitive: bool
    kind: str
    en: str
    fr: str
    source: str  # the file it comes from

    @property
    def names(self):
        """The term and its aliases."""
        return (self.term,) + self.aliases

    def as_row(self):
        """The entry as a row of a glossary file."""
        return {"term": self.term, "aliases": "|".join(self.aliases),
                "case": "sensitive" if self.case_sensitive else "insensitive",
                "kind": self.kind, "en": self.en, "fr": self.fr}


# A term stands alone: no letter or digit touches it on either side ("C#" and "P&L" included).
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w])", r"(?![\w])"


class Glossary:
    """Terms and the two compiled patterns (case-sensitive and not) that find them."""

    def __init__(self, terms):
        self.terms = list(terms)
        self._by_name = {}
        for term in self.terms:  # in file order: a later term takes a name from an earlier one
            for name in term.names:
                key = name if term.case_sensitive else name.casefold()
                self._by_name[(term.case_sensitive, key)] = term
        self._patterns = [
            (sensitive, _pattern([n for (s, n) in self._by_name if s == sensitive], sensitive))
            for sensitive in (True, False)
        ]
        digest = hashlib.sha256()
        for term in sorted(self.terms, key=lambda t: t.term):
            digest.update("\t".join(term.as_row().values()).encode() + b"\n")
        self.version = digest.hexdigest()[:12]

    def __len__(self):
        return len(self.terms)

    def find(self, text):
        """The terms the text names, in order of first appearance, each once; where two
        names overlap ("Power BI" and "BI"), the longer one wins."""
        spans = []
        for sensitive, pattern in self._patterns:
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                key = match.group(0) if sensitive else match.group(0).casefold()
                term = self._by_name.get((sensitive, key))
                if term is not None:
                    spans.append((match.start(), match.end(), term))
        spans.sort(key=lambda span: (span[0], span[0] - span[1]))
        found, end = {}, -1
        for start, stop, term in spans:
            if start < end:
                continue  # inside a longer name already taken
            end = stop
            found.setdefault(term.term, term)
        return list(found.values())

    def lookup(self, name):
        """The term with this name or alias (exact case first), or None."""
        return self._by_name.get((True, name)) or self._by_name.get((False, name.casefold()))


def _pattern(names, sensitive):
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(f"{_EDGE_BEFORE}(?:{alternation}){_EDGE_AFTER}", 0 if sensitive else re.IGNORECASE)


def read_terms(path):
    """The terms of one TSV file; GlossaryError names the first bad line."""
    terms = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None)
        if tuple(reader.fieldnames or ()) != FIELDS:
            raise GlossaryError(f"{path}: the header must be {' '.join(FIELDS)}")
        for line, row in enumerate(reader, start=2):
            try:
                if None in row or any(row[k] is None for k in FIELDS):
                    raise GlossaryError(f"a line has exactly {len(FIELDS)} tab-separated columns")
                terms.append(make_term(**{k: row[k] for k in FIELDS}, source=Path(path).name))
            except (GlossaryError, TypeError) as error:
                raise GlossaryError(f"{path}:{line}: {error}") from None
    return terms


def make_term(term, aliases, case, kind, en, fr, source=LOCAL_FILE):
    """A checked Term: names and descriptions single-line, known case and kind."""
    values = [term or "", aliases or "", en or "", fr or ""]
    if any(ch in value for value in values for ch in "\t\r\n"):
        raise GlossaryError("fields are single-line, without tabs")
    names = [term.strip()] + [a.strip() for a in (aliases or "").split("|") if a.strip()]
    if not names[0] or any(len(n) > TERM_LENGTH for n in names):
        raise GlossaryError(f"a term has 1 to {TERM_LENGTH} characters")
    if case not in CASES:
        raise GlossaryError(f"case is one of {', '.join(CASES)}")
    if kind not in KINDS:
        raise GlossaryError(f"kind is one of {', '.join(KINDS)}")
    en, fr = " ".join(en.split()), " ".join(fr.split())
    if not en or not fr or len(en) > DESCRIPTION_LENGTH or len(fr) > DESCRIPTION_LENGTH:
        raise GlossaryError(f"English and French descriptions have 1 to {DESCRIPTION_LENGTH} characters")
    return Term(names[0], tuple(dict.fromkeys(names[1:])), case == "sensitive", kind, en, fr, source)


def glossary_files(instance_path=None):
    """The bundled files, then the instance's own file when it exists (its lines win)."""
    files = sorted(BUNDLED.glob("glossary-*.tsv"))
    if instance_path:
        local = Path(instance_path) / LOCAL_FILE
        if local.exists():
            files.append(local)
    return files


def load_glossary(files):
    """One Glossary from files read in order; a later file's term replaces an earlier one
    with the same name."""
    merged = {}
    for path in files:
        for term in read_terms(path):
            merged[term.term.casefold()] = term
    return Glossary(merged.values())


def append_term(instance_path, term):
    """Add (or replace) a term in the instance's glossary file."""
    path = Path(instance_path) / LOCAL_FILE
    rows = [t for t in read_terms(path) if t.term.casefold() != term.term.casefold()] if path.exists() else []
    rows.append(term)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS, delimiter="\t", quoting=csv.QUOTE_NONE, quotechar=None,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(t.as_row() for t in rows)
    return path


_loaded = {}
_lock = threading.Lock()


def shared_glossary(instance_path=None):
    """The bundled glossary and the instance's, read once per process (a restart or
    `forget_loaded` picks up changes; later calls neither touch the disk nor take a lock)."""
    found = _loaded.get(instance_path)
    if found is None:
        with _lock:
            if instance_path not in _loaded:
                _loaded[instance_path] = load_glossary(glossary_files(instance_path))
            found = _loaded[instance_path]
    return found


def forget_loaded():
    """Drop loaded glossaries, so the next use reads the files again."""
    with _lock:
        _loaded.clear()
