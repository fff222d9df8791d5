"""Who may mentor whom in a programme, and which pairs the manager's preferences favour.

Pure functions over light participant profiles (no Flask, no database), vectorised over
every (mentee, mentor) pair: a 2,000 x 500 programme is a handful of array operations.

- `eligible_pairs`: the hard rules (seniority relation of the programme's kind, a shared
  language when required, different departments when required, never oneself, never someone
  either side asked to avoid).
- `rule_bonuses`: the soft ones ("preferred"), added to a pair's match quality before it is
  turned into points (assignment.points). Bonuses go on top of the relevance (0..1), so a
  quality can exceed 1: they only reorder pairs the skills already justify.
"""

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from ..skills.ranking import relation

# The choices of a programme's rules: one list each, for the forms, the checks and the rules.
LANGUAGE_RULES = ("required", "any")  # required: mentor and mentee share a language
DEPARTMENT_RULES = ("required", "preferred", "any")  # about different departments
TIMEZONE_RULES = ("preferred", "any")  # about the same time-zone band

# The relation (skills.ranking.relation, mentor teaching mentee) a programme kind requires;
# other kinds (group, mixed) accept any relation.
REQUIRED_RELATION = {"classic": "classic", "reverse": "reverse", "peer": "peer"}

CROSS_DEPARTMENT_BONUS = 0.05  # department rule "preferred", departments differ
SAME_TIMEZONE_BONUS = 0.03  # time-zone rule "preferred", same band

# Time zones are compared by their UTC offset at one fixed instant (so the answer does not
# change with daylight saving time or the day it is asked), in bands of this many hours:
# offsets in [0 h, 3 h) are one band, [-3 h, 0 h) the next, and so on.
REFERENCE_INSTANT = datetime(2026, 1, 15, 12, tzinfo=timezone.utc)
BAND_HOURS = 3


@dataclass(frozen=True)
class Profile:
    """What the rules read of a participant. `avoid`: ids of people they must not be paired with."""

    id: object
    seniority: str | None = None
    department: str | None = None
    languages: tuple = ()
    timezone: str | None = None
    avoid: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class Rules:
    """A programme's matching rules: its kind and the language, department and time-zone rules."""

    kind: str = "mixed"
    language: str = "any"
    department: str = "any"
    timezone: str = "any"

    def __post_init__(self):
        for value, choices in ((self.language, LANGUAGE_RULES), (self.department, DEPARTMENT_RULES),
                               (self.timezone, TIMEZONE_RULES)):
            if value not in choices:
                raise ValueError(f"unknown rule {value!r} (choices: {', '.join(choices)})")


def eligible_pairs(mentees, mentors, rules):
    """Which pairs the programme's hard rules allow.

    Args:
        mentees, mentors: sequences of Profile.
        rules: the programme's Rules.

    Returns:
        A boolean array [len(mentees), len(mentors)].
    """
    allowed = np.ones((len(mentees), len(mentors)), dtype=bool)
    wanted = REQUIRED_RELATION.get(rules.kind)
    if wanted is not None:
        allowed &= _in_relation(mentees, mentors, wanted)
    if rules.language == "required":
        allowed &= _share_a_language(mentees, mentors)
    if rules.department == "required":
        allowed &= ~_same(mentees, mentors, lambda p: p.department or None)
    mentor_at = {p.id: j for j, p in enumerate(mentors)}
    mentee_at = {p.id: i for i, p in enumerate(mentees)}
    for i, mentee in enumerate(mentees):
        for other in (mentee.id, *mentee.avoid):
            if other in mentor_at:
                allowed[i, mentor_at[other]] = False
    for j, mentor in enumerate(mentors):
        for other in mentor.avoid:
            if other in mentee_at:
                allowed[mentee_at[other], j] = False
    return allowed


def rule_bonuses(mentees, mentors, rules):
    """The bonus each pair earns from the programme's "preferred" rules: a float32 array
    [len(mentees), len(mentors)] (zeros when nothing is preferred)."""
    bonus = np.zeros((len(mentees), len(mentors)), dtype=np.float32)
    if rules.department == "preferred":
        bonus += CROSS_DEPARTMENT_BONUS * ~_same(mentees, mentors, lambda p: p.department or None)
    if rules.timezone == "preferred":
        bonus += SAME_TIMEZONE_BONUS * _same(mentees, mentors, lambda p: timezone_band(p.timezone))
    return bonus


@lru_cache(maxsize=1024)
def timezone_band(name):
    """The band of an IANA time zone's UTC offset at REFERENCE_INSTANT; None when unknown."""
    try:
        offset = REFERENCE_INSTANT.astimezone(ZoneInfo(name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return None
    return math.floor(offset.total_seconds() / 3600 / BAND_HOURS)


def _codes(values):
    """Values as integer codes, equal values sharing one; each None gets a code of its own
    (an unknown value equals nothing, not even another unknown)."""
    known = {}
    codes = np.empty(len(values), dtype=np.int64)
    for row, value in enumerate(values):
        codes[row] = -1 - row if value is None else known.setdefault(value, len(known))
    return codes


def _same(mentees, mentors, key):
    """Pairs whose two sides have the same known value of `key`."""
    codes = _codes([key(p) for p in mentees] + [key(p) for p in mentors])
    return codes[:len(mentees), None] == codes[None, len(mentees):]


def _share_a_language(mentees, mentors):
    vocabulary = {code: k for k, code in enumerate(
        dict.fromkeys(code for p in (*mentees, *mentors) for code in p.languages))}

    def spoken(profiles):
        matrix = np.zeros((len(profiles), max(len(vocabulary), 1)), dtype=np.float32)
        for row, p in enumerate(profiles):
            matrix[row, [vocabulary[code] for code in p.languages]] = 1.0
        return matrix

    return spoken(mentees) @ spoken(mentors).T > 0


def _in_relation(mentees, mentors, wanted):
    """Pairs whose skills.ranking.relation (the mentor teaching) is `wanted`: asked once per
    pair of distinct seniorities, so its defaults (unknown counts as mid) hold here too."""
    levels = list(dict.fromkeys(p.seniority for p in (*mentees, *mentors)))
    at = {level: k for k, level in enumerate(levels)}
    table = np.array([[relation(teacher, learner) == wanted for teacher in levels] for learner in levels])
    return table[np.array([at[p.seniority] for p in mentees], dtype=np.int64)[:, None],
                 np.array([at[p.seniority] for p in mentors], dtype=np.int64)[None, :]]
