"""Authorization-matrix rows of the API's cohorts_circles operations (merged into TABLE of
tests/test_authorization_matrix.py, whose docstring describes the world and the roles).

Each operation answers every role as its page does (the page's row is read from TABLE): the
sign-in redirect is a 401, a redirect after success is the API's success (200, or 201 for a
new cohort), and every refusal keeps the page's status.
"""

from tests.test_authorization_matrix import FRAMEWORK, LOGIN, TABLE, Case

SIGNED_IN = (401,) + (200,) * 8
# The cohort form's fields as a JSON body: each role opens one on their own offer.
COHORT = {"offer": "{own_offer}", "title": "A new cohort", "capacity": 5, "language": "en",
          "objectives": ["Learn together"], **FRAMEWORK}


def like_the_page(endpoint, method, url, success=200, json=None):
    """The API's case for the page's (endpoint, method): the same roles answered the same way.
    A page row of several labelled cases takes a URL per label ({label: url})."""

    def converted(case, url):
        expected = tuple(401 if status == LOGIN else success if status == 302 else status
                         for status in case.expected)
        return Case(url, expected, label=case.label, json=json)

    page = TABLE[endpoint, method]
    if isinstance(page, tuple):
        return tuple(converted(case, url[case.label]) for case in page)
    return converted(page, url)


ROWS = {
    ("cohorts_api.index", "GET"): Case("/api/v1/cohorts?page=1", SIGNED_IN),
    ("cohorts_api.suggested", "GET"): Case("/api/v1/cohorts/suggested", SIGNED_IN),
    ("cohorts_api.create", "POST"): like_the_page("cohorts.new", "POST", "/api/v1/cohorts", success=201,
                                                  json=COHORT),
    ("cohorts_api.show", "GET"): like_the_page("cohorts.show", "GET", "/api/v1/cohorts/{cohort}"),
    # Everyone takes a seat or a waitlist place but the mentor, the seated and the waitlisted
    # (409: they run it or are in it already) and the removed member (403).
    ("cohorts_api.join", "POST"): like_the_page("cohorts.join", "POST", "/api/v1/cohorts/{cohort}/join"),
    ("cohorts_api.leave", "POST"): like_the_page("cohorts.leave", "POST", "/api/v1/cohorts/{cohort}/leave"),
    ("cohorts_api.remove", "POST"): like_the_page(
        "cohorts.remove", "POST", "/api/v1/cohorts/{cohort}/participants/{seated_member}/remove"),
    # The page's /enrolment/close, as the state the mentor sets.
    ("cohorts_api.enrolment", "PUT"): like_the_page("cohorts.enrolment", "POST",
                                                    "/api/v1/cohorts/{cohort}/enrolment", json={"open": False}),
    ("circles_api.index", "GET"): Case("/api/v1/circles?page=1", SIGNED_IN),
    ("circles_api.show", "GET"): like_the_page("circles.show", "GET", {
        "proposed": "/api/v1/circles/{circle}", "dissolved": "/api/v1/circles/{dissolved_circle}"}),
    ("circles_api.accept", "POST"): like_the_page("circles.accept", "POST", {
        "proposed": "/api/v1/circles/{circle}/accept", "dissolved": "/api/v1/circles/{dissolved_circle}/accept"}),
    ("circles_api.decline", "POST"): like_the_page("circles.decline", "POST", {
        "proposed": "/api/v1/circles/{circle}/decline", "dissolved": "/api/v1/circles/{dissolved_circle}/decline"}),
    ("circles_api.run_in_programme", "POST"): like_the_page("circles.run_in_programme", "POST",
                                                            "/api/v1/programmes/{programme}/circles"),
}
