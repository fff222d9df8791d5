"""Matching a programme's participants globally, the manager's adjustments (lock, forbid,
swap, re-run around locked pairs) and publishing the pairs as exchanges."""

from collections import Counter
from datetime import datetime, time

import sqlalchemy as sa
from flask_babel import gettext as _

from ..accounts.models import utcnow
from ..errors import NotFound
from ..exchange.meetings import NonexistentLocalTime, to_utc
from ..exchange.models import Cohort, CohortSeat, Exchange, Meeting, Teaching
from ..exchange.services import make_objectives
from ..extensions import db
from ..notifications.services import notify
from ..skills.ranking import relation, shown_percent
from . import assignment, rules, scoring
from .models import (
    FIRST_MEETING_AFTER, FIRST_MEETING_HOUR, ForbiddenPair, ProgrammePair,
)
from .services import ProgrammeError, check_manages, lock_programme

# A mentee some mentor's rules admit, but whose sought skills meet no admitted mentor's
# (below the display threshold); reported apart from assignment.UNMATCHED_REASONS' first.
NO_SKILL_OVERLAP = "no_skill_overlap"

def candidates(programme):
    """(mentees, mentors): participants who answered, by the roles they accept."""
    answered = [p for p in programme.participants if p.status == "answered" and p.user is not None
                and p.user.deleted_at is None]
    return [p for p in answered if p.can_be_mentored], [p for p in answered if p.can_mentor]


def capacity_of(programme, participant):
    """How many mentees a mentor takes: their own answer, within the programme's limit."""
    return min(participant.capacity or programme.mentor_capacity, programme.mentor_capacity)


def programme_profiles(participants, everyone):
    """The rules' view of participants; people to avoid (e-mails, both ways) become participant ids."""
    by_email = {}
    for person in everyone:
        by_email.setdefault(person.email, set()).add(person.id)
    return [rules.Profile(id=p.id, seniority=p.user.seniority, department=p.user.department,
                          languages=tuple(p.user.languages or ()), timezone=p.user.timezone,
                          avoid=frozenset(i for email in p.avoid for i in by_email.get(email, ())))
            for p in participants]


def programme_rules(programme):
    """The programme's matching rules as the rules module reads them."""
    return rules.Rules(kind=programme.kind, language=programme.language_rule,
                       department=programme.department_rule, timezone=programme.timezone_rule)


def _scores(mentees, mentors):
    return scoring.pair_scores([m.seeks for m in mentees], [m.brings for m in mentors],
                               return_seeks=[m.seeks for m in mentors], return_brings=[m.brings for m in mentees])


def _explanation(scored, mentee, mentor, i, j):
    seek, bring = int(scored.seek_index[i, j]), int(scored.bring_index[i, j])
    probability = float(scored.probabilities[i, j])
    explained = {"seek": mentee.seeks[seek], "bring": mentor.brings[bring], "percent": shown_percent(probability),
                 "relation": relation(mentor.user.seniority, mentee.user.seniority)}
    if scored.return_probabilities is not None and scored.return_relevant[i, j]:
        explained["return"] = {"seek": mentor.seeks[int(scored.return_seek_index[i, j])],
                               "bring": mentee.brings[int(scored.return_bring_index[i, j])],
                               "percent": shown_percent(float(scored.return_probabilities[i, j]))}
    return explained


