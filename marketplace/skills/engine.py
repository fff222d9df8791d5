"""The per-process matching engine: the encoder and the offer and need indexes, kept in
step with the database through the index version."""

import threading
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from .calibration import calibration_for, calibration_key, fallback
from .embeddings import TITLE_WEIGHT, embed_pairs, recipe, shared_encoder
from .glossary import shared_glossary
from .index import create_index
from .models import IndexState, Skill, SkillChange, SkillVector
from .projection import current_projection


@dataclass(frozen=True)
class IndexedSkill:
    owner_id: int
    direction: str


class MatchingEngine:
    """Holds what matching needs in memory; `refresh()` before each use makes it current."""

    def __init__(self, config, namespace="matching"):
        self.namespace = namespace  # names the tables of a shared (pgvector) index
        self.encoder_spec = config["MATCHING_ENCODER"]
        self.threads = config.get("MATCHING_THREADS", 1)
        self.backend = config.get("MATCHING_INDEX", "auto")
        self.use_glossary = config.get("MATCHING_GLOSSARY", True)
        self.version = None
        self.projection_id = None
        self.recipe = None  # the encoder recipe the index was built with
        self.projection = None  # (d_in, d_out) matrix, or None for full vectors
        self.baseline = None  # unrelated-pair cosine; None: the encoder's own
        self._lock = threading.RLock()
        self.offers = self.needs = None
        self.skills = {}  # skill id -> IndexedSkill
        self.by_owner = {}  # owner id -> {"offer": set(ids), "learn": set(ids)}

    @property
    def encoder(self):
        return shared_encoder(self.encoder_spec, self.threads)

    @property
    def glossary(self):
        """The workplace glossary applied before encoding (None when switched off)."""
        return shared_glossary(current_app.instance_path) if self.use_glossary else None

    @property
    def identity(self):
        """The recipe stored vectors must have been made with."""
        return recipe(self.encoder, self.glossary)

    @property
    def calibration(self):
        """The recipe's map from cosine to relevance probability, and its display threshold."""
        if self.baseline is not None:  # set by hand (tests, hand-made vectors): plain rescaled cosines
            return fallback(calibration_key(self.encoder, TITLE_WEIGHT), self.baseline)
        return calibration_for(calibration_key(self.encoder, TITLE_WEIGHT), self.encoder.baseline)

    def embed(self, pairs, kind, glossary=True):
        """Vectors of (title, description) pairs with this engine's recipe, in encoder space;
        glossary=False words them without the glossary (comparing two skills on one tool)."""
        return embed_pairs(self.encoder, pairs, kind, self.glossary if glossary else None)

    def index_for(self, direction):
        return self.offers if direction == "offer" else self.needs

    def refresh(self):
        """Rebuild or patch the indexes when another request (or process) changed skills."""
        state = db.session.execute(
            sa.select(IndexState.version, IndexState.projection_id).where(IndexState.id == 1)
        ).first()
        version, projection_id = state if state else (0, None)
        current_recipe = self.identity
        if version == self.version and current_recipe == self.recipe:
            return
        with self._lock:
            if (self.version is None or version < self.version or projection_id != self.projection_id
                    or current_recipe != self.recipe):
                self.projection_id = projection_id
                self._rebuild()
            else:
                changed = db.session.scalars(
                    sa.select(SkillChange.skill_id).where(SkillChange.version > self.version).distinct()
                ).all()
                self._patch(changed)
            self.version = version

    @property
    def shared(self):
        """True when the index lives in the database (written once, by the writer)."""
        return self.offers is not None and self.offers.shared

    def _rows(self, skill_ids=None, vectors=True):
        columns = [Skill.id, Skill.owner_id, Skill.direction] + ([SkillVector.vector] if vectors else [])
        query = (
            sa.select(*columns)
            .join(SkillVector, SkillVector.skill_id == Skill.id)
            .where(SkillVector.encoder == self.identity)
        )
        if skill_ids is not None:
            query = query.where(Skill.id.in_(skill_ids))
        return db.session.execute(query).all()

    def _rebuild(self):
        self.recipe = self.identity
        self.projection = current_projection(self.recipe)
        self.create_indexes(self._index_dim())
        if not self.shared:
            self._apply(self._rows(), (), store=True)
            return
        if len(self.offers) + len(self.needs) == 0:
            # A new table (first start on this database, or a new projection): fill it once.
            self._apply(self._rows(), (), store=True)
        else:
            self._apply(self._rows(vectors=False), (), store=False)

    def _patch(self, skill_ids):
        for start in range(0, len(skill_ids), 500):
            batch = skill_ids[start:start + 500]
            rows = self._rows(batch, vectors=not self.shared)
            present = {row.id for row in rows}
            self._apply(rows, [i for i in batch if i not in present], store=not self.shared)

    def _apply(self, rows, removed, store):
        self.forget(list(removed) + [row.id for row in rows], store=store)
        for direction in ("offer", "learn"):
            chosen = [row for row in rows if row.direction == direction]
            if not chosen:
                continue
            vectors = None
            if store:
                vectors = np.frombuffer(b"".join(row.vector for row in chosen), dtype=np.float32)
                vectors = vectors.reshape(len(chosen), -1)
            self.load(direction, [row.id for row in chosen], [row.owner_id for row in chosen], vectors)

    def load(self, direction, skill_ids, owner_ids, vectors=None):
        """Index skills of one direction; vectors=None records metadata only (a shared index
        already holds their vectors)."""
        if vectors is not None:
            self.index_for(direction).upsert(skill_ids, self.to_index_space(vectors))
        for skill_id, owner_id in zip(skill_ids, owner_ids):
            self.skills[skill_id] = IndexedSkill(owner_id, direction)
            self.by_owner.setdefault(owner_id, {"offer": set(), "learn": set()})[direction].add(skill_id)

    def forget(self, skill_ids, store=True):
        for skill_id in skill_ids:
            old = self.skills.pop(skill_id, None)
            if old is not None:
                if store:
                    self.index_for(old.direction).remove([skill_id])
                self.by_owner[old.owner_id][old.direction].discard(skill_id)

    def publish(self, skills, removed_ids=()):
        """Called by the writer, in its transaction: a shared index gets the new vectors
        (every other process then only refreshes metadata); a local index does nothing here."""
        self.refresh()
        if not self.shared:
            return
        for direction in ("offer", "learn"):
            self.index_for(direction).remove(list(removed_ids))
            chosen = [s.id for s in skills if s.direction == direction]
            if chosen:
                rows = self._rows(chosen)
                vectors = np.frombuffer(b"".join(r.vector for r in rows), dtype=np.float32).reshape(len(rows), -1)
                self.index_for(direction).upsert([r.id for r in rows], self.to_index_space(vectors))

    def search(self, direction, vectors, k):
        """Top-k skills of a direction for each query vector: (ids, relevance probabilities)."""
        with self._lock:
            ids, scores = self.index_for(direction).search(vectors, k)
        return ids, self.relevance(scores)

    def relevance(self, cosines):
        """Need-offer cosines as the probability that the pair is relevant (calibration.py)."""
        return self.calibration.probability(cosines)

    def rescale(self, cosines):
        """Cosines rescaled so that 0 is the encoder's unrelated baseline and 1 identity (for
        comparing two skills of the same direction, where no labelled curve applies)."""
        baseline = self.encoder.baseline if self.baseline is None else self.baseline
        return (np.asarray(cosines, dtype=np.float32) - baseline) / (1.0 - baseline)

    def fetch(self, direction, skill_ids):
        """Stored vectors of skills of one direction."""
        with self._lock:
            return self.index_for(direction).fetch(skill_ids)

    def to_index_space(self, vectors):
        """Encoder vectors as the index stores them (projected when a projection is set)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        return vectors if self.projection is None else vectors @ self.projection

    def _index_dim(self):
        if self.projection is not None:
            return self.projection.shape[1]
        return self.encoder.dim or self._probe_dim()

    def create_indexes(self, dim):
        backend = self.backend
        if backend == "auto":
            backend = "pgvector" if db.engine.dialect.name == "postgresql" else "numpy"
        self.offers = create_index(backend, dim, name="offer", namespace=self.namespace)
        self.needs = create_index(backend, dim, name="learn", namespace=self.namespace)
        self.skills, self.by_owner = {}, {}

    def _probe_dim(self):
        return self.encoder.encode(["dimension probe"]).shape[1]


def get_engine():
    """The current app's matching engine."""
    return current_app.extensions["matching"]


def init_app(app):
    app.extensions["matching"] = MatchingEngine(app.config)
