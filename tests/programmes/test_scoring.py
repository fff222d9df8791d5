"""Pair scores from the matching engine: best texts, the return bonus, blocks, and the
Instance they make (hashing stand-in; one test with the real model)."""

import numpy as np
import pytest

from marketplace.programmes import scoring
from marketplace.programmes.assignment import CROSS_DEPARTMENT_BONUS, Profile, Rules, points
from marketplace.programmes.scoring import RETURN_BONUS, pair_scores, programme_instance
from marketplace.skills.engine import get_engine
from marketplace.skills.ranking import RECIPROCITY_BONUS


def reference(seeks, brings):
    """Each pair's best probability, text by text: what the matching page would compute."""
    engine = get_engine()
    snapshot = engine.snapshot()
    best = np.zeros((len(seeks), len(brings)))
    for i, seek in enumerate(seeks):
        for j, bring in enumerate(brings):
            if seek and bring:
                cosines = (snapshot.to_index_space(engine.embed([(t, "") for t in seek], "query"))
                           @ snapshot.to_index_space(engine.embed([(t, "") for t in bring], "passage")).T)
                best[i, j] = snapshot.relevance(cosines).max()
    return best


SEEKS = [["Python for data analysis", "Excel pivot tables"], ["Public speaking"], [], ["Excel pivot tables"]]
BRINGS = [["Public speaking", "Excel pivot tables"], ["Negotiation skills"], ["Python scripting", "Prise de parole"]]


def test_each_pair_takes_its_best_texts(app):
    scored = pair_scores(SEEKS, BRINGS)
    assert scored.probabilities.shape == (4, 3) and scored.probabilities.dtype == np.float32
    assert np.allclose(scored.probabilities, reference(SEEKS, BRINGS), atol=1e-5)
    # Identical texts are the best pair: the mentee's 2nd seek and the mentor's 2nd bring.
    assert (scored.seek_index[0, 0], scored.bring_index[0, 0]) == (1, 1)
    assert (scored.seek_index[1, 0], scored.bring_index[1, 0]) == (0, 0)
    assert (scored.seek_index[3, 0], scored.bring_index[3, 0]) == (0, 1)
    # Every pair's texts are the ones that give its probability.
    for i, j in zip(*np.nonzero(scored.seek_index >= 0)):
        chosen = reference([[SEEKS[i][scored.seek_index[i, j]]]], [[BRINGS[j][scored.bring_index[i, j]]]])
        assert chosen[0, 0] == pytest.approx(scored.probabilities[i, j], abs=1e-5)
    assert scored.probabilities[0, 0] == pytest.approx(1.0)
    # Nothing sought: no score, no texts.
    assert not scored.probabilities[2].any() and (scored.seek_index[2] == -1).all()
    assert scored.threshold == get_engine().snapshot().calibration.threshold
    assert (scored.relevant == (scored.probabilities >= scored.threshold)).all()
    assert scored.return_probabilities is None and not scored.return_relevant.any()
    assert (scored.scores == scored.probabilities).all()


def test_blocks_give_the_same_answer(app, monkeypatch):
    whole = pair_scores(SEEKS, BRINGS)
    monkeypatch.setattr(scoring, "BLOCK_CELLS", 1)  # one mentee per block
    split = pair_scores(SEEKS, BRINGS)
    assert np.allclose(whole.probabilities, split.probabilities, atol=1e-6)  # BLAS blocks round apart
    assert np.array_equal(whole.seek_index, split.seek_index) and np.array_equal(whole.bring_index, split.bring_index)


def test_a_return_match_adds_its_bonus_above_the_threshold(app):
    # The mentee brings public speaking, which mentor 0 seeks; mentor 1 seeks something else.
    seeks, brings = [["Excel pivot tables"]], [["Excel pivot tables"], ["Excel pivot tables"]]
    scored = pair_scores(seeks, brings, return_seeks=[["Public speaking"], ["Quokka zoology"]],
                         return_brings=[["Wine tasting", "Public speaking"]])
    assert RETURN_BONUS == RECIPROCITY_BONUS
    assert scored.return_probabilities.shape == (1, 2)
    assert scored.return_relevant.tolist() == [[True, False]]
    assert (scored.return_seek_index[0, 0], scored.return_bring_index[0, 0]) == (0, 1)
    assert 0 < scored.return_probabilities[0, 1] < scored.threshold
    assert scored.scores[0, 0] == pytest.approx(scored.probabilities[0, 0] + RETURN_BONUS * 1.0)
    assert scored.scores[0, 1] == pytest.approx(scored.probabilities[0, 1])


def test_the_instance_keeps_relevant_eligible_pairs_with_their_bonuses(app):
    mentees = [Profile(1, "senior", "Sales", ("fr",)), Profile(2, "senior", "Legal", ("en",))]
    mentors = [Profile(3, "junior", "Legal", ("fr", "en")), Profile(4, "executive", "Legal", ("fr", "en"))]
    scored = pair_scores([["Excel pivot tables"], ["Excel pivot tables"]],
                         [["Excel pivot tables"], ["Excel pivot tables"]])
    instance = programme_instance(mentees, mentors, {3: 2, 4: 1}, scored,
                                  Rules(kind="reverse", language="required", department="preferred"))
    # Reverse: only the junior mentor 3 teaches; mentee 1 is from another department (+bonus).
    pairs = {(instance.mentees[e], instance.mentors[m]): p for e, m, p in
             zip(instance.edge_mentee, instance.edge_mentor, instance.edge_points)}
    assert pairs == {(1, 3): points(scored.probabilities[0, 0] + np.float32(CROSS_DEPARTMENT_BONUS)),
                     (2, 3): points(scored.probabilities[1, 0])}


@pytest.mark.real_model
def test_a_french_need_meets_an_english_offer_and_not_an_unrelated_one(app):
    scored = pair_scores([["Prise de parole en public", "Je veux comprendre TikTok"]],
                         [["Excel pivot tables", "Short-form video marketing on TikTok"], ["Excel pivot tables"]])
    assert scored.relevant.tolist() == [[True, False]]
    assert (scored.seek_index[0, 0], scored.bring_index[0, 0]) == (1, 1)
    assert scored.probabilities[0, 1] < 0.01


@pytest.mark.real_model
def test_translations_inherit_the_engine_s_known_limit(app):
    # README, "Known limits": a translation often scores under the display threshold, and a
    # programme inherits it: "apprendre la négociation commerciale" reads 44 % against
    # "Negotiation skills for sales" (threshold 76 %), still far above an unrelated offer.
    scored = pair_scores([["apprendre la négociation commerciale"]],
                         [["Negotiation skills for sales"], ["Excel pivot tables"]])
    assert scored.relevant.tolist() == [[False, False]]
    assert scored.probabilities[0, 0] > 0.3 > 0.01 > scored.probabilities[0, 1]
