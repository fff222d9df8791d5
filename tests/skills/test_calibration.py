"""Calibration: the isotonic curve from cosine to the probability that a need and an offer are
worth a conversation, the bands a page shows, and the display threshold chosen for a target
shown precision. Hand-made numbers; the commands run with the hashing encoder (no model)."""

import json

import numpy as np
import pytest

from marketplace.skills.wording import WORDING_VERSION
from marketplace.skills import calibration as calibration_module
from marketplace.skills.calibration import (BAND_FLOORS, CALIBRATION_FILE, KNOTS, PRECISION_TARGET, Calibration,
                                            choose_threshold, fallback, fit_curve, isotonic, shown_figures)


def calibration(threshold=0.3, cosines=(0.1, 0.3, 0.5, 0.7), probabilities=(0.0, 0.2, 0.7, 0.95)):
    return Calibration("test-key", cosines, probabilities, threshold)


def pava(labels):
    """Pool-adjacent-violators by hand, for labels already in score order: fitted values."""
    blocks = [[y] for y in labels]
    merged = True
    while merged:
        merged = False
        for i in range(len(blocks) - 1):
            if np.mean(blocks[i]) > np.mean(blocks[i + 1]):
                blocks[i:i + 2] = [blocks[i] + blocks[i + 1]]
                merged = True
                break
    return [float(np.mean(block)) for block in blocks for _ in block]


# --- The curve --------------------------------------------------------------------------------

def test_isotonic_pools_adjacent_violators_on_a_hand_example():
    # By score: 0, 1, 0, 1, 1 -> the 1 then 0 pool to 0.5; fitted values 0, .5, .5, 1, 1.
    centres, rates, sizes = isotonic([0.5, 0.1, 0.3, 0.2, 0.4], [1, 0, 0, 1, 1])
    assert list(sizes) == [1, 2, 2]
    assert list(rates) == [0.0, 0.5, 1.0]
    assert list(centres) == pytest.approx([0.1, 0.25, 0.45])
    fitted = np.repeat(rates, sizes.astype(int))
    assert list(fitted) == pava([0, 1, 0, 1, 1])


def test_isotonic_pools_a_run_of_violations_backwards():
    # 1, 0, 0, 1: the first three pool to 1/3.
    centres, rates, sizes = isotonic([1, 2, 3, 4], [1, 0, 0, 1])
    assert list(rates) == pytest.approx([1 / 3, 1.0])
    assert list(centres) == pytest.approx([2.0, 4.0])
    assert list(np.repeat(rates, sizes.astype(int))) == pytest.approx(pava([1, 0, 0, 1]))


def test_isotonic_is_non_decreasing_and_matches_pava_on_random_labels():
    rng = np.random.default_rng(3)
    scores = rng.random(300)
    labels = rng.random(300) < scores
    centres, rates, sizes = isotonic(scores, labels)
    assert np.all(np.diff(rates) >= 0) and np.all(np.diff(centres) > 0)
    assert sizes.sum() == 300
    in_order = labels[np.argsort(scores, kind="stable")].astype(float)
    assert list(np.repeat(rates, sizes.astype(int))) == pytest.approx(pava(list(in_order)))


@pytest.mark.parametrize("knots", [KNOTS, 8])
def test_fit_curve_is_increasing_with_at_most_the_knots(knots):
    rng = np.random.default_rng(7)
    scores = rng.normal(0.4, 0.15, 5000)
    labels = rng.random(5000) < np.clip(scores * 1.5 - 0.2, 0, 1)
    cosines, probabilities = fit_curve(scores, labels, knots=knots)
    assert 2 <= len(cosines) == len(probabilities) <= knots
    assert np.all(np.diff(cosines) > 0)
    assert np.all(np.diff(probabilities) >= 0)
    assert 0.0 <= min(probabilities) and max(probabilities) <= 1.0
    # Merging keeps the overall rate: the size-weighted mean of the blocks.
    assert min(probabilities) < labels.mean() < max(probabilities)


def test_fit_curve_gives_tied_cosines_one_probability():
    """Two identical offers (the same cosine to a need), one labelled relevant, one not: the
    curve has one point there, else `probability` interpolates over a vertical step."""
    cosines, probabilities = fit_curve([0.1, 0.5, 0.5, 0.5], [0, 1, 0, 1])
    assert np.all(np.diff(cosines) > 0), (cosines, probabilities)
    assert probabilities[-1] == pytest.approx(2 / 3)


def test_probability_is_monotone_and_interpolated():
    curve = calibration()
    cosines = np.linspace(-0.2, 1.0, 200)
    probabilities = curve.probability(cosines)
    assert np.all(np.diff(probabilities) >= 0)
    assert probabilities[0] == 0.0 and probabilities[-1] == pytest.approx(0.95)
    assert curve.probability([0.4])[0] == pytest.approx(0.45)  # half way from 0.2 to 0.7
    assert curve.fitted


def test_fallback_rescales_the_cosine_from_the_baseline():
    curve = fallback("hashing", baseline=0.2)
    assert not curve.fitted
    assert list(curve.probability([0.1, 0.2, 0.6, 1.0])) == pytest.approx([0.0, 0.0, 0.5, 1.0])
    assert np.all(np.diff(curve.probability(np.linspace(-1, 1, 50))) >= 0)


# --- Bands ------------------------------------------------------------------------------------

@pytest.mark.parametrize("probability,band", [
    (1.0, "strong"), (0.8, "strong"), (0.7999, "good"), (0.6, "good"), (0.5999, "worth_a_look"),
    (0.3, "worth_a_look"), (0.2999, None), (0.0, None),
])
def test_band_boundaries(probability, band):
    assert BAND_FLOORS == {"strong": 0.8, "good": 0.6}
    assert calibration(threshold=0.3).band(probability) == band


