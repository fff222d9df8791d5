"""The per-process matching engine, in two parts.

- The **index** (`IndexSnapshot`): which skills exist, whose they are, and their vectors, at
  one version of the database. A snapshot never changes once published; a newer version
  makes a new snapshot (copy on write), built from committed rows only, on a connection of
  its own, never inside a writer's transaction. Readers take the current snapshot and rank
  from it without any lock; two requests that find it stale may both build the next one,
  and the newer wins.
- The **matcher** (ranking.py, matching.py): ranks from a snapshot's ids, scores and the
  member's own stored vectors.

Writers only store vectors and bump the version (embeddings.py) in their transaction; on
PostgreSQL they also write the shared pgvector tables there, when `marketplace reindex` has
created them. Other processes, and this one, patch their snapshot at their next read.
"""

from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from flask import current_app, g, has_request_context

from ..extensions import db
from .calibration import calibration_for, calibration_key, fallback
from .embeddings import TITLE_WEIGHT, embed_pairs, recipe, shared_encoder
from .glossary import shared_glossary
from .index import create_index
from .models import IndexState, Skill, SkillChange, SkillVector
from .pgvector_index import PgVectorIndex, shared_table_name
from .projection import current_projection

DIRECTIONS = ("offer", "learn")
PATCH_BATCH = 500  # skill ids read per query when patching a snapshot
BUILD_BATCH = 5000  # rows read at a time when building a snapshot
TITLE_CACHE = 5000  # title vectors kept for the duplicate check (about 25 MB at most)


@dataclass(frozen=True)
class IndexedSkill:
    owner_id: int
    direction: str


