"""The lexical half of search: words, stemmed in French and English, in the database's own
full-text index (SQLite FTS5, PostgreSQL full-text search).

Each skill has one row in `skill_terms`: the stems of its title and description and of what
the glossary says its terms are, so "tableurs" finds an offer titled "Excel" (the glossary
says Excel is a "tableur") and "TCD" finds "Tableaux croisés dynamiques". Stemming happens
here, in Python, with the same Snowball stemmers for both databases; the databases index the
stems as plain words ('simple' configuration, unicode61 tokenizer).
"""

import re
import threading
import unicodedata

import snowballstemmer
import sqlalchemy as sa

from ..extensions import db
from .models import Skill, SkillTerms
from .wording import skill_itself

# Bump when the rules below change: rows of another version are rebuilt by `reindex`.
TERMS_VERSION = "t1"
QUERY_TERMS = 24  # at most this many distinct stems of a search reach the database

_STOPWORDS = set("""
a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me mes moi mon
ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
votre vous c d j l m n s t y été être avoir est sont comme plus faire
an and are as at be by for from has have how i in into is it its my of on or our that the their
this to we what with you your can do get use using want
""".split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmers = threading.local()


def _stem(words):
    if not hasattr(_stemmers, "pair"):
        _stemmers.pair = (snowballstemmer.stemmer("english"), snowballstemmer.stemmer("french"))
    english, french = _stemmers.pair
    return english.stemWords(words), french.stemWords(words)


def _fold(word):
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())


def stems(text):
    """The text's words as stems: casefolded, stop words out, each word stemmed as English
    and as French (both kept when they differ), accents folded. Only [a-z0-9] survive."""
    words = [w for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS]
    english, french = _stem(words)
    result = []
    for word, en, fr in zip(words, english, french):
        for stem in dict.fromkeys((_fold(en), _fold(fr))):
            if stem and (len(stem) > 1 or word.isdigit()):
                result.append(stem)
    return result


def terms_of(title, description, glossary):
    """What the lexical index holds for a skill: its own stems, then the stems of what each
    glossary term it names is (names included, in both languages)."""
    text = f"{skill_itself(title)} {description or ''}"
    found = glossary.find(text) if glossary is not None else []
    notes = " ".join(f"{t.term} {' '.join(t.aliases)} {t.en} {t.fr}" for t in found)
    return " ".join(stems(f"{text} {notes}"))


def query_stems(text, glossary):
    """The distinct stems a search looks for (the glossary expands known terms)."""
    return list(dict.fromkeys(terms_of(text, "", glossary).split()))[:QUERY_TERMS]


def store_terms(skills, glossary):
    """Write the skills' rows in the lexical index (in the caller's transaction)."""
    if not skills:
        return
    version = terms_version(glossary)
    ids = [s.id for s in skills]
    db.session.execute(sa.delete(SkillTerms).where(SkillTerms.skill_id.in_(ids)))
    db.session.execute(sa.insert(SkillTerms), [
        {"skill_id": s.id, "terms": terms_of(s.title, s.description, glossary), "version": version} for s in skills
    ])


def terms_version(glossary):
    """The rules' version and the glossary's: rows of another version are stale."""
    return f"{TERMS_VERSION}|g:{glossary.version if glossary else '-'}"


def stale_terms(glossary):
    """Skills whose lexical row is missing or was made with other rules or another glossary."""
    return (
        sa.select(Skill)
        .outerjoin(SkillTerms, SkillTerms.skill_id == Skill.id)
        .where(sa.or_(SkillTerms.skill_id.is_(None), SkillTerms.version != terms_version(glossary)))
        .order_by(Skill.id)
    )


def search_skills(text, glossary, direction="offer", limit=200):
    """Skill ids of a direction whose words match the search, best first (BM25 on SQLite,
    ts_rank on PostgreSQL); any stem may match, more and rarer ones rank higher."""
    wanted = query_stems(text, glossary)
    if not wanted:
        return []
    if db.engine.dialect.name == "postgresql":
        query = sa.text(
            "SELECT t.skill_id FROM skill_terms t JOIN skills s ON s.id = t.skill_id "
            "WHERE s.direction = :direction AND to_tsvector('simple', t.terms) @@ to_tsquery('simple', :q) "
            "ORDER BY ts_rank(to_tsvector('simple', t.terms), to_tsquery('simple', :q)) DESC, t.skill_id "
            "LIMIT :limit"
        )
        q = " | ".join(wanted)
    else:
        query = sa.text(
            "SELECT f.rowid FROM skill_terms_fts f JOIN skills s ON s.id = f.rowid "
            "WHERE skill_terms_fts MATCH :q AND s.direction = :direction "
            "ORDER BY bm25(skill_terms_fts), f.rowid LIMIT :limit"
        )
        q = " OR ".join(f'"{stem}"' for stem in wanted)
    return list(db.session.scalars(query, {"q": q, "direction": direction, "limit": limit}))
