"""The three assignment methods and the eligibility rules, on hand-made programmes whose
answers are worked out in the comments, and on random ones checked by brute force."""

import itertools

import numpy as np
import pytest

from marketplace.programmes.assignment import (
    METHODS, POINTS, UNMATCHED_REASONS, VACANCY_REASONS, Assignment, Instance, InstanceError, assess,
    blocking_pairs, compare, greedy, optimal, points, stable, unmatched_reasons, vacancies,
)
from marketplace.programmes.rules import (
    CROSS_DEPARTMENT_BONUS, SAME_TIMEZONE_BONUS, Profile, Rules, eligible_pairs, rule_bonuses, timezone_band,
)


@pytest.fixture
def greedy_trap():
    # Mentees a, b; mentors 1, 2 with one seat each. a-1 0.9, a-2 0.8, b-1 0.85 (b knows only 1).
    # Greedy takes a-1 (the best pair), then b-1 finds 1 full and a is taken: 9,000 points.
    # Optimal: a-2 + b-1 = 8,000 + 8,500 = 16,500, both matched.
    return Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.9, ("a", 2): 0.8, ("b", 1): 0.85})


def test_optimal_beats_greedy_where_the_best_pair_blocks_two_good_ones(greedy_trap):
    best, first = optimal(greedy_trap), greedy(greedy_trap)
    assert best.pairs == {"a": 2, "b": 1}
    assert (best.total, best.matched, best.worst_pair, best.proven_optimal) == (16_500, 2, 8_000, True)
    assert first.pairs == {"a": 1}
    assert (first.total, first.matched, first.worst_pair, first.proven_optimal) == (9_000, 1, 9_000, None)


def test_stable_has_no_blocking_pair_and_the_optimal_has_one(greedy_trap):
    # Stable: a and b both propose to 1, which keeps a (9,000 > 8,500); b has nobody else.
    # In the optimal pairs, a (8,000 with 2) would rather have 1 (9,000), and 1 would rather
    # have a than b (9,000 > 8,500): one blocking pair.
    result = compare(greedy_trap)
    assert list(result) == list(METHODS)
    assert result["stable"].pairs == {"a": 1}
    assert result["stable"].blocking_pairs == 0
    assert result["optimal"].blocking_pairs == 1
    assert blocking_pairs(greedy_trap, result["optimal"]) == 1


def test_capacities_above_one():
    # X has two seats, Y one. a-X 0.9, b-X 0.8, c-X 0.7, c-Y 0.6, a-Y 0.5.
    # X{a, b} + Y{c} = 9,000 + 8,000 + 6,000 = 23,000; X{b, c} + Y{a} = 20,000; X alone 17,000.
    instance = Instance.build(["a", "b", "c"], {"X": 2, "Y": 1},
                              {("a", "X"): 0.9, ("b", "X"): 0.8, ("c", "X"): 0.7, ("c", "Y"): 0.6, ("a", "Y"): 0.5})
    for method in METHODS:
        result = compare(instance)[method]
        assert result.pairs == {"a": "X", "b": "X", "c": "Y"}, method
        assert result.total == 23_000


def test_capacity_is_never_exceeded_even_when_one_mentor_is_everyone_s_best():
    # Mentor 1 (one seat) is best for all three; mentor 2 (two seats) is their second choice.
    # Best: one of them with 1 (0.9) and two with 2 (0.5 each) = 19,000.
    instance = Instance.build(["a", "b", "c"], {1: 1, 2: 2},
                              {(e, 1): 0.9 for e in "abc"} | {(e, 2): 0.5 for e in "abc"})
    result = compare(instance)
    for method in METHODS:
        assert list(result[method].pairs.values()).count(1) == 1
        assert result[method].total == 19_000 and result[method].matched == 3
    assert result["greedy"].pairs["a"] == result["stable"].pairs["a"] == 1  # ties go to the lowest id


