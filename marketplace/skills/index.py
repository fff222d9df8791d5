"""Vector indexes: ids and vectors in, ids and scores out (never ORM rows)."""

from typing import Protocol

import numpy as np


class VectorIndex(Protocol):
    """What the ranking needs from a vector store."""

    def upsert(self, ids, vectors) -> None:
        """Insert or replace the vectors of these ids."""

    def remove(self, ids) -> None:
        """Forget these ids; unknown ids are ignored."""

    def search(self, queries, k) -> tuple[np.ndarray, np.ndarray]:
        """Top-k by cosine for each query row: (ids, scores), each (n_queries, k), best first,
        padded with id -1 and score -inf when the index holds fewer than k vectors."""

    def fetch(self, ids) -> np.ndarray:
        """The stored vectors of these ids (zeros for unknown ids)."""

    def ids(self) -> set[int]:
        """Every id the index holds."""

    @property
    def nbytes(self) -> int:
        """Memory (or disk) the index takes."""

    def copy(self) -> "VectorIndex":
        """An index to change without changing this one (copy on write); a shared index,
        changed only by the writers' transactions, returns itself."""

    def __len__(self) -> int: ...

    shared: bool  # True: the vectors live in the database, written by the writers
    dim: int


class NumpyIndex:
    """Exact in-process index: one float32 matrix and a brute-force product.

    Vectors are stored as the columns of a (dim, capacity) matrix, the layout in which
    `queries @ columns` reads memory in order (twice as fast as a row-major product on
    this machine). Columns are kept dense (a removal moves the last column into the
    hole) so a search reads exactly the live vectors; capacity grows by 5 % to keep memory
    near the raw size.
    """

    shared = False  # each process holds its own copy

    GROWTH = 1.05

    def __init__(self, dim):
        self.dim = dim
        self._columns = np.zeros((dim, 0), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._row_of = np.full(0, -1, dtype=np.int64)  # id -> column, -1 when absent
        self._size = 0

    def __len__(self):
        return self._size

    def copy(self):
        """An independent copy holding the same vectors (exactly sized: it is about to be patched)."""
        other = NumpyIndex(self.dim)
        other._columns = np.ascontiguousarray(self._columns[:, : self._size])
        other._ids = self._ids[: self._size].copy()
        other._row_of = self._row_of.copy()
        other._size = self._size
        return other

    def ids(self):
        """Every id the index holds."""
        return set(self._ids[: self._size].tolist())

    @property
    def nbytes(self):
        """Memory held by the index: vectors, ids and the id-to-column map."""
        return self._columns.nbytes + self._ids.nbytes + self._row_of.nbytes

    def upsert(self, ids, vectors):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        if len(ids) == 0:
            return
        ids, last = np.unique(ids[::-1], return_index=True)  # the last write of an id wins
        vectors = vectors[::-1][last]
        self._ensure_id_room(int(ids.max()))
        rows = self._row_of[ids]
        known = rows >= 0
        self._columns[:, rows[known]] = vectors[known].T
        new_ids = ids[~known]
        if len(new_ids):
            self._ensure_capacity(self._size + len(new_ids))
            new_rows = np.arange(self._size, self._size + len(new_ids))
            self._columns[:, new_rows] = vectors[~known].T
            self._ids[new_rows] = new_ids
            self._row_of[new_ids] = new_rows
            self._size += len(new_ids)

    def remove(self, ids):
        for skill_id in np.asarray(ids, dtype=np.int64).reshape(-1):
            if skill_id < 0 or skill_id >= len(self._row_of) or self._row_of[skill_id] < 0:
                continue
            row, last = self._row_of[skill_id], self._size - 1
            if row != last:
                moved = self._ids[last]
                self._columns[:, row] = self._columns[:, last]
                self._ids[row] = moved
                self._row_of[moved] = row
            self._row_of[skill_id] = -1
            self._size -= 1

    def search(self, queries, k):
        queries = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        n_queries = len(queries)
        ids = np.full((n_queries, k), -1, dtype=np.int64)
        scores = np.full((n_queries, k), -np.inf, dtype=np.float32)
        if self._size == 0 or k <= 0:
            return ids, scores
        similarity = queries @ self._columns[:, : self._size]
        take = min(k, self._size)
        if take < self._size:
            top = np.argpartition(-similarity, take - 1, axis=1)[:, :take]
        else:
            top = np.broadcast_to(np.arange(self._size), (n_queries, self._size))
        top_scores = np.take_along_axis(similarity, top, axis=1)
        order = np.argsort(-top_scores, axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        ids[:, :take] = self._ids[top]
        scores[:, :take] = np.take_along_axis(top_scores, order, axis=1)
        return ids, scores

    def fetch(self, ids):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        inside = (ids >= 0) & (ids < len(self._row_of))
        rows = np.full(len(ids), -1, dtype=np.int64)
        rows[inside] = self._row_of[ids[inside]]
        found = rows >= 0
        out[found] = self._columns[:, rows[found]].T
        return out

    def _ensure_capacity(self, needed):
        if needed <= self._columns.shape[1]:
            return
        capacity = max(needed, int(self._columns.shape[1] * self.GROWTH) + 16)
        grown = np.zeros((self.dim, capacity), dtype=np.float32)
        grown[:, : self._size] = self._columns[:, : self._size]
        self._columns = grown
        ids = np.zeros(capacity, dtype=np.int64)
        ids[: self._size] = self._ids[: self._size]
        self._ids = ids

    def _ensure_id_room(self, max_id):
        if max_id < len(self._row_of):
            return
        grown = np.full(max(max_id + 1, int(len(self._row_of) * 1.25)), -1, dtype=np.int64)
        grown[: len(self._row_of)] = self._row_of
        self._row_of = grown


def _pgvector(dim, name):
    from .pgvector_index import PgVectorIndex

    return PgVectorIndex(dim, name)


def _numpy(dim, name=None):
    return NumpyIndex(dim)


INDEX_BACKENDS = {"numpy": _numpy, "pgvector": _pgvector}


def create_index(backend, dim, name=None):
    """An index of the configured backend; `name` is the table of a shared index (which
    `PgVectorIndex.create` made beforehand) and is ignored by the in-process one."""
    try:
        factory = INDEX_BACKENDS[backend]
    except KeyError:
        raise ValueError(f"unknown vector index backend {backend!r}") from None
    return factory(dim, name)
