"""Configuration defaults; overridden by instance/config.py, then MARKETPLACE_* env vars."""

from datetime import timedelta

# The database defaults to a SQLite file in the instance folder (set in create_app,
# because the instance path is only known there).
SQLALCHEMY_DATABASE_URI = None
SQLALCHEMY_ENGINE_OPTIONS: dict = {}

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
# "Keep me signed in" lasts a month, not Flask-Login's default year; logout, a password change
# or reset and "sign out of every device" end it sooner (accounts/models.py, session_version).
REMEMBER_COOKIE_DURATION = timedelta(days=30)

# Sign-up and password reset links (signed, single-use, see accounts/tokens.py), in seconds.
SIGNUP_LINK_MAX_AGE = 2 * 24 * 3600
PASSWORD_RESET_LINK_MAX_AGE = 3600

# Rate limits (marketplace/ratelimit.py, Flask-Limiter). REDIS_URL (MARKETPLACE_REDIS_URL,
# e.g. redis://localhost:6379/0) shares the counts between gunicorn workers and machines;
# without it each process counts alone in memory, which only suits the one-process default.
REDIS_URL = None
# How many proxies in front of the app set X-Forwarded-For (0: none, the client address is
# the socket's). Only trust the header when a proxy you run sets it: clients can forge it.
PROXY_HOPS = 0
WORKERS = 1  # worker processes; gunicorn.conf.py sets MARKETPLACE_WORKERS
RATELIMIT_STRATEGY = "moving-window"
RATELIMIT_HEADERS_ENABLED = True  # Retry-After on a 429
# Redis down: count in memory meanwhile rather than refuse every sign-in (the per-account
# slow-down below, in the database, still holds).
RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
# Sign-in attempts, counted per client address and per (account, client address): a client
# guessing one member's password is stopped there, the member signs in from elsewhere.
LOGIN_LIMIT_PER_IP = "100 per 15 minutes"
LOGIN_LIMIT_PER_ACCOUNT_AND_IP = "10 per 15 minutes"
SIGNUP_LIMIT_PER_IP = "20 per hour"
PASSWORD_RESET_LIMIT_PER_IP = "20 per hour"
PASSWORD_RESET_LIMIT_PER_EMAIL = "3 per hour"  # no mail bombing of one address
PASSWORD_CHANGE_LIMIT_PER_MEMBER = "10 per 15 minutes"  # the current password is checked
# Guessing one account from many addresses: after this many failures in a row within the
# window, the account takes one attempt per interval (in the database, shared by every
# worker). Browsers the member already signed in from are not slowed (accounts/throttle.py).
ACCOUNT_SLOWDOWN_AFTER = 20
ACCOUNT_SLOWDOWN_SECONDS = 30
ACCOUNT_SLOWDOWN_WINDOW = 15 * 60

# Security (marketplace/security.py). MARKETPLACE_PRODUCTION=true when served over HTTPS:
# Secure cookies and HSTS. PUBLIC_URL (e.g. https://passerelle.example.org) is what external
# links (calendar feeds) are built on; when set, only its host is served (TRUSTED_HOSTS), so a
# forged Host header gets 400. Production refuses to start without one of the two.
PRODUCTION = False
PUBLIC_URL = None
TRUSTED_HOSTS = None  # a list of host names; None: any (development)
HSTS_SECONDS = 365 * 24 * 3600
MAX_CONTENT_LENGTH = 1024 * 1024  # no form needs more; larger bodies get 413

# E-mail (marketplace/notifications/): SMTP when MAIL_SMTP_HOST is set (MAIL_SMTP_PORT, _USERNAME,
# _PASSWORD, _STARTTLS, MAIL_FROM), the log otherwise. Mails are queued with the change that
# causes them and sent after the commit: "background" by a thread of the process (no request
# waits for the mail server), "inline" before commit() returns (tests), "off" only by
# `marketplace send-mail`, which also retries failed mails: run it from cron every few minutes.
MAIL_DELIVERY = "background"
# When a process writes the last use of API tokens (accounts/access_tokens.py): "background"
# (a thread, once a minute) or "manual" (tests call write_token_uses()).
TOKEN_USES = "background"

# Forms: CSRF on every state-changing request; tokens do not expire within a session.
WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None

# Interface languages.
LANGUAGES = ["en", "fr"]
BABEL_DEFAULT_LOCALE = "en"
BABEL_DEFAULT_TIMEZONE = "UTC"

# Paging.
MEMBERS_PER_PAGE = 20
PROGRAMME_PARTICIPANTS_PER_PAGE = 50  # a manager's list of a programme's participants (API)

# The JSON API's OpenAPI document (marketplace/api/openapi.py, flask-smorest).
API_TITLE = "Passerelle"
API_VERSION = "1"
OPENAPI_VERSION = "3.1.0"

# Matching engine (see marketplace/skills/encoders.py and index.py).
MATCHING_ENCODER = "default"  # see skills/encoders.py: "default", "minilm", "use", "st:<model>", sums
MATCHING_THREADS = 1  # torch threads per process: one per web worker
MATCHING_INDEX = "auto"  # "numpy" (exact, in process); "pgvector" on PostgreSQL
MATCHING_TOP_K = 20  # suggestions kept per skill (benchmark)
MATCHING_CARDS_PER_PAGE = 20  # people per matches page, then "more"
MATCHING_PAIRS_PER_CARD = 3  # pairs shown on a card each way; the others are counted ("and 4 more")
MATCHING_GLOSSARY = True  # append what known tools and abbreviations are before encoding
MATCHING_INDEX_DIM = 256  # index vectors are projected to this size once offers are many
MATCHING_PROJECTION_MIN_OFFERS = 5000  # below this, the index keeps full vectors
MATCHING_POOL = 200  # candidates read from the index per skill, before filters
# A member's new skill whose title is this close (calibrated) to one of their own in the same
# direction is held back until they confirm it ("Add it anyway"). Measured on the default
# encoder (title alone): rewordings score 0.79-0.98 and "Excel pivot tables" / "Tableaux croisés
# dynamiques Excel" 0.57-0.60, while distinct neighbours ("Excel macros (VBA)", "Power BI
# dashboards") score 0.09-0.45. Close cousins also get the warning ("Spanish" / "Italian
# conversation" 0.67; one pair of the 396 demo skills, 0.70), and weaker translations slip
# under it ("Public speaking" / "Prise de parole en public" 0.48). Examples: tests/skills/
# test_skill_services.py.
MATCHING_DUPLICATE_SIMILARITY = 0.55


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
