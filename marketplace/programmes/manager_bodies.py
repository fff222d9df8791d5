"""How a programme manager's operations (manager_api.py) shape what they answer, as their
response schemas (manager_schemas.py) read them: plain dicts made from what the services
returned (the operations call the services; nothing here does).
"""


def participant_body(participant):
    """A participant as the manager's page lists them (ProgrammeParticipantSchema)."""
    return {"id": participant.id, "name": participant.name,
            "job_title": participant.user.job_title if participant.user is not None else None,
            "role": participant.role, "status": participant.status, "source": participant.source,
            "reminded_at": participant.reminded_at}


def _side(participant):
    return {"participant_id": participant.id, "name": participant.name}


def pair_body(pair):
    """A pair of the matching page, and why (ProgrammePairSchema)."""
    explained = pair.explanation or {}
    back = explained.get("return")
    return {"id": pair.id, "mentor": _side(pair.mentor), "mentee": _side(pair.mentee), "state": pair.state,
            "published": pair.exchange_id is not None,
            "explanation": {"seek": explained.get("seek"), "bring": explained.get("bring"),
                            "percent": explained.get("percent"), "relation": explained.get("relation"),
                            "return": {"seek": back.get("seek"), "bring": back.get("bring"),
                                       "percent": back.get("percent")} if back else None}}


def matching_body(programme, view, circles):
    """The matching page (ProgrammeMatchingSchema), from pairing.matching_view and the
    programme's circle figures."""
    return {"pairs": [pair_body(pair) for pair in view["pairs"]], "methods": view["methods"],
            "unmatched": [{"participant_id": p.id, "name": p.name, "role": p.role, "reason": reason}
                          for p, reason in view["unmatched"]],
            "matched_at": programme.matched_at, "circles": circles}


def _progress(progress):
    return {"pair_id": progress.pair.id, "mentor": progress.pair.mentor.name, "mentee": progress.pair.mentee.name,
            "exchange_status": progress.exchange_status, "meetings_held": progress.meetings_held,
            "meetings_planned": progress.meetings_planned, "meetings_agreed": progress.meetings_agreed,
            "objectives_done": progress.objectives_done, "objectives_total": progress.objectives_total,
            "at_risk": list(progress.reasons)}


def _aggregate(aggregate):
    # One decimal, as the page shows it: a full-precision mean read before and after one more
    # answer would give that answer away (see exports._aggregate_row).
    return {"mean": None if aggregate.hidden else round(aggregate.mean, 1), "count": aggregate.count}


def dashboard_body(figures):
    """The follow-up (ProgrammeDashboardSchema) from followup.programme_figures: statuses and
    aggregates only."""
    by_pair = {progress.pair.id: progress for progress in figures.pairs}
    return {"participants": figures.participants, "paired": figures.paired, "unpaired": figures.unpaired,
            "exchange_statuses": figures.exchange_statuses,
            "weeks": [{"monday": week.monday, "planned": week.planned, "held": week.held} for week in figures.weeks],
            "objectives": figures.objectives, "min_answers_shown": figures.min_answers_shown,
            "meeting_ratings": _aggregate(figures.rating),
            "questionnaire": [{"question": question["key"], **_aggregate(aggregate)}
                              for question, aggregate in figures.questions],
            "at_risk": [_progress(by_pair[item.pair.id]) for item in figures.at_risk],
            "pairs": [_progress(progress) for progress in figures.pairs]}