def test_band_of_a_float32_probability_at_a_floor():
    assert calibration(threshold=0.3).band(np.float32(0.8)) == "strong"
    assert calibration(threshold=0.3).band(np.float32(0.6)) == "good"


@pytest.mark.parametrize("threshold,probability,band", [
    (0.7, 0.69, None), (0.7, 0.7, "good"), (0.85, 0.84, None), (0.85, 0.85, "strong"),
])
def test_nothing_shows_below_a_high_threshold(threshold, probability, band):
    assert calibration(threshold=threshold).band(probability) == band


# --- Shown precision and recall, and the threshold --------------------------------------------

# Three needs against their offers: the probabilities the curve gives and which are relevant.
PROBABILITIES = [np.array([0.9, 0.7, 0.3, 0.1]), np.array([0.2, 0.95]), np.array([0.4, 0.5, 0.6])]
RELEVANT = [np.array([True, False, True, False]), np.array([False, True]), np.array([False, False, False])]


@pytest.mark.parametrize("threshold,shown,precision,recall", [
    # Precision over each need's top `shown` offers reaching the threshold; recall over the
    # three relevant pairs (.9, .3, .95) reaching it, on the page whatever their rank.
    # At 0.5, two a need: need 1 shows .9 (relevant) and .7, need 2 .95 (relevant), need 3 .6, .5.
    (0.5, 2, 2 / 5, 2 / 3),
    (0.8, 2, 1.0, 2 / 3),
    (0.96, 2, 1.0, 0.0),  # nothing shown: nothing wrong shown, nothing found
    # One a need: .9, .95 and .6 at 0.5.
    (0.5, 1, 2 / 3, 2 / 3),
    # Five a need: from 0.3 on, need 1's relevant .3 is shown too (and need 3's .4).
    (0.3, 5, 3 / 7, 1.0),
])
def test_shown_figures_on_three_needs(threshold, shown, precision, recall):
    got = shown_figures(PROBABILITIES, RELEVANT, threshold, shown=shown)
    assert got == pytest.approx((precision, recall))


def test_choose_threshold_is_the_lowest_reaching_the_target():
    assert choose_threshold(PROBABILITIES, RELEVANT, target=0.9) == pytest.approx(0.9)
    assert choose_threshold(PROBABILITIES, RELEVANT, target=0.6) == pytest.approx(0.7)
    # Any lower threshold of the candidates misses the target.
    for lower in (0.6, 0.5, 0.4, 0.3):
        assert shown_figures(PROBABILITIES, RELEVANT, lower)[0] < 0.6
    # Precision is not monotone in the threshold (0.43 at 0.3, 0.33 at 0.4): the lowest wins.
    assert choose_threshold(PROBABILITIES, RELEVANT, target=0.4) == pytest.approx(0.3)


def test_choose_threshold_when_nothing_reaches_the_target():
    nothing = [np.array([0.9, 0.5]), np.array([0.8])]
    assert choose_threshold(nothing, [np.array([False, False]), np.array([False])]) == 1.0
    assert PRECISION_TARGET == 0.9


# --- The stored curves --------------------------------------------------------------------------

def test_stored_calibrations_are_valid_curves():
    if not CALIBRATION_FILE.exists():
        pytest.skip("no calibration.json stored yet")
    entries = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))
    assert entries
    for key, entry in entries.items():
        cosines, probabilities = entry["cosines"], entry["probabilities"]
        assert len(cosines) == len(probabilities) >= 2, key
        assert len(cosines) <= KNOTS, key
        assert all(b > a for a, b in zip(cosines, cosines[1:])), key
        assert all(b >= a for a, b in zip(probabilities, probabilities[1:])), key
        assert all(0.0 <= p <= 1.0 for p in probabilities), key
        assert 0.0 < entry["threshold"] < 1.0, key
        assert key.count("|") == 2 and "|title" in key, key


# --- The commands ---------------------------------------------------------------------------

@pytest.fixture
def app_config(app_config):
    """The hashing encoder: the commands do not depend on the model."""
    return {**app_config, "MATCHING_ENCODER": "hashing"}


def test_calibrate_matching_fits_and_stores_the_current_recipe(runner, monkeypatch, tmp_path):
    stored = tmp_path / "calibration.json"
    original = calibration_module.store_calibration
    monkeypatch.setattr(calibration_module, "store_calibration", lambda c: original(c, path=stored))
    result = runner.invoke(args=["calibrate-matching", "eval/workplace", "--write"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.splitlines()[0])
    assert figures["key"] == f"hashing-trigrams-256|title0.5|{WORDING_VERSION}"
    assert figures["needs"] > 100 and figures["offers"] > 100
    assert 0.0 < figures["threshold"] <= 1.0
    assert 0.0 <= figures["shown_recall"] <= 1.0 and 0.0 <= figures["cv_shown_precision"] <= 1.0
    entry = json.loads(stored.read_text(encoding="utf-8"))[figures["key"]]
    assert entry["fitted_on"] == "workplace"
    assert all(b > a for a, b in zip(entry["cosines"], entry["cosines"][1:]))
    assert all(b >= a for a, b in zip(entry["probabilities"], entry["probabilities"][1:]))
    assert entry["threshold"] == pytest.approx(figures["threshold"], abs=1.5e-4)  # stored rounded down


def test_eval_matching_reports_one_line_per_folder(runner):
    result = runner.invoke(args=["eval-matching", "eval/workplace"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    figures = json.loads(line)
    assert 0.0 <= figures["shown_precision"] <= 1.0 and figures["calibrated"] is False
