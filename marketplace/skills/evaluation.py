"""`eval-matching`: retrieval quality of the matcher on BEIR-layout folders.

Corpus entries become offers (title, description) and queries become needs, embedded,
indexed and scored by the same code the application uses.
"""

import csv
import json
import math
import os
import time

import numpy as np

from ..extensions import db
from .calibration import (SHOWN_PER_NEED, Calibration, calibration_key, choose_threshold, fit_curve,
                          shown_figures)
from .embeddings import TITLE_WEIGHT
from .engine import IndexSnapshot, MatchingEngine
from .projection import fit_projection
from .ranking import rank_candidates


def read_beir(folder):
    """(corpus [(id, title, text)], queries [(id, text)], qrels {query id: {doc id: grade}})."""
    with open(os.path.join(folder, "corpus.jsonl"), encoding="utf-8") as handle:
        corpus = [(d["_id"], d.get("title", ""), d.get("text", "")) for d in map(json.loads, handle)]
    with open(os.path.join(folder, "queries.jsonl"), encoding="utf-8") as handle:
        queries = [(q["_id"], q["text"]) for q in map(json.loads, handle)]
    qrels = {}
    with open(os.path.join(folder, "qrels", "test.tsv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if int(row["score"]) > 0:
                qrels.setdefault(row["query-id"], {})[row["corpus-id"]] = int(row["score"])
    queries = [(qid, text) for qid, text in queries if qid in qrels]
    return corpus, queries, qrels


def retrieval_metrics(ranked, relevant):
    """recall@1, recall@10, MRR@10, nDCG@10 and success@1, @5 (a relevant doc in the top k)
    of one ranked list of doc ids."""
    hits = [doc in relevant for doc in ranked[:10]]
    first = next((i for i, hit in enumerate(hits) if hit), None)
    dcg = sum(relevant.get(doc, 0) / math.log2(i + 2) for i, doc in enumerate(ranked[:10]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return {
        "recall_at_1": sum(doc in relevant for doc in ranked[:1]) / len(relevant),
        "recall_at_10": sum(hits) / len(relevant),
        "mrr_at_10": 0.0 if first is None else 1 / (first + 1),
        "ndcg_at_10": dcg / ideal if ideal else 0.0,
        "success_at_1": float(any(hits[:1])),
        "success_at_5": float(any(hits[:5])),
    }


def evaluate_folder(config, folder, corpus_cache=None):
    """Index the folder's corpus as offers, run its queries as needs; return the figures."""
    corpus, queries, qrels = read_beir(folder)
    # Its own namespace: on PostgreSQL the evaluation's pgvector tables never touch the
    # application's, and its transaction is rolled back at the end.
    engine = MatchingEngine(config, namespace="evaluation")
    encoder = engine.encoder
    key = hash(tuple(corpus))
    encoder.encode(["warm-up"])  # model loading is not encoding speed
    started = time.perf_counter()
    if corpus_cache is not None and key in corpus_cache:
        offer_vectors, encode_seconds = corpus_cache[key]
    else:
        offer_vectors = engine.embed([(title, text) for _, title, text in corpus], "passage")
        encode_seconds = time.perf_counter() - started
        if corpus_cache is not None:
            corpus_cache[key] = (offer_vectors, encode_seconds)
    texts_encoded = len(corpus) + sum(1 for _, _, text in corpus if text)

    # As in the application: past MATCHING_PROJECTION_MIN_OFFERS offers, the index holds
    # vectors projected on their main directions, fitted on the offers (no labels).
    projection = None
    if config["MATCHING_INDEX_DIM"] and len(corpus) >= config["MATCHING_PROJECTION_MIN_OFFERS"]:
        projection = fit_projection(offer_vectors, config["MATCHING_INDEX_DIM"])
    # Offers belong to owners 1..n; the asking member (0) owns nothing.
    index = IndexSnapshot.empty(offer_vectors.shape[1] if projection is None else projection.shape[1],
                                engine.calibration, projection=projection)
    ids = np.arange(1, len(corpus) + 1)
    index.load("offer", ids, ids, offer_vectors)
    doc_of = {int(i): doc_id for i, (doc_id, _, _) in zip(ids, corpus)}
    index_offers = index.to_index_space(offer_vectors)
    position = {doc_id: i for i, (doc_id, _, _) in enumerate(corpus)}

    def relevant_mask(relevant):
        mask = np.zeros(len(corpus), dtype=bool)
        mask[[position[doc] for doc in relevant if doc in position]] = True
        return mask

    totals = dict.fromkeys(("recall_at_1", "recall_at_10", "mrr_at_10", "ndcg_at_10",
                            "success_at_1", "success_at_5"), 0.0)
    latencies, shown_probabilities, shown_relevant = [], [], []
    for query_id, text in queries:
        began = time.perf_counter()
        need = index.to_index_space(engine.embed([(text, "")], "query"))
        (candidates,) = rank_candidates(
            index, need, "offer", 0, np.zeros((0, need.shape[1]), np.float32),
            k=10, pool=10, min_similarity=-1.0,
        )
        latencies.append((time.perf_counter() - began) * 1000)
        ranked = [doc_of[c.skill_id] for c in candidates]
        for name, value in retrieval_metrics(ranked, qrels[query_id]).items():
            totals[name] += value
        # What the page would show: every pair whose probability reaches the threshold.
        shown_probabilities.append(index.relevance(need @ index_offers.T)[0])
        shown_relevant.append(relevant_mask(qrels[query_id]))
    shown_precision, shown_recall = shown_figures(shown_probabilities, shown_relevant,
                                                  engine.calibration.threshold)
    count = max(len(queries), 1)
    index_dim = int(index.offers.dim)
    db.session.rollback()
    return {
        "task": os.path.basename(os.path.normpath(folder)),
        "queries": len(queries),
        "corpus": len(corpus),
        "encoder": encoder.identity,
        "index_dim": index_dim,
        **{name: round(value / count, 4) for name, value in totals.items()},
        "threshold": round(engine.calibration.threshold, 4),
        "calibrated": engine.calibration.fitted,
        "shown_precision": round(shown_precision, 4),
        "shown_recall": round(shown_recall, 4),
        "encode_per_s": round(texts_encoded / max(encode_seconds, 1e-9), 1),
        "query_ms_p50": round(float(np.percentile(latencies, 50)), 2) if latencies else None,
        "query_ms_p95": round(float(np.percentile(latencies, 95)), 2) if latencies else None,
    }


def calibrate_folder(config, folder, folds=5, seed=0):
    """Fit the current recipe's calibration on a labelled folder (every need against every
    offer; relevant = any positive grade) and choose its display threshold.

    Returns (Calibration, figures): the figures include the in-sample shown precision and
    recall, and a cross-validated estimate (curve and threshold fitted on the other folds
    of needs, measured on the held-out one).
    """
    corpus, queries, qrels = read_beir(folder)
    engine = MatchingEngine(config, namespace="evaluation")
    offers = engine.embed([(title, text) for _, title, text in corpus], "passage")
    needs = engine.embed([(text, "") for _, text in queries], "query")
    cosines = needs @ offers.T
    doc_index = {doc_id: i for i, (doc_id, _, _) in enumerate(corpus)}
    relevant = np.zeros(cosines.shape, dtype=bool)
    for row, (query_id, _) in enumerate(queries):
        for doc_id in qrels[query_id]:
            relevant[row, doc_index[doc_id]] = True

    def fit(rows):
        knots = fit_curve(cosines[rows].ravel(), relevant[rows].ravel())
        probabilities = np.interp(cosines[rows], *knots)
        return knots, choose_threshold(list(probabilities), list(relevant[rows]))

    order = np.random.default_rng(seed).permutation(len(queries))
    held_out = {"precision": [], "recall": []}
    for fold in range(folds):
        test = order[fold::folds]
        train = np.setdiff1d(order, test)
        knots, threshold = fit(train)
        precision, recall = shown_figures(list(np.interp(cosines[test], *knots)), list(relevant[test]), threshold)
        held_out["precision"].append(precision)
        held_out["recall"].append(recall)
    knots, threshold = fit(np.arange(len(queries)))
    calibration = Calibration(calibration_key(engine.encoder, TITLE_WEIGHT), knots[0], knots[1], threshold,
                              fitted_on=os.path.basename(os.path.normpath(folder)))
    precision, recall = shown_figures(list(calibration.probability(cosines)), list(relevant), threshold)
    db.session.rollback()
    return calibration, {
        "task": calibration.fitted_on, "key": calibration.key, "needs": len(queries), "offers": len(corpus),
        "threshold": round(threshold, 4), "shown_precision": round(precision, 4),
        "shown_recall": round(recall, 4),
        "cv_shown_precision": round(float(np.mean(held_out["precision"])), 4),
        "cv_shown_recall": round(float(np.mean(held_out["recall"])), 4),
        "curve": [[round(c, 3), round(p, 3)] for c, p in zip(*knots)],
    }
