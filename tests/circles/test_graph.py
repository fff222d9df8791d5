"""The candidate graph, read from the app's index (hashing stand-in encoder): who can teach
whom, never oneself, never a pair already in an open exchange together."""

import numpy as np
import pytest

from marketplace.circles.graph import candidate_edges, tie_breaker
from marketplace.circles.solver import find_circles
from marketplace.skills.calibration import fallback
from marketplace.skills.engine import IndexSnapshot, get_engine

# Three subjects far apart in character trigrams (glossary included): no two of them reach
# the threshold (0.2 with the hashing stand-in; the closest pair is at 0.17).
BEES, CALLIGRAPHY, CHESS = "Beekeeping basics", "Japanese calligraphy", "Chess openings"


@pytest.fixture
def triangle(make_user, make_skill):
    """Ana teaches beekeeping to Ben, Ben calligraphy to Chloé, Chloé chess to Ana:
    {name: (member, {title: skill})}."""
    people = {}
    for name, offer, need in (("Ana", BEES, CHESS), ("Ben", CALLIGRAPHY, BEES), ("Chloé", CHESS, CALLIGRAPHY)):
        member = make_user(display_name=name)
        people[name] = (member, {offer: make_skill(member, "offer", offer), need: make_skill(member, "learn", need)})
    return people


def edges_of(graph):
    """{(teacher id, learner id): (probability, need id, offer id)}."""
    members = graph.members
    return {(members[t], members[l]): (w, n, o) for t, l, w, n, o in zip(
        graph.teacher.tolist(), graph.learner.tolist(), graph.weight.tolist(), graph.need_id.tolist(),
        graph.offer_id.tolist())}


def test_a_triangle_of_offers_and_needs_gives_its_three_edges(triangle):
    graph = candidate_edges(get_engine().snapshot())
    (ana, ana_skills), (ben, ben_skills), (chloe, chloe_skills) = triangle.values()
    edges = edges_of(graph)
    assert set(edges) == {(ana.id, ben.id), (ben.id, chloe.id), (chloe.id, ana.id)}
    # Each edge remembers the learner's need and the teacher's offer that gave it.
    assert edges[(ana.id, ben.id)][1:] == (ben_skills[BEES].id, ana_skills[BEES].id)
    assert edges[(ben.id, chloe.id)][1:] == (chloe_skills[CALLIGRAPHY].id, ben_skills[CALLIGRAPHY].id)
    assert edges[(chloe.id, ana.id)][1:] == (ana_skills[CHESS].id, chloe_skills[CHESS].id)
    assert all(weight >= graph.threshold for weight, _, _ in edges.values())
    assert graph.teacher.dtype == np.int32 and len(graph) == 3
    # Solved, the three form one circle: Ana teaches Ben, Ben Chloé, Chloé Ana.
    result = find_circles(graph.members, graph.edges)
    assert result.circles == [(ana.id, ben.id, chloe.id)] and result.proven_optimal


def test_no_member_teaches_themselves(triangle, make_user, make_skill):
    dana = make_user(display_name="Dana")
    make_skill(dana, "offer", BEES)
    make_skill(dana, "learn", BEES)
    ana, ben = triangle["Ana"][0], triangle["Ben"][0]
    edges = edges_of(candidate_edges(get_engine().snapshot()))
    assert (dana.id, dana.id) not in edges
    assert {(ana.id, dana.id), (dana.id, ben.id)} <= set(edges)
    assert all(teacher != learner for teacher, learner in edges)


def test_pairs_in_an_open_exchange_and_inactive_members_get_no_edge(triangle):
    ana, ben, chloe = (member for member, _ in triangle.values())
    snapshot = get_engine().snapshot()
    # Either order of the pair removes both directions; unknown ids are ignored.
    edges = edges_of(candidate_edges(snapshot, exclude_pairs=[(ben.id, ana.id), (ana.id, 10_000)]))
    assert set(edges) == {(ben.id, chloe.id), (chloe.id, ana.id)}
    edges = edges_of(candidate_edges(snapshot, inactive=[chloe.id]))
    assert set(edges) == {(ana.id, ben.id)}
    graph = candidate_edges(snapshot, members=[ana.id, ben.id])
    assert set(edges_of(graph)) == {(ana.id, ben.id)} and graph.members == (ana.id, ben.id)


