"""The pgvector backend: vectors in PostgreSQL tables with an HNSW index (inner product).

The tables are shared by every process and derived from `skill_vectors`: `marketplace
reindex` creates and fills them (`PgVectorIndex.create`), never a request. Writers then put
a changed skill's vector in them in their own transaction; readers search them in theirs.
Each recipe and projection has its own tables (`shared_table_name`), so a refit or a new
model fills new tables while the old ones keep serving until the switch commits.
"""

import hashlib
import json

import numpy as np
import sqlalchemy as sa

from ..extensions import db

TABLE_PREFIX = "vector_index_"  # models.UNMODELLED_PREFIXES: the migrations leave these alone
UPSERT_BATCH = 1000


def shared_table_name(namespace, direction, recipe, projection_id, dim):
    """The table holding one direction's vectors of a recipe and projection (at most 63
    characters, PostgreSQL's limit)."""
    digest = hashlib.blake2b(f"{recipe}|{projection_id}|{dim}".encode(), digest_size=5).hexdigest()
    return f"{TABLE_PREFIX}{namespace}_{direction}_{digest}"


def _literal(vector):
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


class PgVectorIndex:
    """A VectorIndex on one existing pgvector table, queried through the request's session."""

    shared = True

    def __init__(self, dim, name):
        self.dim = dim
        self.table = name

    @classmethod
    def create(cls, dim, name):
        """Create the table and its HNSW index when missing (reindex, tests); the index."""
        db.session.execute(sa.text(
            f"CREATE TABLE IF NOT EXISTS {name} (id bigint PRIMARY KEY, embedding vector({dim}) NOT NULL)"))
        db.session.execute(sa.text(
            f"CREATE INDEX IF NOT EXISTS {name}_hnsw ON {name} USING hnsw (embedding vector_ip_ops)"))
        return cls(dim, name)

    @staticmethod
    def tables_exist(connection, names):
        """True when every named table exists (a catalog lookup, no lock taken)."""
        names = list(names)
        found = connection.execute(sa.text(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
            "AND tablename = ANY(:names)"), {"names": names}).scalar()
        return found == len(names)

    def _execute(self, sql, params=None):
        return db.session.execute(sa.text(sql), params or {})

    def copy(self):
        """The same table: a shared index is changed by the writers' transactions, not copied."""
        return self

    def __len__(self):
        return self._execute(f"SELECT count(*) FROM {self.table}").scalar()

    @property
    def nbytes(self):
        return self._execute("SELECT pg_total_relation_size(:t)", {"t": self.table}).scalar()

    def ids(self):
        """Every id in the table."""
        return {row[0] for row in self._execute(f"SELECT id FROM {self.table}")}

    def upsert(self, ids, vectors):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        rows = [{"id": int(i), "v": _literal(v)} for i, v in zip(ids, vectors)]
        for start in range(0, len(rows), UPSERT_BATCH):
            self._execute(
                f"INSERT INTO {self.table} (id, embedding) VALUES (:id, CAST(:v AS vector)) "
                "ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding", rows[start:start + UPSERT_BATCH])

    def remove(self, ids):
        ids = [int(i) for i in np.asarray(ids, dtype=np.int64).reshape(-1)]
        if ids:
            self._execute(f"DELETE FROM {self.table} WHERE id = ANY(:ids)", {"ids": ids})

    def search(self, queries, k):
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        ids = np.full((len(queries), k), -1, dtype=np.int64)
        scores = np.full((len(queries), k), -np.inf, dtype=np.float32)
        if k <= 0:
            return ids, scores
        # HNSW returns at most ef_search rows: let it look at least as far as asked.
        self._execute(f"SET LOCAL hnsw.ef_search = {max(2 * k, 100)}")
        # Every query vector in one statement (one index scan each, one round trip).
        array = "{" + ",".join(f'"{_literal(query)}"' for query in queries) + "}"
        found = self._execute(
            "SELECT q.n, r.id, r.score FROM unnest(CAST(:queries AS vector[])) WITH ORDINALITY AS q(v, n) "
            f"CROSS JOIN LATERAL (SELECT id, -(embedding <#> q.v) AS score FROM {self.table} "
            "ORDER BY embedding <#> q.v LIMIT :k) AS r ORDER BY q.n, r.score DESC, r.id",
            {"queries": array, "k": k}).all()
        filled = [0] * len(queries)
        for n, skill_id, score in found:
            row = n - 1
            ids[row, filled[row]], scores[row, filled[row]] = skill_id, score
            filled[row] += 1
        return ids, scores

    def fetch(self, ids):
        ids = [int(i) for i in np.asarray(ids, dtype=np.int64).reshape(-1)]
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if not ids:
            return out
        found = {r.id: r.embedding for r in self._execute(
            f"SELECT id, embedding::text AS embedding FROM {self.table} WHERE id = ANY(:ids)", {"ids": ids})}
        for row, skill_id in enumerate(ids):
            if skill_id in found:
                out[row] = json.loads(found[skill_id])
        return out

    def drop(self):
        self._execute(f"DROP TABLE IF EXISTS {self.table}")