def run_matching(programme, manager, now=None):
    """One click: the assignment with the highest total match quality under the capacities and
    rules, around the pairs the manager locked (and those already published), compared with a
    greedy and a stable one.

    The optimal pairs replace the unlocked, unpublished ones; the comparison and the unmatched
    participants (with the reason) are kept on the programme for its matching page."""
    check_manages(programme, manager)
    lock_programme(programme)
    if programme.status == "closed":
        raise ProgrammeError(_("This programme is closed."))
    now = now or utcnow()
    mentees, mentors = candidates(programme)
    mentee_ids, mentor_ids = {p.id for p in mentees}, {p.id for p in mentors}
    by_id = {p.id: p for p in mentees + mentors}
    published = [p for p in programme.pairs if p.exchange_id is not None]
    locked = [p for p in programme.pairs if p.exchange_id is None and p.state == "locked"
              and p.mentee_id in mentee_ids and p.mentor_id in mentor_ids
              and _allowed(programme, [by_id[p.mentee_id]], [by_id[p.mentor_id]])[0, 0]]
    kept = locked + [p for p in published if p.mentee_id in mentee_ids and p.mentor_id in mentor_ids]
    # A mentee whose published pair lost its mentor keeps that exchange: not paired again here.
    orphans = {p.mentee_id for p in published if p not in kept}
    mentees = [m for m in mentees if m.id not in orphans]
    # The model runs (for texts without a stored vector) before anything else is written.
    everyone = mentees + mentors
    scoring.remember_texts([t for m in everyone for t in m.brings], [t for m in everyone for t in m.seeks])
    scored = _scores(mentees, mentors)
    # A published pair keeps its seat even if the manager lowered the capacity since.
    load = Counter(p.mentor_id for p in kept)
    capacities = {m.id: max(capacity_of(programme, m), load[m.id]) for m in mentors}
    mentee_profiles = programme_profiles(mentees, programme.participants)
    mentor_profiles = programme_profiles(mentors, programme.participants)
    try:
        instance = scoring.programme_instance(
            mentee_profiles, mentor_profiles, capacities, scored, programme_rules(programme),
            locked=[(p.mentee_id, p.mentor_id) for p in kept], forbidden=sorted(_forbidden(programme)))
    except assignment.InstanceError:
        raise ProgrammeError(_("More pairs are locked to a mentor than the mentees they take: release one.")) from None
    compared = assignment.compare(instance)
    for pair in [p for p in programme.pairs if p not in kept and p.exchange_id is None]:
        programme.pairs.remove(pair)
    db.session.flush()
    row = {p.id: i for i, p in enumerate(mentees)}
    column = {p.id: j for j, p in enumerate(mentors)}
    kept_mentees = {p.mentee_id for p in kept}
    for mentee_id, mentor_id in sorted(compared["optimal"].pairs.items()):
        if mentee_id in kept_mentees:
            continue
        i, j = row[mentee_id], column[mentor_id]
        programme.pairs.append(ProgrammePair(
            mentee_id=mentee_id, mentor_id=mentor_id, state="proposed",
            score=compared["optimal"].pair_points[mentee_id] / assignment.POINTS,
            explanation=_explanation(scored, by_id[mentee_id], by_id[mentor_id], i, j)))
    reasons = assignment.unmatched_reasons(instance, compared["optimal"])
    rules_allow = rules.eligible_pairs(mentee_profiles, mentor_profiles, programme_rules(programme)).any(axis=1)
    for mentee_id, reason in reasons.items():  # the rules let some mentor in: it is the skills that do not meet
        if reason == "no_eligible_mentor" and rules_allow[row[mentee_id]]:
            reasons[mentee_id] = NO_SKILL_OVERLAP
    free = assignment.vacancies(instance, compared["optimal"])
    # Unmatched: in no pair at all. A mentor with a mentee and seats left, or someone who may
    # do both and is paired one way, is matched.
    paired = set(compared["optimal"].pairs) | set(compared["optimal"].pairs.values())
    programme.matching = {
        "methods": {name: _figures(result) for name, result in compared.items()},
        "unmatched": [{"participant_id": pid, "reason": reason} for pid, reason in sorted(reasons.items())
                      if pid not in paired]
        + [{"participant_id": pid, "reason": reason, "seats": seats} for pid, (seats, reason) in sorted(free.items())
           if pid not in paired],
        "edges": int(len(instance.edge_points)),
        "at": now.isoformat(),
    }
    programme.matched_at = now
    db.session.flush()
    return programme.matching


def _quality(programme, scored, mentees, mentors):
    """Pairs' quality as the matching counts it: the score plus the preferred rules' bonuses."""
    everyone = programme.participants
    return scored.scores + rules.rule_bonuses(programme_profiles(mentees, everyone),
                                              programme_profiles(mentors, everyone), programme_rules(programme))


def _figures(result):
    """A method's figures as the matching page shows them (scores, not points)."""
    figures = result.summary()
    figures["total"] = result.total / assignment.POINTS
    figures["worst_pair"] = None if result.worst_pair is None else result.worst_pair / assignment.POINTS
    return figures


def _forbidden(programme):
    return {tuple(row) for row in db.session.execute(sa.select(ForbiddenPair.mentee_id, ForbiddenPair.mentor_id)
                                                      .where(ForbiddenPair.programme_id == programme.id))}


def _allowed(programme, mentees, mentors):
    """Which (mentee, mentor) pairs the programme allows now: its rules, the people each asked
    to avoid, and the pairs the manager forbade (a boolean matrix)."""
    everyone = programme.participants
    allowed = rules.eligible_pairs(programme_profiles(mentees, everyone), programme_profiles(mentors, everyone),
                                   programme_rules(programme))
    forbidden = _forbidden(programme)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            allowed[i, j] &= (mentee.id, mentor.id) not in forbidden
    return allowed


