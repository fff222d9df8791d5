"""`bench-matching`: latency of "all suggestions for one member" on a synthetic population.

Members get about five offers and five needs drawn from realistic skill phrases; their
vectors are stored in the application's index and ranked by the application's code.
Encoding is excluded from the timings (suggestions use stored vectors).
"""

import glob
import json
import os
import time

import numpy as np

from .engine import IndexSnapshot, MatchingEngine
from .projection import fit_projection
from .ranking import rank_candidates

SENIORITIES = ("junior", "mid", "senior", "executive")


def load_phrases(folder):
    """Distinct skill phrases from BEIR folders: corpus titles and query texts."""
    phrases = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.jsonl"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            for record in map(json.loads, handle):
                phrases.append(record.get("title") or record.get("text", ""))
    return list(dict.fromkeys(p.strip() for p in phrases if p and p.strip()))


def run_benchmark(config, members, phrases, samples=200, seed=7, progress=None):
    """Build the population, time suggestions and the brute-force reference; return figures."""
    rng = np.random.default_rng(seed)
    engine = MatchingEngine(config)
    started = time.perf_counter()
    pairs = [(p, "") for p in phrases]
    vectors = {"offer": engine.embed(pairs, "passage"), "learn": engine.embed(pairs, "query")}
    encode_s = time.perf_counter() - started

    started = time.perf_counter()
    projection = None
    if config["MATCHING_INDEX_DIM"] and members * 5 >= config["MATCHING_PROJECTION_MIN_OFFERS"]:
        projection = fit_projection(vectors["offer"], config["MATCHING_INDEX_DIM"])
    dim = vectors["offer"].shape[1] if projection is None else projection.shape[1]
    index = IndexSnapshot.empty(dim, engine.calibration, projection=projection)
    next_id, chunk = 1, 10_000
    for first in range(0, members, chunk):
        owners = np.arange(first + 1, min(first + chunk, members) + 1)
        for direction in ("offer", "learn"):
            counts = rng.integers(4, 7, size=len(owners))  # 4-6: about five each
            owner_of = np.repeat(owners, counts)
            phrase_of = rng.integers(0, len(phrases), size=len(owner_of))
            ids = np.arange(next_id, next_id + len(owner_of))
            next_id += len(owner_of)
            index.load(direction, ids.tolist(), owner_of.tolist(), vectors[direction][phrase_of])
        if progress:
            progress(len(owners))
    build_s = time.perf_counter() - started

    n_vectors = len(index.offers) + len(index.needs)
    raw_bytes = n_vectors * vectors["offer"].shape[1] * 4  # float32 vectors of the encoders
    pool, k, threshold = config["MATCHING_POOL"], config["MATCHING_TOP_K"], index.calibration.threshold
    chosen = rng.choice(np.arange(1, members + 1), size=min(samples, members), replace=False)
    ours, reference = [], []
    offer_ids = sorted(index.offers.ids())
    offers_matrix = index.offers.fetch(offer_ids)  # the reference reads the same vectors, row-major
    for member in chosen.tolist():
        need_ids = sorted(index.by_owner[member]["learn"])
        offer_ids = sorted(index.by_owner[member]["offer"])
        needs = index.fetch("learn", need_ids)
        mine = index.fetch("offer", offer_ids)

        began = time.perf_counter()
        rank_candidates(index, needs, "offer", member, mine, k=k, pool=pool, min_similarity=threshold)
        ours.append((time.perf_counter() - began) * 1000)

        began = time.perf_counter()
        brute_force_top_k(offers_matrix, needs, k)
        reference.append((time.perf_counter() - began) * 1000)

    p50, ref50 = float(np.percentile(ours, 50)), float(np.percentile(reference, 50))
    return {
        "members": members,
        "vectors": n_vectors,
        "encoder_dim": int(vectors["offer"].shape[1]),
        "index_dim": int(dim),
        "encoder": engine.encoder.identity,
        "phrases": len(phrases),
        "encode_s": round(encode_s, 2),
        "build_s": round(build_s, 2),
        "index_bytes": int(index.offers.nbytes + index.needs.nbytes),
        "raw_vector_bytes": int(raw_bytes),
        "index_to_raw": round((index.offers.nbytes + index.needs.nbytes) / raw_bytes, 4),
        "samples": len(ours),
        "p50_ms": round(p50, 3),
        "p95_ms": round(float(np.percentile(ours, 95)), 3),
        "reference_p50_ms": round(ref50, 3),
        "ratio": round(p50 / ref50, 3),
    }


def brute_force_top_k(matrix, queries, k):
    """The reference: one matrix product and a partial sort, nothing else."""
    scores = queries @ matrix.T
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
    return np.take_along_axis(top, order, axis=1)