def test_forbidden_pairs_are_removed():
    # Forbidding b-1 leaves b without any eligible mentor; a takes 1.
    instance = Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.9, ("a", 2): 0.8, ("b", 1): 0.85},
                              forbidden=[("b", 1), ("ghost", 1)])
    assert len(instance.edge_points) == 2
    for result in compare(instance).values():
        assert result.pairs == {"a": 1}
        assert unmatched_reasons(instance, result) == {"b": "no_eligible_mentor"}


def test_locked_pairs_are_kept_even_when_they_cost(greedy_trap):
    # a-1 locked: b's only mentor is then full, so every method gives a-1 alone, 9,000 < 16,500.
    locked = Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.9, ("a", 2): 0.8, ("b", 1): 0.85},
                            locked=[("a", 1)])
    for result in compare(locked).values():
        assert result.pairs == {"a": 1} and result.total == 9_000
        assert unmatched_reasons(locked, result) == {"b": "mentors_full"}


def test_a_locked_pair_outside_the_eligible_ones_counts_with_its_own_score():
    # b-2 is no edge; locked with a stored score of 0.4 it takes 2's seat: a-1 9,000 + 4,000.
    instance = Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.9, ("a", 2): 0.8, ("b", 1): 0.85},
                              locked=[("b", 2)], locked_scores={("b", 2): 0.4})
    for result in compare(instance).values():
        assert result.pairs == {"a": 1, "b": 2}
        assert result.pair_points == {"a": 9_000, "b": 4_000} and result.worst_pair == 4_000
    without_score = Instance.build(["a"], {1: 1}, {}, locked=[("a", 1)])
    assert optimal(without_score).total == 0 and optimal(without_score).pairs == {"a": 1}


@pytest.mark.parametrize("locked, forbidden", [
    ([("a", 1), ("b", 1)], ()),  # two locks on a one-seat mentor
    ([("a", 1), ("a", 2)], ()),  # a mentee locked twice
    ([("a", 1)], [("a", 1)]),  # locked and forbidden
    ([("zed", 1)], ()),  # unknown mentee
])
def test_impossible_locks_are_refused(locked, forbidden):
    with pytest.raises(InstanceError):
        Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.5}, locked=locked, forbidden=forbidden)


def test_unknown_participants_in_scores_are_refused():
    with pytest.raises(InstanceError):
        Instance.build(["a"], {1: 1}, {("a", 9): 0.5})


def test_ties_are_broken_by_id_whatever_the_order_given():
    # Two mentees worth the same to one seat: the lower id wins, in every method.
    instance = Instance.build(["b", "a"], {2: 1, 1: 1}, {("a", 1): 0.5, ("b", 1): 0.5, ("a", 2): 0.5})
    # greedy: a-1 (tie, lowest ids) then b-1 full, a-2 taken -> a alone; the optimal pairs both.
    assert greedy(instance).pairs == stable(instance).pairs == {"a": 1}
    assert optimal(instance).pairs == {"a": 2, "b": 1}
    assert optimal(instance).pairs == optimal(instance).pairs  # deterministic


def test_optimal_prefers_more_pairs_at_equal_points():
    # Two zero-point edges: leaving them out costs nothing, yet both are made.
    instance = Instance.build(["a", "b"], {1: 1, 2: 1}, {("a", 1): 0.0, ("b", 2): 0.0})
    assert optimal(instance).matched == 2


def test_reasons_for_the_unmatched_and_the_seats_left():
    # a and b want 1 (one seat); c has no eligible mentor; mentor 2 suits only a; mentor 3 nobody.
    instance = Instance.build(["a", "b", "c"], {1: 1, 2: 1, 3: 2},
                              {("a", 1): 0.9, ("b", 1): 0.8, ("a", 2): 0.3})
    best = optimal(instance)  # a-2 + b-1 = 11,000 beats a-1 alone
    assert best.pairs == {"a": 2, "b": 1}
    assert unmatched_reasons(instance, best) == {"c": "no_eligible_mentor"}
    assert vacancies(instance, best) == {3: (2, "no_eligible_mentee")}
    first = greedy(instance)  # a-1 only: b finds 1 full; 2 is left although a suits it
    assert unmatched_reasons(instance, first) == {"b": "mentors_full", "c": "no_eligible_mentor"}
    assert vacancies(instance, first) == {2: (1, "capacity_left"), 3: (2, "no_eligible_mentee")}
    edited = assess(instance, {"b": 1})  # by hand: a left out while 2 has a seat for them
    assert unmatched_reasons(instance, edited)["a"] == "mentor_available"
    assert vacancies(instance, edited)[2] == (1, "mentee_available")
    assert set(UNMATCHED_REASONS) >= set(unmatched_reasons(instance, edited).values())
    assert {reason for _, reason in vacancies(instance, edited).values()} <= set(VACANCY_REASONS)


