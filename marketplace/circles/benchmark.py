"""`bench-circles`: exchange circles on a synthetic population of 10,000 members, in one JSON line.

Each member offers 2-4 and needs 1-3 skills worded as the demo members' offers and needs
(English and French). Each distinct text is encoded once by the app's configured encoder
(offers as passages, needs as queries, as skills are) and loaded into an in-memory index
snapshot holding full vectors; then the candidate graph is read from it (graph.py) and
solved (solver.py), with and without circles of three. It runs in an app of its own on an
empty SQLite database in a temporary folder (the engine only needs the configuration).
"""

import json
import os
import tempfile
import time

import click
import numpy as np
from flask import current_app
from flask.cli import with_appcontext

from ..demo_data import MEMBERS
from ..skills.engine import IndexSnapshot, get_engine
from .graph import TEACHERS_PER_NEED, candidate_edges
from .solver import TIME_LIMIT_S, find_circles, swaps_only

MEMBER_OFFERS, MEMBER_NEEDS = (2, 4), (1, 3)  # skills per member, drawn uniformly


def run_benchmark(members=10_000, seed=0, encoder="default", threads=1, k=TEACHERS_PER_NEED,
                  time_limit=TIME_LIMIT_S):
    """Build a synthetic population, its candidate graph and its circles; return the figures."""
    from .. import create_app

    with tempfile.TemporaryDirectory() as folder:
        url = "sqlite:///" + os.path.join(folder, "bench.sqlite")
        app = create_app({"SECRET_KEY": "bench-circles", "SQLALCHEMY_DATABASE_URI": url,
                          "MATCHING_ENCODER": encoder, "MATCHING_THREADS": threads})
        with app.app_context():
            return _measure(members, seed, threads, k, time_limit)


def _measure(n_members, seed, threads, k, time_limit):
    rng = np.random.default_rng(seed)
    phrases = list(dict.fromkeys(skill["title"] for member in MEMBERS for skill in member["offers"] + member["needs"]))
    offers, needs = _texts(rng, phrases, n_members, MEMBER_OFFERS), _texts(rng, phrases, n_members, MEMBER_NEEDS)
    engine = get_engine()

    started = time.perf_counter()
    engine.encoder.load()  # the models' weights, read once per process
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    offer_texts = sorted({text for texts in offers for text in texts})
    need_texts = sorted({text for texts in needs for text in texts})
    offer_vectors = engine.embed([(text, "") for text in offer_texts], "passage")
    need_vectors = engine.embed([(text, "") for text in need_texts], "query")
    encode_s = time.perf_counter() - started

    started = time.perf_counter()
    snapshot = IndexSnapshot.empty(offer_vectors.shape[1], engine.calibration)
    next_id = 1
    for direction, lists, texts, vectors in (("offer", offers, offer_texts, offer_vectors),
                                             ("learn", needs, need_texts, need_vectors)):
        row_of = {text: row for row, text in enumerate(texts)}
        owners = [member for member, held in enumerate(lists, start=1) for _ in held]
        rows = [row_of[text] for held in lists for text in held]
        snapshot.load(direction, list(range(next_id, next_id + len(rows))), owners, vectors[rows])
        next_id += len(rows)
    index_s = time.perf_counter() - started

    started = time.perf_counter()
    graph = candidate_edges(snapshot, k=k)
    graph_s = time.perf_counter() - started
    circles = find_circles(graph.members, graph.edges, time_limit=time_limit, threads=threads)
    swaps = swaps_only(graph.members, graph.edges, time_limit=time_limit, threads=threads)

    with_any_edge = len(np.union1d(graph.teacher, graph.learner))
    return {"members": n_members, "offers": sum(map(len, offers)), "needs": sum(map(len, needs)),
            "distinct_texts": len(set(offer_texts) | set(need_texts)), "encoder": engine.encoder.identity,
            "threads": threads, "threshold": round(graph.threshold, 4), "teachers_per_need": k,
            "max_edges_per_member": circles.max_edges, "time_limit_s": time_limit,
            "load_s": round(load_s, 3), "encode_s": round(encode_s, 3), "index_s": round(index_s, 3),
            "graph_s": round(graph_s, 3), "edges": len(graph), "members_with_edges": with_any_edge,
            "edges_kept": circles.edges_kept, "members_kept": circles.members_kept,
            "cycles_2": circles.cycles.get(2, 0), "cycles_3": circles.cycles.get(3, 0),
            "cycles_enumerated": sum(circles.cycles.values()),
            "solve_s": round(circles.solve_s, 3), "search_s": round(circles.search_s, 3),
            "proven_optimal": circles.proven_optimal, "bound_points": circles.bound, "gap": round(circles.gap, 5),
            "members_in_circles": circles.members_in_circles, "circles_2": circles.count(2),
            "circles_3": circles.count(3), "total_points": circles.total,
            "members_in_swaps_only": swaps.members_in_circles, "swaps_only_points": swaps.total,
            "swaps_only_s": round(swaps.solve_s, 3), "swaps_only_proven_optimal": swaps.proven_optimal}


def _texts(rng, phrases, count, spread):
    """For each of `count` members, between spread[0] and spread[1] distinct phrases."""
    sizes = rng.integers(spread[0], spread[1] + 1, size=count)
    return [[phrases[i] for i in rng.choice(len(phrases), size=size, replace=False)] for size in sizes.tolist()]


@click.command("bench-circles")
@click.option("--members", default=10_000, show_default=True, type=click.IntRange(3, 1_000_000))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Encoder threads and CP-SAT workers (more than one is slower on a busy machine).")
@click.option("--time-limit", default=TIME_LIMIT_S, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds CP-SAT may search; past them the best circles found are reported, unproven.")
@with_appcontext
def bench_circles_command(members, seed, threads, time_limit):
    """Find exchange circles in a synthetic population and compare with swaps alone (one JSON line)."""
    figures = run_benchmark(members, seed, current_app.config["MATCHING_ENCODER"], threads,
                            time_limit=time_limit)
    click.echo(json.dumps(figures))
