"""Authorization-matrix rows of the API's meetings operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles).

Each operation answers a member as the page's action answers them (meetings.* rows), with 200
or 201 where the page redirects after its success: the one-to-one roles call the active
one-to-one exchange ({meeting}: planned yesterday, with an agenda and notes; {held}: held), the
completed one for the questionnaire, and the cohort roles the group exchange (still active:
its questionnaire is a 409).
"""

from tests.test_authorization_matrix import EVALUATION, Case

#   anonymous, owner, other, stranger, mentor, seated, waitlisted, removed, manager
EVERYONE_READS = (401,) + (200,) * 8
PARTICIPANTS_READ = (401, 200, 200, 404, 200, 200, 404, 404, 404)
RUNS_IT_CREATES = (401, 201, 201, 404, 201, 403, 404, 404, 404)  # one-to-one: both; cohort: the mentor only
RUNS_IT = (401, 200, 200, 404, 200, 403, 404, 404, 404)
TAKES_PART_CREATES = (401, 201, 201, 404, 201, 201, 404, 404, 404)
LEARNER_CREATES = (401, 201, 403, 404, 403, 201, 404, 404, 404)  # the owner and the seated member learn
# The questionnaire comes once the exchange is completed (the cohort is still active: 409).
EVALUATES = (401, 201, 201, 404, 409, 409, 404, 404, 404)

MEETING = {"starts_at": "{future}", "minutes": 30, "place": "Room 4"}
MEETINGS = "/api/v1/exchanges/{exchange}/meetings"
ONE_MEETING = MEETINGS + "/{meeting}"

ROWS = {
    ("meetings_api.my_meetings", "GET"): Case("/api/v1/meetings?page=1", EVERYONE_READS),
    ("meetings_api.exchange_meetings", "GET"): Case(MEETINGS + "?page=1", PARTICIPANTS_READ),
    ("meetings_api.schedule", "POST"): Case(MEETINGS, RUNS_IT_CREATES, json=MEETING),
    ("meetings_api.meeting", "GET"): Case(ONE_MEETING, PARTICIPANTS_READ),
    ("meetings_api.reschedule", "POST"): Case(ONE_MEETING + "/reschedule", RUNS_IT, json=MEETING),
    ("meetings_api.cancel", "POST"): Case(ONE_MEETING + "/cancel", RUNS_IT),
    ("meetings_api.hold", "POST"): Case(ONE_MEETING + "/hold", RUNS_IT),
    ("meetings_api.agenda", "POST"): Case(ONE_MEETING + "/agenda", LEARNER_CREATES, json={"text": "A question"}),
    ("meetings_api.note", "POST"): Case(ONE_MEETING + "/notes", TAKES_PART_CREATES,
                                        json={"text": "A note", "private": True}),
    ("meetings_api.rate", "POST"): Case(MEETINGS + "/{held}/feedback", TAKES_PART_CREATES,
                                        json={"rating": 4, "comment": "Good"}),
    ("meetings_api.evaluation", "GET"): Case("/api/v1/exchanges/{completed}/evaluation", PARTICIPANTS_READ),
    ("meetings_api.evaluate", "POST"): Case("/api/v1/exchanges/{completed}/evaluation", EVALUATES,
                                            json={key: int(value) if value.isdigit() else value
                                                  for key, value in EVALUATION.items()}),
    ("meetings_api.exchange_calendar", "GET"): Case("/api/v1/exchanges/{exchange}/calendar.ics", PARTICIPANTS_READ),
}
