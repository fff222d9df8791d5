"""Configuration defaults; overridden by instance/config.py, then MARKETPLACE_* env vars."""

# The database defaults to a SQLite file in the instance folder (set in create_app,
# because the instance path is only known there).
SQLALCHEMY_DATABASE_URI = None
SQLALCHEMY_ENGINE_OPTIONS: dict = {}

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"

# Forms: CSRF on every state-changing request; tokens do not expire within a session.
WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None

# Interface languages.
LANGUAGES = ["en", "fr"]
BABEL_DEFAULT_LOCALE = "en"
BABEL_DEFAULT_TIMEZONE = "UTC"

# Paging.
MEMBERS_PER_PAGE = 20

# Matching engine (see marketplace/skills/encoders.py and index.py).
MATCHING_ENCODER = "default"  # see skills/encoders.py: "default", "minilm", "use", "st:<model>", sums
MATCHING_THREADS = 1  # torch threads per process: one per web worker
MATCHING_INDEX = "auto"  # "numpy" (exact, in process); "pgvector" on PostgreSQL
MATCHING_TOP_K = 20  # suggestions kept per skill
MATCHING_INDEX_DIM = 256  # index vectors are projected to this size once offers are many
MATCHING_PROJECTION_MIN_OFFERS = 5000  # below this, the index keeps full vectors
MATCHING_POOL = 200  # candidates read from the index per skill, before filters
MATCHING_MIN_SIMILARITY = 0.2  # calibrated score (0 = unrelated) below which a pair is no match
MATCHING_SEARCH_MIN_SIMILARITY = 0.25  # free-text search on the members page


def configure(app, test_config=None):
    """Layer configuration: defaults, instance/config.py, MARKETPLACE_* env, test mapping."""
    import os
    import secrets

    app.config.from_object(__name__)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("MARKETPLACE")
    if test_config:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    url = app.config.get("DATABASE_URL") or app.config.get("SQLALCHEMY_DATABASE_URI")
    if not url:
        url = "sqlite:///" + os.path.join(app.instance_path, "marketplace.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = url

    if not app.config.get("SECRET_KEY"):
        # Never in the code: generated once into the instance folder, then reused.
        key_file = os.path.join(app.instance_path, "secret_key")
        if not os.path.exists(key_file):
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        with open(key_file) as handle:
            app.config["SECRET_KEY"] = handle.read().strip()
