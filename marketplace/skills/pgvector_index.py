"""The pgvector backend: vectors in a PostgreSQL table with an HNSW index (inner product).

The table is shared by every process, so the process that changes a skill writes its
vector in the same transaction (`shared = True`), and the others only refresh metadata.
It is a derived index: `marketplace reindex` or any process can refill it from
`skill_vectors`.
"""

import json

import numpy as np
import sqlalchemy as sa

from ..extensions import db


def _literal(vector):
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


class PgVectorIndex:
    shared = True

    def __init__(self, dim, name="offer", namespace="matching"):
        self.dim = dim
        self.table = f"vector_index_{namespace}_{name}_{dim}"
        self._ensure_table()

    def _execute(self, sql, params=None):
        return db.session.execute(sa.text(sql), params or {})

    def _ensure_table(self):
        self._execute(f"CREATE TABLE IF NOT EXISTS {self.table} (id bigint PRIMARY KEY, embedding vector({self.dim}) NOT NULL)")
        self._execute(f"CREATE INDEX IF NOT EXISTS {self.table}_hnsw ON {self.table} "
                      "USING hnsw (embedding vector_ip_ops)")

    def __len__(self):
        return self._execute(f"SELECT count(*) FROM {self.table}").scalar()

    @property
    def nbytes(self):
        return self._execute("SELECT pg_total_relation_size(:t)", {"t": self.table}).scalar()

    def upsert(self, ids, vectors):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        rows = [{"id": int(i), "v": _literal(v)} for i, v in zip(ids, vectors)]
        for start in range(0, len(rows), 1000):
            self._execute(
                f"INSERT INTO {self.table} (id, embedding) VALUES (:id, CAST(:v AS vector)) "
                "ON CONFLICT (id) DO UPDATE SET embedding = excluded.embedding", rows[start:start + 1000])

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
        for row, query in enumerate(queries):
            found = self._execute(
                f"SELECT id, -(embedding <#> CAST(:q AS vector)) AS score FROM {self.table} "
                "ORDER BY embedding <#> CAST(:q AS vector) LIMIT :k", {"q": _literal(query), "k": k}).all()
            if found:
                ids[row, :len(found)] = [r.id for r in found]
                scores[row, :len(found)] = [r.score for r in found]
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
