"""The JSON API (/api/v1), calling the same services as the pages; documented by an OpenAPI
3.1 document generated from its schemas (openapi.py), errors as RFC 9457 problems.

Each domain declares its operations in its own `api.py` (as its pages are in `views.py`),
on an `ApiBlueprint` under /api/v1; this package holds what they share.
"""


def init_app(app):
    """Register the domains' API blueprints (CSRF by the API's rule, see auth.py) and the
    pages that document them."""
    from ..accounts.api import bp as accounts_api
    from ..accounts.token_api import bp as tokens_api
    from ..circles.api import bp as circles_api
    from ..exchange.api import bp as exchanges_api
    from ..exchange.cohort_api import bp as cohorts_api
    from ..exchange.meeting_api import bp as meetings_api
    from ..notifications.api import bp as notifications_api
    from ..programmes.api import bp as programmes_api
    from ..programmes.manager_api import bp as programme_managers_api
    from ..skills.api import bp as skills_api
    from . import auth, openapi

    blueprints = [accounts_api, tokens_api, skills_api, notifications_api, exchanges_api, meetings_api, cohorts_api,
                  circles_api, programmes_api, programme_managers_api]
    for blueprint in blueprints:
        auth.init_blueprint(blueprint)
    openapi.init_app(app, blueprints)