def _pair(programme, pair_id):
    pair = db.session.get(ProgrammePair, pair_id)
    if pair is None or pair.programme_id != programme.id:
        raise NotFound(_("This pair does not exist."))
    return pair


def _unpublished(programme, pair_id):
    pair = _pair(programme, pair_id)
    if pair.exchange_id is not None:
        raise ProgrammeError(_("This pair is published: its members run their exchange now."))
    return pair


def lock_pair(programme, manager, pair_id, locked=True):
    """Keep a pair through re-runs (or release it)."""
    check_manages(programme, manager)
    lock_programme(programme)
    pair = _unpublished(programme, pair_id)
    pair.state = "locked" if locked else "proposed"
    db.session.flush()
    return pair


def forbid_pair(programme, manager, pair_id):
    """This mentor and mentee must never be paired: the pair goes, and re-runs respect it."""
    check_manages(programme, manager)
    lock_programme(programme)
    pair = _unpublished(programme, pair_id)
    if (pair.mentee_id, pair.mentor_id) not in _forbidden(programme):
        db.session.add(ForbiddenPair(programme_id=programme.id, mentor_id=pair.mentor_id, mentee_id=pair.mentee_id))
    programme.pairs.remove(pair)
    db.session.flush()


def swap_mentees(programme, manager, first_id, second_id):
    """Give each of two mentors the other's mentee; both new pairs are locked (the manager
    decided them) and scored with the same engine. Refused when a new pair breaks a rule of
    the programme, a forbidden pair, or someone's wish not to be paired with the other."""
    check_manages(programme, manager)
    lock_programme(programme)
    first, second = _unpublished(programme, first_id), _unpublished(programme, second_id)
    if first.id == second.id or first.mentor_id == second.mentor_id:
        raise ProgrammeError(_("Choose two pairs with different mentors."), 400, "second")
    if first.mentee_id == second.mentor_id or second.mentee_id == first.mentor_id:
        raise ProgrammeError(_("Nobody can mentor themselves."), 400, "second")
    mentees, mentors = [first.mentee, second.mentee], [first.mentor, second.mentor]
    allowed = _allowed(programme, mentees, mentors)
    if not (allowed[1, 0] and allowed[0, 1]):
        raise ProgrammeError(_("This swap breaks a rule of the programme, a forbidden pair, or someone’s wish "
                               "not to be paired with the other."), 400, "second")
    scored = _scores(mentees, mentors)
    quality = _quality(programme, scored, mentees, mentors)
    programme.pairs.remove(first)
    programme.pairs.remove(second)
    db.session.flush()  # the (programme, mentee) rows are free before the new pairs take them
    swapped = []
    for i, j in ((1, 0), (0, 1)):
        pair = ProgrammePair(mentee_id=mentees[i].id, mentor_id=mentors[j].id, score=float(quality[i, j]),
                             explanation=_explanation(scored, mentees[i], mentors[j], i, j), state="locked")
        programme.pairs.append(pair)
        swapped.append(pair)
    db.session.flush()
    return swapped


def publish(programme, manager, now=None):
    """Turn every unpublished pair into an exchange with the programme's framework and
    objectives (a group programme opens one cohort per mentor and seats their mentees), tell
    both sides, and plan a first meeting "to get to know each other". Returns how many
    exchanges were created."""
    check_manages(programme, manager)
    lock_programme(programme)
    if programme.status == "closed":
        raise ProgrammeError(_("This programme is closed."))
    now = now or utcnow()
    waiting = [p for p in programme.pairs if p.exchange_id is None and all(
        side.status == "answered" and side.user is not None and side.user.deleted_at is None
        for side in (p.mentor, p.mentee))]
    if not waiting:
        raise ProgrammeError(_("There is no pair to publish: run the matching first."))
    objectives = programme.objective_list()
    framework = programme.framework()
    created = 0
    if programme.kind == "group":
        by_mentor = {}
        for pair in waiting:
            by_mentor.setdefault(pair.mentor_id, []).append(pair)
        for pairs in by_mentor.values():
            _open_programme_cohort(programme, pairs, objectives, framework, now)
            created += 1
    else:
        by_people = {(p.mentee_id, p.mentor_id): p for p in waiting}
        for pair in waiting:
            if pair.exchange_id is not None:
                continue  # the other half of a two-way pair published just before
            mirror = by_people.get((pair.mentor_id, pair.mentee_id))
            _pair_exchange(programme, [pair] + ([mirror] if mirror else []), objectives, framework, now)
            created += 1
    programme.status = "running"
    programme.published_at = programme.published_at or now
    db.session.flush()
    return created


