"""Authorization-matrix rows of the API's profile operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles):
my profile, members, my skills and matches, my notifications.

Each role calls with its own token, so "my profile", "my skills" and "my notifications" are
each caller's own. The table sends no If-Match: changing a profile or a skill is then a 428
for whoever may change it, and someone else's skill stays a 404 (checked before If-Match).
"""

from tests.test_authorization_matrix import Case

#   anonymous, owner, other, stranger, mentor, seated, waitlisted, removed, manager
MEMBERS_200 = (401,) + (200,) * 8
MEMBERS_201 = (401,) + (201,) * 8
NEEDS_IF_MATCH = (401,) + (428,) * 8
OWNER_200 = (401, 200) + (404,) * 7
OWNER_204 = (401, 204) + (404,) * 7
OWNER_428 = (401, 428) + (404,) * 7

NEW_SKILL = {"direction": "learn", "title": "Underwater photography", "description": "Reefs", "level": 3,
             "formats": ["one_to_one"]}

ROWS = {
    ("accounts_api.me", "GET"): Case("/api/v1/me", MEMBERS_200),
    ("accounts_api.update_me", "PATCH"): Case("/api/v1/me", NEEDS_IF_MATCH, json={"job_title": "Analyst"}),
    ("accounts_api.rotate_calendar", "POST"): Case("/api/v1/me/calendar/rotate", MEMBERS_200),
    # A member's page is every member's to read (the owner's own id shows it as others see it).
    ("accounts_api.member", "GET"): Case("/api/v1/members/{owner_id}", MEMBERS_200),
    ("skills_api.skills", "GET"): Case("/api/v1/skills?direction=offer", MEMBERS_200),
    ("skills_api.create", "POST"): Case("/api/v1/skills", MEMBERS_201, json=NEW_SKILL),
    ("skills_api.skill", "GET"): Case("/api/v1/skills/{owner_skill}", OWNER_200),
    ("skills_api.skill", "PATCH"): Case("/api/v1/skills/{owner_skill}", OWNER_428, json={"level": 4}),
    ("skills_api.skill", "DELETE"): Case("/api/v1/skills/{owner_skill}", OWNER_204),
    # "Not relevant" names one of my skills and someone else's: the owner's need is nobody else's.
    ("skills_api.dismiss", "POST"): Case("/api/v1/matches/dismiss", OWNER_200,
                                         json={"my_skill": "{owner_need}", "their_skill": "{mentor_offer}"}),
    ("notifications_api.notifications", "GET"): Case("/api/v1/notifications?page=1", MEMBERS_200),
    ("notifications_api.read_all", "POST"): Case("/api/v1/notifications/read", MEMBERS_200),
    ("notifications_api.open_", "POST"): Case("/api/v1/notifications/{owner_notification}/open", OWNER_200),
}
