"""The JSON API (/api/v1), calling the same services as the pages; documented by an OpenAPI
3.1 document generated from its schemas (openapi.py), errors as RFC 9457 problems."""


def init_app(app):
    """Register the API's blueprints and the pages that document them."""
    from . import openapi
    from .views import bp

    openapi.init_app(app, [bp])