def _pair_exchange(programme, pairs, objectives, framework, now):
    """One exchange for a pair, or for two pairs that are each other's mirror (a two-way swap)."""
    first = pairs[0]
    mentor, mentee = first.mentor.user, first.mentee.user
    teachings = [Teaching(teacher=pair.mentor.user, learner=pair.mentee.user, topic=_topic(programme, pair))
                 for pair in pairs]
    kind = "swap" if len(pairs) > 1 else relation(mentor.seniority, mentee.seniority)
    exchange = Exchange(kind=kind, status="active", proposer=mentor, partner=mentee, programme_id=programme.id,
                        accepted_at=now, message=programme.description[:2000], teachings=teachings, **framework)
    exchange.objectives = make_objectives(objectives or [teachings[0].topic])
    db.session.add(exchange)
    db.session.flush()
    for pair in pairs:
        pair.exchange_id = exchange.id
    meeting = _first_meeting(programme, exchange, mentee, now)
    for person, other in ((mentor, mentee), (mentee, mentor)):
        notify(person, "programme_paired", f"programme_paired:{exchange.id}", actor=other, exchange=exchange,
               meeting=meeting, programme=programme)


def _topic(programme, pair):
    """What the mentor teaches: the brought skill that met the mentee's need (or the programme)."""
    explained = pair.explanation or {}
    return (explained.get("bring") or explained.get("seek") or programme.name)[:120]


def _open_programme_cohort(programme, pairs, objectives, framework, now):
    mentor = pairs[0].mentor.user
    topic = _topic(programme, pairs[0])
    exchange = Exchange(kind="group", status="active", proposer=mentor, partner_id=None, programme_id=programme.id,
                        accepted_at=now, teachings=[Teaching(teacher=mentor, learner_id=None, topic=topic[:120])],
                        **framework)
    exchange.objectives = make_objectives(objectives or [topic])
    cohort = Cohort(exchange=exchange, mentor=mentor, title=f"{programme.name} — {topic}"[:120],
                    description=programme.description[:2000], capacity=max(len(pairs), 2),
                    language=(mentor.languages or ["fr"])[0], enrolment_open=False)
    cohort.seats = [CohortSeat(member_id=pair.mentee.user_id, status="seated", seated_at=now) for pair in pairs]
    db.session.add(cohort)
    db.session.flush()
    for pair in pairs:
        pair.exchange_id = exchange.id
    meeting = _first_meeting(programme, exchange, mentor, now)
    people = [mentor] + [pair.mentee.user for pair in pairs]
    for person in people:
        notify(person, "programme_paired", f"programme_paired:{exchange.id}",
               actor=mentor if person is not mentor else None, exchange=exchange, meeting=meeting, programme=programme)


def first_meeting_time(programme, zone, now):
    """When the first meeting is planned: FIRST_MEETING_AFTER the start (or after now, if the
    programme already started), at FIRST_MEETING_HOUR in the zone, stored as UTC."""
    day = max(programme.starts_on, now.date()) + FIRST_MEETING_AFTER
    for hour in (FIRST_MEETING_HOUR, FIRST_MEETING_HOUR + 1):  # a DST gap never reaches noon, but be safe
        try:
            return to_utc(datetime.combine(day, time(hour)), zone)
        except NonexistentLocalTime:
            continue
    return datetime.combine(day, time(FIRST_MEETING_HOUR))


def _first_meeting(programme, exchange, host, now):
    meeting = Meeting(exchange=exchange, starts_at=first_meeting_time(programme, host.timezone, now),
                      minutes=programme.meeting_minutes, place="", status="planned", created_by_id=None)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def matching_view(programme):
    """What the matching page shows: the pairs (published or not) with both participants, the
    comparison of the three methods, and the unmatched participants with their reason."""
    participants = {p.id: p for p in programme.participants}
    matching = programme.matching or {}
    unmatched = [(participants[row["participant_id"]], row["reason"]) for row in matching.get("unmatched", [])
                 if row["participant_id"] in participants and participants[row["participant_id"]].status != "removed"]
    pairs = sorted(programme.pairs, key=lambda p: (p.exchange_id is not None, -p.score, p.id))
    methods = dict(matching.get("methods", {}))
    current = {"total": round(sum(p.score for p in pairs), 4), "matched": len(pairs),
               "worst_pair": min((p.score for p in pairs), default=None), "blocking_pairs": None}
    optimal = methods.get("optimal")
    if optimal and (current["matched"], current["total"]) != (optimal["matched"], round(optimal["total"], 4)):
        methods = {"current": current, **methods}  # the manager's changes, next to what was computed
    return {"pairs": pairs, "methods": methods, "unmatched": unmatched, "edges": matching.get("edges"),
            "at": matching.get("at")}

