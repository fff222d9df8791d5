"""Contract of every vector index backend."""

import numpy as np
import pytest

from marketplace import create_app
from marketplace.extensions import db
from marketplace.skills.index import INDEX_BACKENDS, create_index
from marketplace.skills.pgvector_index import PgVectorIndex


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture(params=sorted(INDEX_BACKENDS))
def index(request):
    if request.param == "numpy":
        yield create_index("numpy", 3)
        return
    # pgvector needs a real PostgreSQL, whatever backend the rest of the suite runs on.
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": request.getfixturevalue("postgres").new_database()})
    with app.app_context():
        yield PgVectorIndex.create(3, "vector_index_contract_offer")
        db.session.rollback()
        db.engine.dispose()


def test_search_returns_ids_and_cosines_best_first(index):
    index.upsert([10, 20, 30], unit([[1, 0, 0], [0, 1, 0], [1, 1, 0]]))
    ids, scores = index.search(unit([[1, 0.1, 0]]), 3)
    assert ids.tolist() == [[10, 30, 20]]
    assert scores[0, 0] == pytest.approx(1 / np.sqrt(1.01), abs=1e-5)
    assert np.all(np.diff(scores[0]) <= 0)


def test_batch_of_queries(index):
    index.upsert([1, 2], unit([[1, 0, 0], [0, 0, 1]]))
    ids, _ = index.search(unit([[0, 0, 1], [1, 0, 0]]), 1)
    assert ids.tolist() == [[2], [1]]


def test_padding_when_fewer_than_k(index):
    index.upsert([5], unit([[0, 1, 0]]))
    ids, scores = index.search(unit([[0, 1, 0]]), 3)
    assert ids.tolist() == [[5, -1, -1]]
    assert np.isneginf(scores[0, 1:]).all()


def test_empty_index(index):
    ids, scores = index.search(unit([[0, 1, 0]]), 2)
    assert ids.tolist() == [[-1, -1]] and len(index) == 0


def test_upsert_replaces_and_remove_forgets(index):
    index.upsert([1, 2, 3], unit([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))
    index.upsert([1], unit([[0, 0, 1]]))
    assert len(index) == 3
    ids, _ = index.search(unit([[0, 0, 1]]), 2)
    assert sorted(ids[0].tolist()) == [1, 3]
    index.remove([3, 99])
    assert len(index) == 2
    ids, _ = index.search(unit([[0, 0, 1]]), 3)
    assert ids[0].tolist()[:2] == [1, 2] and 3 not in ids[0]
    index.upsert([3], unit([[0, 1, 1]]))
    assert len(index) == 3


def test_fetch_returns_stored_vectors(index):
    vectors = unit([[1, 2, 3], [3, 2, 1]])
    index.upsert([7, 8], vectors)
    np.testing.assert_allclose(index.fetch([8, 7]), vectors[::-1], atol=1e-6)
    assert not index.fetch([12345]).any()


def test_many_random_vectors_match_brute_force(index):
    rng = np.random.default_rng(1)
    vectors = unit(rng.standard_normal((500, 3)))
    index.upsert(np.arange(1, 501), vectors)
    index.remove(np.arange(1, 501, 7))
    alive = np.array([i for i in range(1, 501) if (i - 1) % 7])
    queries = unit(rng.standard_normal((4, 3)))
    ids, scores = index.search(queries, 5)
    expected = alive[np.argsort(-(queries @ vectors[alive - 1].T), axis=1)[:, :5]]
    assert ids.tolist() == expected.tolist()


def test_a_copy_changes_without_changing_the_original(index):
    index.upsert([1, 2], unit([[1, 0, 0], [0, 1, 0]]))
    copy = index.copy()
    copy.upsert([3], unit([[0, 0, 1]]))
    copy.remove([1])
    if index.shared:  # one table for every process: the writers' transactions change it
        assert copy is index
        return
    assert sorted(index.search(unit([[1, 1, 1]]), 5)[0][0].tolist()) == [-1, -1, -1, 1, 2]
    assert sorted(copy.search(unit([[1, 1, 1]]), 5)[0][0].tolist()) == [-1, -1, -1, 2, 3]
