"""`bench-programme` on a small population with the hashing stand-in."""

import json

from marketplace.programmes.benchmark import run_benchmark

KEYS = {"solve_s", "optimal_total", "greedy_total", "stable_total", "matched_optimal", "matched_greedy",
        "matched_stable", "blocking_pairs_optimal", "blocking_pairs_greedy", "blocking_pairs_stable",
        "worst_pair_optimal", "proven_optimal", "edges", "mentees", "mentors", "score_s", "threads"}


def test_a_small_programme_is_scored_and_solved():
    figures = run_benchmark(mentees=60, mentors=20, encoder="hashing")
    assert KEYS <= set(figures)
    assert (figures["mentees"], figures["mentors"], figures["threads"]) == (60, 20, 1)
    assert figures["edges"] > 0 and figures["proven_optimal"] is True
    assert figures["optimal_total"] >= figures["greedy_total"] > 0
    assert figures["blocking_pairs_stable"] == 0
    assert figures["matched_optimal"] <= min(60, figures["seats"])
    assert run_benchmark(mentees=60, mentors=20, encoder="hashing")["optimal_total"] == figures["optimal_total"]


def test_the_command_prints_one_json_line(runner):
    result = runner.invoke(args=["bench-programme", "--mentees", "30", "--mentors", "10", "--seed", "3"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output.strip().splitlines()[-1])
    assert figures["mentees"] == 30 and figures["encoder"] == "hashing-trigrams-256"