def test_a_free_seat_makes_a_blocking_pair(greedy_trap):
    # By hand, b-1 alone: a is unmatched; a-2 blocks (2 has a free seat) and so does a-1
    # (1 would rather have a, 9,000, than b, 8,500).
    assert assess(greedy_trap, {"b": 1}).blocking_pairs == 2


def test_assess_refuses_a_mentor_over_capacity(greedy_trap):
    with pytest.raises(InstanceError):
        assess(greedy_trap, {"a": 1, "b": 1})


def test_points_are_the_same_for_numbers_and_arrays():
    values = [0.0, 0.8312, 0.99996, 0.00004, 1.0, 1.08, 0.83125, 0.00015]
    assert [points(v) for v in values] == points(np.array(values)).tolist()
    assert [points(v) for v in values[:6]] == [0, 8312, POINTS, 0, POINTS, 10_800]
    assert points(np.float32(0.8312)) == points(np.array([0.8312], dtype=np.float32))[0]


def test_an_assignment_survives_json(greedy_trap):
    result = optimal(greedy_trap)
    again = Assignment.from_json(result.as_json())
    assert again == result
    assert result.summary() == {k: v for k, v in result.as_json().items() if k != "pairs"}


# --- Random programmes against brute force ----------------------------------------------

def brute_force(instance):
    """(best total, most pairs at that total) over every assignment respecting the capacities."""
    n_m = len(instance.mentors)
    edges = {(int(e), int(m)): int(p) for e, m, p in
             zip(instance.edge_mentee, instance.edge_mentor, instance.edge_points)}
    mentee_at = {e: i for i, e in enumerate(instance.mentees)}
    mentor_at = {m: j for j, m in enumerate(instance.mentors)}
    locks = {mentee_at[a]: (mentor_at[b], p) for a, b, p in instance.locked}
    options = [[locks[i]] if i in locks else [(None, 0)] + [(j, p) for (e, j), p in edges.items() if e == i]
               for i in range(len(instance.mentees))]
    best = (-1, -1)
    for choice in itertools.product(*options):
        load = np.bincount([j for j, _ in choice if j is not None], minlength=n_m)
        if (load <= instance.capacity).all():
            best = max(best, (sum(p for _, p in choice), sum(j is not None for j, _ in choice)))
    return best


def random_instance(rng):
    mentees = [f"e{k}" for k in range(int(rng.integers(1, 6)))]
    mentors = list(range(int(rng.integers(1, 4))))
    capacities = {m: int(rng.integers(1, 3)) for m in mentors}
    # Scores on a coarse grid, so that ties are common.
    scores = {(e, m): float(rng.integers(0, 6)) / 5 for e in mentees for m in mentors if rng.random() < 0.6}
    locked = []
    if rng.random() < 0.3 and scores:
        pair = list(scores)[int(rng.integers(len(scores)))]
        locked = [pair]
    return Instance.build(mentees, capacities, scores, locked=locked)


@pytest.mark.parametrize("seed", range(50))
def test_random_programmes_against_brute_force(seed):
    instance = random_instance(np.random.default_rng(seed))
    result = compare(instance)
    best_total, most_pairs = brute_force(instance)
    assert result["optimal"].proven_optimal
    assert (result["optimal"].total, result["optimal"].matched) == (best_total, most_pairs)
    assert result["optimal"].total >= result["greedy"].total
    assert result["stable"].blocking_pairs == 0
    # Both sides rank pairs by the same points (ties by id), so the stable assignment is
    # unique and the greedy one is it (pairs taken best first never block each other).
    assert result["stable"].pairs == result["greedy"].pairs
    for a, b, _ in instance.locked:
        assert all(r.pairs[a] == b for r in result.values())


