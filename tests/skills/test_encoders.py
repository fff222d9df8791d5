"""The real default encoder (MiniLM + USE + e5, all from PyPI packages)."""

import numpy as np
import pytest

from marketplace.skills.embeddings import embed_pairs, shared_encoder

pytestmark = pytest.mark.real_model


@pytest.fixture(scope="module")
def encoder():
    return shared_encoder("default")


def score(encoder, need, offer):
    baseline = encoder.baseline
    q = embed_pairs(encoder, [(need, "")], "query")
    o = embed_pairs(encoder, [(offer, "")], "passage")
    return (float(q[0] @ o[0]) - baseline) / (1 - baseline)


def test_vectors_are_normalised_float32(encoder):
    vectors = embed_pairs(encoder, [("Excel pivot tables", ""), ("Négocier", "avec un fournisseur")])
    assert vectors.dtype == np.float32 and vectors.shape == (2, encoder.dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrase_beats_unrelated(encoder):
    paraphrase = score(encoder, "speaking in front of an audience", "Public speaking")
    unrelated = score(encoder, "speaking in front of an audience", "Accounting for small businesses")
    assert paraphrase > 0.3
    assert paraphrase > unrelated + 0.2


def test_french_need_finds_english_offer(encoder):
    cross = score(encoder, "négocier un contrat avec un fournisseur", "Negotiating supplier contracts")
    unrelated = score(encoder, "négocier un contrat avec un fournisseur", "Short-form video on TikTok")
    assert cross > 0.3
    assert cross > unrelated + 0.2


def test_english_need_finds_french_offer(encoder):
    cross = score(encoder, "pivot tables in Excel", "Excel : tableaux croisés dynamiques")
    unrelated = score(encoder, "pivot tables in Excel", "Prise de parole en public")
    assert cross > unrelated + 0.2


def test_identical_texts_are_encoded_once(encoder, monkeypatch):
    calls = []
    original = type(encoder).encode

    def counting(self, texts, kind="passage"):
        calls.append(list(texts))
        return original(self, texts, kind)

    monkeypatch.setattr(type(encoder), "encode", counting)
    embed_pairs(encoder, [("Excel", ""), ("Excel", ""), ("Excel", "macros")])
    assert calls == [["Excel", "Excel. macros"]]
