"""Skill vectors: the text-to-vector recipe, their storage, and the change log."""

import hashlib
import threading

import numpy as np
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..extensions import db
from .encoders import build_encoder
from .models import IndexState, Skill, SkillChange, SkillVector, TextVector
from .wording import WORDING_VERSION, prepared, skill_itself, with_glossary

# A skill's vector mixes its title alone and its title with the description: the title
# carries what the skill is; the description disambiguates it.
TITLE_WEIGHT = 0.5

_encoders = {}
_encoders_lock = threading.Lock()


def shared_encoder(spec, threads=1):
    """One encoder per (spec, threads) per process: models load once, on first use (later
    calls take no lock)."""
    key = (spec, threads)
    found = _encoders.get(key)
    if found is None:
        with _encoders_lock:
            if key not in _encoders:
                _encoders[key] = build_encoder(spec, threads=threads)
            found = _encoders[key]
    return found


def recipe(encoder, glossary=None):
    """The identity stored with each vector: the model(s), how texts were combined and
    worded, and the glossary's version."""
    return f"{encoder.identity}|title{TITLE_WEIGHT:g}|{WORDING_VERSION}|g:{glossary.version if glossary else '-'}"


def text_hash(direction, title, description):
    """Needs and offers are encoded differently (query / passage), so the direction counts."""
    return hashlib.sha256(f"{direction}\n{title}\n{description or ''}".encode()).hexdigest()


def kind_of(direction):
    """Needs are queries, offers are passages."""
    return "query" if direction == "learn" else "passage"


def worded(title, description, glossary):
    """The texts the encoder sees for a skill: its title, and its title with the description
    (None without one), each worded by `wording.prepared`."""
    full = with_glossary(f"{skill_itself(title)}. {description}", glossary) if description else None
    return prepared(title, glossary), full


def embed_pairs(encoder, pairs, kind="passage", glossary=None):
    """Vectors for (title, description) pairs; each distinct text is encoded once."""
    pairs = [worded(title, description, glossary) for title, description in pairs]
    unique = list(dict.fromkeys(text for pair in pairs for text in pair if text is not None))
    if not unique:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    encoded = dict(zip(unique, encoder.encode(unique, kind)))
    vectors = []
    for title, full in pairs:
        vector = encoded[title]
        if full:
            vector = TITLE_WEIGHT * vector + (1 - TITLE_WEIGHT) * encoded[full]
        vectors.append(vector)
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def prepare_vectors(encoder, texts, glossary=None):
    """Vectors for (direction, title, description) texts: {text hash: vector bytes}, taken
    from any stored vector of identical text or encoded now.

    Reads and encodes only. Call it before the transaction writes anything: on SQLite the
    first write takes the database's write lock, which nobody else gets while we encode.
    """
    identity = recipe(encoder, glossary)
    hashes = {text_hash(*text): text for text in texts}
    if not hashes:
        return {}
    known = {}
    for table in (SkillVector, TextVector):
        known.update((row.text_hash, row.vector) for row in db.session.execute(
            sa.select(table.text_hash, table.vector).where(table.encoder == identity,
                                                           table.text_hash.in_(list(set(hashes) - set(known))))))
    for direction in ("offer", "learn"):
        missing = {h: t for h, t in hashes.items() if h not in known and t[0] == direction}
        if missing:
            fresh = embed_pairs(encoder, [(title, description) for _, title, description in missing.values()],
                                kind_of(direction), glossary)
            for digest, vector in zip(missing, fresh):
                known[digest] = vector.astype(np.float32).tobytes()
    return known


def store_text_vectors(encoder, prepared, glossary=None):
    """Keep vectors of texts that are not skills (see prepare_vectors) for the next reader;
    a text another transaction stored meanwhile is left as it is."""
    if not prepared:
        return
    identity = recipe(encoder, glossary)
    stored = set(db.session.scalars(sa.select(TextVector.text_hash).where(
        TextVector.encoder == identity, TextVector.text_hash.in_(list(prepared)))))
    rows = [{"encoder": identity, "text_hash": digest, "vector": vector}
            for digest, vector in prepared.items() if digest not in stored]
    if rows:
        insert = (postgresql_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert)
        db.session.execute(insert(TextVector).values(rows).on_conflict_do_nothing())


def skill_text(skill):
    """What a skill's vector is made from: (direction, title, description)."""
    return skill.direction, skill.title, skill.description


def store_vectors(encoder, skills, glossary=None, prepared=None):
    """Store the skills' vectors from `prepared` (see prepare_vectors; computed here when
    None); returns them as float32 arrays, in the order of `skills`."""
    if not skills:
        return []
    identity = recipe(encoder, glossary)
    if prepared is None:
        prepared = prepare_vectors(encoder, [skill_text(s) for s in skills], glossary)
    existing = {
        row.skill_id: row
        for row in db.session.scalars(
            sa.select(SkillVector).where(SkillVector.skill_id.in_([s.id for s in skills]))
        )
    }
    vectors = []
    for skill in skills:
        digest = text_hash(*skill_text(skill))
        row = existing.get(skill.id) or SkillVector(skill_id=skill.id)
        row.encoder, row.text_hash, row.vector = identity, digest, prepared[digest]
        db.session.add(row)
        vectors.append(np.frombuffer(prepared[digest], dtype=np.float32))
    db.session.flush()
    return vectors


def stale_skills(encoder, glossary=None):
    """Skills without a vector from the current recipe (new model or glossary, or text
    edited elsewhere)."""
    identity = recipe(encoder, glossary)
    return (
        sa.select(Skill)
        .outerjoin(SkillVector, SkillVector.skill_id == Skill.id)
        .where(sa.or_(SkillVector.skill_id.is_(None), SkillVector.encoder != identity))
        .order_by(Skill.id)
    )


def record_change(skill_ids):
    """Bump the index version and log which skills moved, in the caller's transaction.

    The bump is one atomic UPDATE, whose row lock also orders concurrent writers.
    """
    bumped = db.session.execute(
        sa.update(IndexState).where(IndexState.id == 1).values(version=IndexState.version + 1)
    )
    if bumped.rowcount == 0:
        db.session.execute(sa.insert(IndexState).values(id=1, version=1))
    version = current_version()
    if skill_ids:
        db.session.execute(
            sa.insert(SkillChange), [{"version": version, "skill_id": i} for i in skill_ids]
        )
    return version


def current_version():
    return db.session.scalar(sa.select(IndexState.version).where(IndexState.id == 1)) or 0
