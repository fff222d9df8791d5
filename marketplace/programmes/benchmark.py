"""`bench-programme`: a programme of 2,000 mentees and 500 mentors scored by the app's real
engine and solved by the three methods (assignment.py), in one JSON line.

The population is synthetic but worded like a real one: skill texts are the demo members'
offers and needs (English and French), seniorities lean so that a reverse programme has
candidates, most people speak French and English, some only one of them. It runs in an app
of its own on an empty SQLite database in a temporary folder (the engine's snapshot only
needs the schema), with the configured encoder on `threads` threads.
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
from ..skills.engine import get_engine
from ..skills.ranking import SENIORITY_RANK
from .assignment import compare
from .rules import Profile, Rules
from .scoring import pair_scores, programme_instance

# A reverse-mentoring programme where mentor and mentee must share a language.
BENCH_RULES = Rules(kind="reverse", language="required", department="preferred", timezone="preferred")
# Juniors teach seniors in a reverse programme: mentees lean senior, mentors junior
# (probabilities over SENIORITY_RANK, most junior first).
MENTEE_SENIORITY = (0.1, 0.2, 0.4, 0.3)
MENTOR_SENIORITY = (0.4, 0.35, 0.2, 0.05)
LANGUAGE_SETS = ((("fr", "en"), 0.7), (("fr",), 0.15), (("en",), 0.15))
CAPACITY = (1, 4)  # seats per mentor, drawn uniformly
MENTOR_BRINGS, MENTOR_SEEKS = (2, 4), (1, 2)  # texts per person, drawn uniformly
MENTEE_SEEKS, MENTEE_BRINGS = (1, 3), (1, 2)


def run_benchmark(mentees=2000, mentors=500, seed=0, encoder="default", threads=1):
    """Build, score and solve a synthetic programme; return its figures as a dict."""
    from .. import create_app
    from ..extensions import db

    with tempfile.TemporaryDirectory() as folder:
        url = "sqlite:///" + os.path.join(folder, "bench.sqlite")
        app = create_app({"SECRET_KEY": "bench-programme", "SQLALCHEMY_DATABASE_URI": url,
                          "MATCHING_ENCODER": encoder, "MATCHING_THREADS": threads})
        with app.app_context():
            db.create_all()
            try:
                return _measure(mentees, mentors, seed, threads)
            finally:
                db.session.remove()
                db.engine.dispose()


def _measure(n_mentees, n_mentors, seed, threads):
    rng = np.random.default_rng(seed)
    mentees = _people(rng, n_mentees, 0, MENTEE_SENIORITY)
    mentors = _people(rng, n_mentors, n_mentees, MENTOR_SENIORITY)
    phrases = list(dict.fromkeys(skill["title"] for member in MEMBERS for skill in member["offers"] + member["needs"]))
    seeks, brings = _texts(rng, phrases, n_mentees, MENTEE_SEEKS), _texts(rng, phrases, n_mentors, MENTOR_BRINGS)
    mentor_seeks = _texts(rng, phrases, n_mentors, MENTOR_SEEKS)
    mentee_brings = _texts(rng, phrases, n_mentees, MENTEE_BRINGS)
    capacities = {p.id: int(c) for p, c in zip(mentors, rng.integers(CAPACITY[0], CAPACITY[1] + 1, n_mentors))}

    started = time.perf_counter()
    get_engine().encoder.load()  # the models' weights, read once per process
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    scores = pair_scores(seeks, brings, mentor_seeks, mentee_brings)
    score_s = time.perf_counter() - started
    started = time.perf_counter()
    instance = programme_instance(mentees, mentors, capacities, scores, BENCH_RULES)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    results = compare(instance)
    compare_s = time.perf_counter() - started

    # score_s: encoding each distinct text once per kind, and every pair's best probability.
    figures = {"mentees": n_mentees, "mentors": n_mentors, "seats": sum(capacities.values()),
               "edges": len(instance.edge_points),
               "distinct_texts": len({t for texts in seeks + brings + mentor_seeks + mentee_brings for t in texts}),
               "encoder": get_engine().encoder.identity, "threads": threads,
               "threshold": round(scores.threshold, 4), "load_s": round(load_s, 3), "score_s": round(score_s, 3),
               "build_s": round(build_s, 3),
               "solve_s": round(results["optimal"].solve_s, 4), "compare_s": round(compare_s, 3),
               "proven_optimal": results["optimal"].proven_optimal}
    for method, result in results.items():
        figures[f"{method}_total"] = result.total
        figures[f"matched_{method}"] = result.matched
        figures[f"blocking_pairs_{method}"] = result.blocking_pairs
        figures[f"worst_pair_{method}"] = result.worst_pair
        figures[f"{method}_s"] = round(result.solve_s, 4)
    return figures


def _people(rng, count, first_id, seniority_weights):
    """Profiles with ids first_id + 1 ... first_id + count."""
    levels = list(SENIORITY_RANK)
    departments = sorted({member["department"] for member in MEMBERS})
    timezones = sorted({member["timezone"] for member in MEMBERS})
    languages = [codes for codes, _ in LANGUAGE_SETS]
    spoken = rng.choice(len(languages), size=count, p=[share for _, share in LANGUAGE_SETS])
    seniority = rng.choice(len(levels), size=count, p=seniority_weights)
    department = rng.integers(0, len(departments), size=count)
    zone = rng.integers(0, len(timezones), size=count)
    return [Profile(first_id + k + 1, levels[seniority[k]], departments[department[k]], languages[spoken[k]],
                    timezones[zone[k]]) for k in range(count)]


def _texts(rng, phrases, count, spread):
    """For each of `count` people, between spread[0] and spread[1] distinct phrases."""
    sizes = rng.integers(spread[0], spread[1] + 1, size=count)
    return [[phrases[i] for i in rng.choice(len(phrases), size=size, replace=False)] for size in sizes.tolist()]


@click.command("bench-programme")
@click.option("--mentees", default=2000, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--mentors", default=500, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Encoder threads (more than one is slower on a busy machine).")
@with_appcontext
def bench_programme_command(mentees, mentors, seed, threads):
    """Score and solve a synthetic programme with the three methods (one JSON line)."""
    figures = run_benchmark(mentees, mentors, seed, current_app.config["MATCHING_ENCODER"], threads)
    click.echo(json.dumps(figures))