def test_each_need_keeps_its_k_best_teachers(triangle, make_user, make_skill):
    ana, ben = triangle["Ana"][0], triangle["Ben"][0]
    others = [make_user(display_name=f"Beekeeper {k}") for k in range(4)]
    for member in others:
        make_skill(member, "offer", BEES)
    make_skill(others[0], "offer", "Beekeeping basics for beginners", allow_similar=True)  # one edge still
    snapshot = get_engine().snapshot()
    teachers = {t for t, l in edges_of(candidate_edges(snapshot)) if l == ben.id}
    assert teachers == {ana.id} | {member.id for member in others}
    for k in (1, 3):
        graph = candidate_edges(snapshot, k=k)
        kept = {t for t, l in edges_of(graph) if l == ben.id}
        assert len(kept) == k and kept <= teachers
    # Equal teachers are taken in the tie breaker's order, not by id.
    need = triangle["Ben"][1][BEES].id
    ids = np.array(sorted(teachers))
    expected = ids[np.argsort(tie_breaker(np.full(len(ids), need), ids))][:3]
    assert {t for t, l in edges_of(candidate_edges(snapshot, k=3)) if l == ben.id} == set(expected.tolist())


def at_cosine(cosine):
    """An offer vector at this cosine from the need (1, 0, 0)."""
    return [cosine, (1 - cosine ** 2) ** 0.5, 0.0]


@pytest.fixture
def hand_made():
    """Member 1 needs skills 100 = (1, 0, 0) and 101 = (0, 0, 1). Member 2 offers 1 and 2 at
    cosines 1.0 and 0.9 from need 100; member 3 offers 3 at 0.8; member 4 offers 4 at 0.5 and
    6 = need 101 itself; member 5 offers 5 at 0.1 (below the 0.2 threshold of plain cosines)."""
    snapshot = IndexSnapshot.empty(3, fallback("hand-made", 0.0))
    snapshot.load("learn", [100, 101], [1, 1], np.array([[1.0, 0, 0], [0, 0, 1.0]], dtype=np.float32))
    offers = {1: (2, at_cosine(1.0)), 2: (2, at_cosine(0.9)), 3: (3, at_cosine(0.8)), 4: (4, at_cosine(0.5)),
              6: (4, [0.0, 0.0, 1.0]), 5: (5, at_cosine(0.1))}
    snapshot.load("offer", list(offers), [owner for owner, _ in offers.values()],
                  np.array([vector for _, vector in offers.values()], dtype=np.float32))
    return snapshot


def test_each_need_keeps_its_best_teachers_each_once_above_the_threshold(hand_made):
    # Need 100, best first: member 2 (1.0, and 0.9 with a second offer), 3 (0.8), 4 (0.5).
    # Two teachers kept: 2 and 3, not 2 twice. Need 101 has member 4 only.
    edges = edges_of(candidate_edges(hand_made, k=2))
    assert set(edges) == {(2, 1), (3, 1), (4, 1)}
    assert edges[(2, 1)] == pytest.approx((1.0, 100, 1))
    assert edges[(3, 1)] == pytest.approx((0.8, 100, 3))
    assert edges[(4, 1)] == pytest.approx((1.0, 101, 6))  # not a teacher kept for need 100
    edges = edges_of(candidate_edges(hand_made, k=1))
    assert set(edges) == {(2, 1), (4, 1)}
    # Member 5 (0.1) never reaches the threshold. With room for member 4 on both needs, their
    # edge is still the best pair.
    edges = edges_of(candidate_edges(hand_made, k=10))
    assert set(edges) == {(2, 1), (3, 1), (4, 1)}
    assert edges[(4, 1)] == pytest.approx((1.0, 101, 6))
    assert candidate_edges(hand_made).members == (1, 2, 3, 4, 5)


def test_an_empty_index_gives_an_empty_graph(app):
    graph = candidate_edges(get_engine().snapshot())
    assert (graph.members, len(graph)) == ((), 0)
