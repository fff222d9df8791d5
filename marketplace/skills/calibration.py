"""Calibrated scores: the probability that a need and an offer are worth a conversation.

A cosine says which offer is closer, not whether it is relevant: the same 0.5 is a match for
one model and noise for another. For each recipe, `marketplace calibrate-matching` fits an
isotonic curve from cosines to the share of relevant pairs on the labelled workplace set
(`eval/workplace`), and chooses the display threshold there; both are stored in
`data/calibration.json` under the recipe's key. The percentage a member sees is that
probability, so the numbers on a page are in the order of the page.

A recipe without a stored curve (a test encoder, a model named in the configuration) falls
back to the cosine rescaled between the encoder's unrelated baseline and 1.
"""

import json
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .glossary import BUNDLED
from .wording import WORDING_VERSION

CALIBRATION_FILE = BUNDLED / "calibration.json"

# What the page says about a pair, from its probability; the last band starts at the
# recipe's display threshold. One list, used by the pages, the API and the README.
BANDS = ("strong", "good", "worth_a_look")
BAND_FLOORS = {"strong": 0.8, "good": 0.6}

# The display threshold is the lowest probability that keeps this share of what is shown
# relevant on the workplace set (top SHOWN_PER_NEED offers per need).
PRECISION_TARGET = 0.90
SHOWN_PER_NEED = 5
FALLBACK_THRESHOLD = 0.2  # uncalibrated recipes: rescaled cosine below which nothing shows
KNOTS = 60  # points kept on a stored curve


def calibration_key(encoder, title_weight):
    """What a curve depends on: the models, how title and description mix, the wording
    rules. Not the glossary's version: adding a term does not move the curve."""
    return f"{encoder.identity}|title{title_weight:g}|{WORDING_VERSION}"


@dataclass(frozen=True)
class Calibration:
    """A monotone map from cosine to probability, and the threshold pairs are shown from."""

    key: str
    cosines: tuple
    probabilities: tuple
    threshold: float
    fitted_on: str = ""
    baseline: float | None = None  # set on the fallback only

    @property
    def fitted(self):
        """True for a curve fitted on labels, False for the rescaled-cosine fallback."""
        return self.baseline is None

    def probability(self, cosines):
        """Probabilities (0..1) for an array of cosines, non-decreasing in the cosine."""
        cosines = np.asarray(cosines, dtype=np.float64)
        if not self.fitted:
            return np.clip((cosines - self.baseline) / (1.0 - self.baseline), 0.0, 1.0)
        return np.interp(cosines, self.cosines, self.probabilities)

    def band(self, probability):
        """"strong", "good" or "worth_a_look"; None below the display threshold."""
        if probability < self.threshold:
            return None
        for name in BANDS[:-1]:
            if probability >= max(BAND_FLOORS[name], self.threshold):
                return name
        return BANDS[-1]

    def as_json(self):
        """The curve and threshold as stored in the calibration file."""
        return {"cosines": [round(float(c), 5) for c in self.cosines],
                "probabilities": [round(float(p), 5) for p in self.probabilities],
                # Rounded down: the stored threshold shows at least what the fitted one showed.
                "threshold": math.floor(float(self.threshold) * 1e4) / 1e4, "fitted_on": self.fitted_on}


def fallback(key, baseline):
    """The rescaled cosine, for recipes nobody fitted."""
    return Calibration(key, (), (), FALLBACK_THRESHOLD, baseline=baseline)


_stored = None
_lock = threading.Lock()


def stored_calibrations(path=CALIBRATION_FILE):
    """Every stored curve by recipe key (read once per process; later calls take no lock)."""
    global _stored
    if _stored is None:
        with _lock:
            if _stored is None:
                _stored = json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else {}
    return _stored


def calibration_for(key, baseline):
    """The stored curve for this recipe, or the fallback."""
    entry = stored_calibrations().get(key)
    if entry is None:
        return fallback(key, baseline)
    return Calibration(key, tuple(entry["cosines"]), tuple(entry["probabilities"]), entry["threshold"],
                       entry.get("fitted_on", ""))