# --- Eligibility rules --------------------------------------------------------------------

def person(id, seniority="mid", department="Sales", languages=("fr", "en"), timezone="Europe/Paris", avoid=()):
    return Profile(id, seniority, department, tuple(languages), timezone, frozenset(avoid))


@pytest.mark.parametrize("kind, expected", [
    # Mentors junior, mid, executive for a senior mentee.
    ("reverse", [True, True, False]),
    ("classic", [False, False, True]),
    ("peer", [False, False, False]),
    ("group", [True, True, True]),
    ("mixed", [True, True, True]),
])
def test_the_kind_decides_the_seniority_relation(kind, expected):
    mentee = person(1, "senior")
    mentors = [person(2, "junior"), person(3, "mid"), person(4, "executive")]
    assert eligible_pairs([mentee], mentors, Rules(kind=kind))[0].tolist() == expected


def test_peer_needs_the_same_seniority():
    assert eligible_pairs([person(1, "mid")], [person(2, "mid"), person(3, "senior")],
                          Rules(kind="peer"))[0].tolist() == [True, False]


def test_language_required_means_one_shared_language():
    mentees = [person(1, languages=["fr"]), person(2, languages=["en", "de"])]
    mentors = [person(3, languages=["en"]), person(4, languages=["fr", "de"]), person(5, languages=[])]
    assert eligible_pairs(mentees, mentors, Rules(language="required")).tolist() == [
        [False, True, False], [True, True, False]]
    assert eligible_pairs(mentees, mentors, Rules(language="any")).all()


def test_department_required_and_preferred():
    mentees = [person(1, department="Sales")]
    mentors = [person(2, department="Sales"), person(3, department="Legal"), person(4, department=None)]
    assert eligible_pairs(mentees, mentors, Rules(department="required"))[0].tolist() == [False, True, True]
    assert eligible_pairs(mentees, mentors, Rules(department="preferred")).all()
    assert rule_bonuses(mentees, mentors, Rules(department="preferred"))[0].tolist() == pytest.approx(
        [0.0, CROSS_DEPARTMENT_BONUS, CROSS_DEPARTMENT_BONUS])
    assert not rule_bonuses(mentees, mentors, Rules()).any()


def test_timezone_bands():
    # Offsets on 2026-01-15: Paris +1 and London 0 share the band [0, 3); Montreal -5 is in
    # [-6, -3); Kolkata +5:30 in [3, 6); an unknown zone is in no band.
    assert [timezone_band(z) for z in ("Europe/Paris", "Europe/London", "America/Montreal", "Asia/Kolkata")] == [
        0, 0, -2, 1]
    assert timezone_band("Nowhere/Atlantis") is None and timezone_band(None) is None
    mentees = [person(1, timezone="Europe/Paris"), person(2, timezone="Nowhere/Atlantis")]
    mentors = [person(3, timezone="Europe/London"), person(4, timezone="America/Montreal"),
               person(5, timezone="Nowhere/Atlantis")]
    bonus = rule_bonuses(mentees, mentors, Rules(timezone="preferred"))
    assert np.allclose(bonus, [[SAME_TIMEZONE_BONUS, 0, 0], [0, 0, 0]])


def test_nobody_mentors_themselves_or_someone_either_side_avoids():
    mentees = [person(1, avoid={3}), person(2), person(4)]
    mentors = [person(1), person(3), person(5, avoid={2})]
    assert eligible_pairs(mentees, mentors, Rules()).tolist() == [
        [False, False, True],  # 1 is themselves and avoids 3
        [True, True, False],  # mentor 5 avoids 2
        [True, True, True],
    ]


def test_unknown_rule_choices_are_refused():
    with pytest.raises(ValueError):
        Rules(language="sometimes")
