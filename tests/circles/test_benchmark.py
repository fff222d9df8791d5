"""`bench-circles` on small populations with the hashing stand-in."""

import json

from marketplace.circles.benchmark import bench_circles_command, run_benchmark

KEYS = {"solve_s", "edges", "members_in_circles", "members_in_swaps_only", "circles_2", "circles_3",
        "proven_optimal", "graph_s", "encode_s", "members", "cycles_enumerated"}


def test_a_small_population_gets_its_circles():
    # 200 members are a dense graph, which CP-SAT may not prove within the short limit: the
    # figures are checked for what they say, not for a proof.
    figures = run_benchmark(members=200, encoder="hashing", time_limit=2)
    assert KEYS <= set(figures)
    assert (figures["members"], figures["threads"], figures["encoder"]) == (200, 1, "hashing-trigrams-256")
    assert figures["edges"] > 0 and isinstance(figures["proven_optimal"], bool)
    assert figures["members_in_circles"] == 2 * figures["circles_2"] + 3 * figures["circles_3"] > 0
    assert figures["members_in_circles"] <= 200 and figures["members_in_swaps_only"] <= 200
    assert figures["cycles_enumerated"] == figures["cycles_2"] + figures["cycles_3"] >= figures["circles_3"]
    assert figures["total_points"] <= figures["bound_points"]
    assert figures["swaps_only_points"] <= figures["bound_points"]


def test_the_same_seed_gives_the_same_population():
    first, again = (run_benchmark(members=24, seed=5, encoder="hashing") for _ in range(2))
    other = run_benchmark(members=24, seed=6, encoder="hashing")
    # The population and its graph; not the circles: the cap the solver proves on depends on
    # how fast the machine is at that moment (solver.ATTEMPT_S).
    keys = ("offers", "needs", "edges")
    assert [first[k] for k in keys] == [again[k] for k in keys] != [other[k] for k in keys]
    assert first["proven_optimal"] and first["gap"] == 0


def test_the_command_prints_one_json_line(runner):
    result = runner.invoke(bench_circles_command, ["--members", "60", "--seed", "3", "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    figures = json.loads(lines[-1])
    assert len(lines) == 1 and figures["members"] == 60 and figures["encoder"] == "hashing-trigrams-256"
    assert figures["time_limit_s"] == 2