def store_calibration(calibration, path=CALIBRATION_FILE):
    """Write (or replace) one recipe's curve in the calibration file."""
    global _stored
    entries = json.loads(Path(path).read_text(encoding="utf-8")) if Path(path).exists() else {}
    entries[calibration.key] = calibration.as_json()
    Path(path).write_text(json.dumps(entries, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    with _lock:
        _stored = None


def isotonic(scores, labels):
    """Pool-adjacent-violators: the non-decreasing step function of `scores` closest to the
    0/1 labels. Returns (block mean scores, block rates, block sizes), by increasing score."""
    # Equal scores are one point (their mean label): a curve cannot give them two values.
    xs, inverse = np.unique(np.asarray(scores, dtype=np.float64), return_inverse=True)
    ys = np.bincount(inverse, weights=np.asarray(labels, dtype=np.float64))
    counts = np.bincount(inverse).astype(np.float64)
    sums_x, sums_y, sizes = [], [], []
    for x, y, n in zip(xs, ys, counts):
        sums_x.append(x * n)
        sums_y.append(y)
        sizes.append(n)
        while len(sizes) > 1 and sums_y[-2] / sizes[-2] >= sums_y[-1] / sizes[-1]:
            y_last, x_last, n_last = sums_y.pop(), sums_x.pop(), sizes.pop()
            sums_y[-1] += y_last
            sums_x[-1] += x_last
            sizes[-1] += n_last
    sizes = np.asarray(sizes, dtype=np.float64)
    return np.asarray(sums_x) / sizes, np.asarray(sums_y) / sizes, sizes


def fit_curve(scores, labels, knots=KNOTS):
    """A smooth, increasing curve through the isotonic blocks: (cosines, probabilities).

    Between block centres the probability is interpolated, so two different cosines rarely
    share a percentage; blocks are merged down to `knots` points, weighted by size.
    """
    centres, rates, sizes = isotonic(scores, labels)
    while len(centres) > knots:
        # Merge the adjacent pair with the fewest pairs behind it.
        i = int(np.argmin(sizes[:-1] + sizes[1:]))
        total = sizes[i] + sizes[i + 1]
        centres[i] = (centres[i] * sizes[i] + centres[i + 1] * sizes[i + 1]) / total
        rates[i] = (rates[i] * sizes[i] + rates[i + 1] * sizes[i + 1]) / total
        sizes[i] = total
        centres, rates, sizes = (np.delete(a, i + 1) for a in (centres, rates, sizes))
    return tuple(float(c) for c in centres), tuple(float(r) for r in rates)


def shown_figures(probabilities, relevant, threshold, shown=SHOWN_PER_NEED):
    """(shown_precision, shown_recall) of a labelled set at a threshold.

    probabilities: per need, an array over all offers; relevant: per need, a boolean array.
    Precision: the share of relevant offers among each need's top `shown` offers whose
    probability reaches the threshold (the first thing a member reads). Recall: the share of
    all relevant pairs whose probability reaches it (every such pair is on the page).
    """
    tops, hits, relevant_probabilities = _summary(probabilities, relevant, shown)
    return _shown(tops, hits, relevant_probabilities, threshold)


def choose_threshold(probabilities, relevant, target=PRECISION_TARGET):
    """The lowest threshold whose shown precision reaches the target (so recall is highest)."""
    tops, hits, relevant_probabilities = _summary(probabilities, relevant, SHOWN_PER_NEED)
    for threshold in np.unique(tops):
        if threshold > 0 and _shown(tops, hits, relevant_probabilities, threshold)[0] >= target:
            return float(threshold)
    return 1.0


def _summary(probabilities, relevant, shown):
    """Each need's top probabilities and whether each is relevant, as (needs, shown) arrays
    padded with -1, and the probabilities of every relevant pair."""
    tops = np.full((len(probabilities), shown), -1.0)
    hits = np.zeros((len(probabilities), shown), dtype=bool)
    relevant_probabilities = []
    for row, (probs, rel) in enumerate(zip(probabilities, relevant)):
        probs, rel = np.asarray(probs, dtype=np.float64), np.asarray(rel, dtype=bool)
        top = np.argsort(-probs, kind="stable")[:shown]
        tops[row, :len(top)] = probs[top]
        hits[row, :len(top)] = rel[top]
        relevant_probabilities.append(probs[rel])
    return tops, hits, np.concatenate(relevant_probabilities) if relevant_probabilities else np.zeros(0)


def _shown(tops, hits, relevant_probabilities, threshold):
    displayed = tops >= threshold
    count, good = int(displayed.sum()), int((displayed & hits).sum())
    recall = float((relevant_probabilities >= threshold).mean()) if len(relevant_probabilities) else 0.0
    return (good / count if count else 1.0), recall