class IndexSnapshot:
    """The skills of one version of the database, ready to rank; never changed once published.

    `skills` maps skill id -> IndexedSkill, `by_owner` owner id -> {"offer": set, "learn": set};
    `offers` and `needs` are VectorIndex objects holding vectors in index space.
    """

    def __init__(self, *, version, recipe, calibration, projection_id=None, projection=None,
                 offers, needs, skills=None, by_owner=None):
        self.version = version
        self.recipe = recipe
        self.calibration = calibration
        self.projection_id = projection_id
        self.projection = projection  # (d_in, d_out) matrix, or None for full vectors
        self.offers, self.needs = offers, needs
        self.skills = {} if skills is None else skills
        self.by_owner = {} if by_owner is None else by_owner

    @classmethod
    def empty(cls, dim, calibration, backend="numpy", version=0, recipe="", projection_id=None,
              projection=None, namespace="matching"):
        """A snapshot without skills (fill it with `load` before anyone reads it)."""
        offers = create_index(backend, dim, name=shared_table_name(namespace, "offer", recipe, projection_id, dim))
        needs = create_index(backend, dim, name=shared_table_name(namespace, "learn", recipe, projection_id, dim))
        return cls(version=version, recipe=recipe, calibration=calibration, projection_id=projection_id,
                   projection=projection, offers=offers, needs=needs)

    @property
    def shared(self):
        """True when the vectors live in the database (pgvector), written by the writers."""
        return self.offers.shared

    def index_for(self, direction):
        return self.offers if direction == "offer" else self.needs

    def search(self, direction, vectors, k):
        """Top-k skills of a direction for each query vector: (ids, relevance probabilities)."""
        ids, scores = self.index_for(direction).search(vectors, k)
        return ids, self.relevance(scores)

    def relevance(self, cosines):
        """Need-offer cosines as the probability that the pair is relevant (calibration.py)."""
        return self.calibration.probability(cosines)

    def fetch(self, direction, skill_ids):
        """Stored vectors (index space) of skills of one direction."""
        return self.index_for(direction).fetch(skill_ids)

    def to_index_space(self, vectors):
        """Encoder vectors as the index stores them (projected when a projection is set)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        return vectors if self.projection is None else vectors @ self.projection

    def load(self, direction, skill_ids, owner_ids, vectors=None):
        """Add skills of one direction while building (before the snapshot is published);
        vectors=None records metadata only (a shared index already holds the vectors)."""
        if vectors is not None:
            self.index_for(direction).upsert(skill_ids, self.to_index_space(vectors))
        for skill_id, owner_id in zip(skill_ids, owner_ids):
            self.skills[skill_id] = IndexedSkill(owner_id, direction)
            self.by_owner.setdefault(owner_id, {"offer": set(), "learn": set()})[direction].add(skill_id)

    def patched(self, version, rows, removed):
        """A new snapshot: this one with `rows` (id, owner_id, direction[, vector]) put in and
        the `removed` ids taken out. Only what changes is copied; this one stays as it was."""
        touched = set(removed) | {row.id for row in rows}
        owners = {self.skills[i].owner_id for i in touched if i in self.skills} | {row.owner_id for row in rows}
        directions = {self.skills[i].direction for i in touched if i in self.skills} | {row.direction for row in rows}
        copy = lambda d: self.index_for(d).copy() if d in directions else self.index_for(d)  # noqa: E731
        new = IndexSnapshot(version=version, recipe=self.recipe, calibration=self.calibration,
                            projection_id=self.projection_id, projection=self.projection,
                            offers=copy("offer"), needs=copy("learn"), skills=dict(self.skills),
                            by_owner=dict(self.by_owner))
        for owner in owners:
            old = self.by_owner.get(owner, {"offer": set(), "learn": set()})
            new.by_owner[owner] = {"offer": set(old["offer"]), "learn": set(old["learn"])}
        for skill_id in touched:
            old = new.skills.pop(skill_id, None)
            if old is not None:
                if not new.shared:
                    new.index_for(old.direction).remove([skill_id])
                new.by_owner[old.owner_id][old.direction].discard(skill_id)
        _load_rows(new, rows)
        return new


def _load_rows(snapshot, rows):
    for direction in DIRECTIONS:
        chosen = [row for row in rows if row.direction == direction]
        if chosen:
            vectors = None if snapshot.shared else _matrix([row.vector for row in chosen])
            snapshot.load(direction, [row.id for row in chosen], [row.owner_id for row in chosen], vectors)


def _matrix(blobs):
    return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)


class MatchingEngine:
    """What matching needs in one process: the encoder, the recipe, and the current snapshot."""

    def __init__(self, config, namespace="matching"):
        self.namespace = namespace  # names the tables of a shared (pgvector) index
        self.encoder_spec = config["MATCHING_ENCODER"]
        self.threads = config.get("MATCHING_THREADS", 1)
        self.backend = config.get("MATCHING_INDEX", "auto")
        self.use_glossary = config.get("MATCHING_GLOSSARY", True)
        self.baseline = None  # unrelated-pair cosine; None: the encoder's own
        self._snapshot = None
        self._titles = {}  # (kind, title) -> vector; see `titles`

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

    def rescale(self, cosines):
        """Cosines rescaled so that 0 is the encoder's unrelated baseline and 1 identity (for
        comparing two skills of the same direction, where no labelled curve applies)."""
        baseline = self.encoder.baseline if self.baseline is None else self.baseline
        return (np.asarray(cosines, dtype=np.float32) - baseline) / (1.0 - baseline)

    def backend_for(self, dialect):
        """The vector store used on this database ("auto": pgvector on PostgreSQL)."""
        if self.backend != "auto":
            return self.backend
        return "pgvector" if dialect == "postgresql" else "numpy"

    # -- reading -------------------------------------------------------------------------

    def snapshot(self):
        """The index at the database's current version, built or patched from committed rows
        when another request or process changed skills. Never blocks on other readers."""
        current = self._snapshot
        recipe_now = self.identity
        with db.engine.connect() as connection:
            state = connection.execute(
                sa.select(IndexState.version, IndexState.projection_id).where(IndexState.id == 1)).first()
            version, projection_id = state if state else (0, None)
            rebuild = (current is None or version < current.version or projection_id != current.projection_id
                       or current.recipe != recipe_now or self._shared_tables_appeared(connection, current))
            if not rebuild and current.version == version:
                return current
            fresh = (self._build(connection, version, projection_id, recipe_now) if rebuild
                     else self._patch(connection, current, version))
        latest = self._snapshot
        if latest is None or latest is current or latest.version <= fresh.version:
            self._snapshot = fresh
        return fresh

    def warm_up(self):
        """Load the models, encode once and build the index, before the first request."""
        for kind in ("query", "passage"):
            self.encoder.encode(["warm up"], kind)
        self.snapshot()

    def titles(self, titles, kind):
        """Vectors of skill titles alone, without the glossary (the duplicate check), from a
        per-process cache: a member's own titles are compared at every save."""
        missing = [t for t in dict.fromkeys(titles) if (kind, t) not in self._titles]
        if missing:
            if len(self._titles) + len(missing) > TITLE_CACHE:
                self._titles = {}
            fresh = self.embed([(t, "") for t in missing], kind, glossary=False)
            self._titles.update({(kind, t): v for t, v in zip(missing, fresh)})
        return np.asarray([self._titles[(kind, t)] for t in titles], dtype=np.float32)

    def _build(self, connection, version, projection_id, recipe_now):
        projection = current_projection(recipe_now, connection)
        dim = projection.shape[1] if projection is not None else (self.encoder.dim or self._probe_dim())
        backend = self.backend_for(connection.dialect.name)
        if backend == "pgvector" and not PgVectorIndex.tables_exist(
                connection, self._table_names(recipe_now, projection_id, dim)):
            backend = "numpy"  # not created yet (`marketplace reindex`): vectors held in process
        snapshot = IndexSnapshot.empty(dim, self.calibration, backend, version, recipe_now, projection_id,
                                       projection, self.namespace)
        # In batches: 60,000 full-size vectors read at once would leave ~300 MB of freed
        # blobs in the worker's heap for good.
        result = connection.execution_options(yield_per=BUILD_BATCH).execute(
            self._query(recipe_now, vectors=not snapshot.shared))
        for rows in result.partitions():
            _load_rows(snapshot, rows)
        return snapshot

    def _patch(self, connection, current, version):
        changed = connection.scalars(
            sa.select(SkillChange.skill_id).where(SkillChange.version > current.version).distinct()).all()
        rows, removed = [], []
        for start in range(0, len(changed), PATCH_BATCH):
            batch = changed[start:start + PATCH_BATCH]
            found = self._rows(connection, current.recipe, batch, vectors=not current.shared)
            present = {row.id for row in found}
            rows.extend(found)
            removed.extend(i for i in batch if i not in present)
        return current.patched(version, rows, removed)

    def _shared_tables_appeared(self, connection, snapshot):
        """On PostgreSQL, a snapshot built before `reindex` created the shared tables holds its
        vectors in process; it is rebuilt on the tables once they exist."""
        if snapshot.shared or self.backend_for(connection.dialect.name) != "pgvector":
            return False
        return PgVectorIndex.tables_exist(connection, self._table_names(
            snapshot.recipe, snapshot.projection_id, snapshot.offers.dim))

    def _query(self, identity, skill_ids=None, vectors=True):
        columns = [Skill.id, Skill.owner_id, Skill.direction] + ([SkillVector.vector] if vectors else [])
        query = (sa.select(*columns).join(SkillVector, SkillVector.skill_id == Skill.id)
                 .where(SkillVector.encoder == identity))
        if skill_ids is not None:
            query = query.where(Skill.id.in_(skill_ids))
        return query

    def _rows(self, connection, identity, skill_ids=None, vectors=True):
        return connection.execute(self._query(identity, skill_ids, vectors)).all()

    def _probe_dim(self):
        return self.encoder.encode(["dimension probe"]).shape[1]

    def _table_names(self, identity, projection_id, dim):
        return [shared_table_name(self.namespace, d, identity, projection_id, dim) for d in DIRECTIONS]

    # -- writing (in the writer's transaction) -------------------------------------------

    def write_shared(self, skills, vectors, removed_ids=()):
        """On PostgreSQL with the shared tables created, write the skills' vectors (encoder
        space, one row per skill) and drop the removed ones, in the caller's transaction, so
        they commit or roll back with the skills. Elsewhere nothing: every process patches
        its own index from `skill_vectors` after the commit."""
        layout = self._shared_layout()
        if layout is None:
            return
        projection, dim, tables = layout
        if not PgVectorIndex.tables_exist(db.session.connection(), tables.values()):
            return
        for direction, table in tables.items():
            index = PgVectorIndex(dim, table)
            index.remove(list(removed_ids))
            chosen = [(s.id, v) for s, v in zip(skills, vectors) if s.direction == direction]
            if chosen:
                matrix = np.asarray([v for _, v in chosen], dtype=np.float32)
                index.upsert([i for i, _ in chosen], matrix if projection is None else matrix @ projection)

    def _shared_layout(self):
        """Seen from the caller's transaction, on a database with pgvector: (projection or
        None, index dimension, {direction: table}) of the current recipe; else None."""
        connection = db.session.connection()
        if self.backend_for(connection.dialect.name) != "pgvector":
            return None
        state = db.session.execute(sa.select(IndexState.projection_id).where(IndexState.id == 1)).first()
        projection_id = state[0] if state else None
        identity = self.identity
        projection = current_projection(identity, connection)
        dim = projection.shape[1] if projection is not None else (self.encoder.dim or self._probe_dim())
        return projection, dim, dict(zip(DIRECTIONS, self._table_names(identity, projection_id, dim)))

    def prepare_shared_index(self):
        """Create the shared pgvector tables of the current recipe and projection when missing
        and bring them in step with `skill_vectors` (`marketplace reindex`; never a request).
        Returns the number of vectors written, or None on a database without pgvector."""
        layout = self._shared_layout()
        if layout is None:
            return None
        projection, dim, tables = layout
        identity = self.identity
        written = 0
        for direction, table in tables.items():
            index = PgVectorIndex.create(dim, table)
            wanted = {row.id for row in db.session.execute(
                sa.select(Skill.id).join(SkillVector, SkillVector.skill_id == Skill.id)
                .where(SkillVector.encoder == identity, Skill.direction == direction))}
            present = index.ids()
            index.remove(sorted(present - wanted))
            missing = sorted(wanted - present)
            for start in range(0, len(missing), PATCH_BATCH):
                rows = db.session.execute(sa.select(SkillVector.skill_id, SkillVector.vector)
                                          .where(SkillVector.skill_id.in_(missing[start:start + PATCH_BATCH]))).all()
                matrix = _matrix([row.vector for row in rows])
                index.upsert([row.skill_id for row in rows], matrix if projection is None else matrix @ projection)
                written += len(rows)
        return written


def get_engine():
    """The current app's matching engine."""
    return current_app.extensions["matching"]


def current_index():
    """The current app's index at the database's current version (see `MatchingEngine.snapshot`),
    read once per request: the parts of one page rank from the same snapshot."""
    if not has_request_context():
        return get_engine().snapshot()
    if "matching_index" not in g:
        g.matching_index = get_engine().snapshot()
    return g.matching_index


def init_app(app):
    app.extensions["matching"] = MatchingEngine(app.config)
