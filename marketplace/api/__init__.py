"""The JSON API (/api/v1), calling the same services as the pages; documented by an OpenAPI
3.1 document generated from its schemas (openapi.py), errors as RFC 9457 problems.

Each domain declares its operations in its own `api.py` (as its pages are in `views.py`),
on an `ApiBlueprint` under /api/v1; this package holds what they share.
"""


def init_app(app):
    """Register the domains' API blueprints (CSRF by the API's rule, see auth.py) and the
    pages that document them."""
    from ..accounts.api import bp as accounts_api
    from ..skills.api import bp as skills_api
    from . import auth, openapi

    blueprints = [accounts_api, skills_api]
    for blueprint in blueprints:
        auth.init_blueprint(blueprint)
    openapi.init_app(app, blueprints)
