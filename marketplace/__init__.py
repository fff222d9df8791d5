"""Passerelle: a reverse-mentoring and skills-exchange marketplace."""

import logging

from flask import Flask


def create_app(test_config=None):
    """Build the application: configuration, extensions, blueprints."""
    from . import api, cli, config, errors, i18n, security, web
    from . import ratelimit
    from .skills import engine
    from .notifications import outbox
    from .accounts import access_tokens
    from .extensions import babel, csrf, db, login_manager, migrate

    app = Flask(__name__, instance_relative_config=True, template_folder="../templates")
    config.configure(app, test_config)
    if app.logger.level == logging.NOTSET:  # INFO reaches stderr: the log sender's mails under `make run`
        app.logger.setLevel(logging.INFO)
    security.init_app(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIR", _migrations_dir(app)))
    login_manager.init_app(app)
    csrf.init_app(app)
    ratelimit.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    i18n.init_app(app, babel)
    errors.init_app(app)
    web.init_app(app)
    cli.init_app(app)
    engine.init_app(app)
    outbox.init_app(app)
    access_tokens.init_app(app)

    from .accounts.views import bp as accounts_bp
    from .accounts.password_views import bp as passwords_bp
    from .accounts.token_views import bp as tokens_bp
    from .skills.views import bp as skills_bp
    from .exchange.views import bp as exchange_bp
    from .exchange.meeting_views import bp as meetings_bp
    from .exchange.cohort_views import bp as cohorts_bp
    from .notifications.views import bp as notifications_bp
    from .accounts.privacy_views import bp as privacy_bp
    from .programmes.views import bp as programmes_bp
    from .circles.views import bp as circles_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(passwords_bp)
    app.register_blueprint(tokens_bp)
    app.register_blueprint(skills_bp)
    app.register_blueprint(exchange_bp)
    app.register_blueprint(meetings_bp)
    app.register_blueprint(cohorts_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(privacy_bp)
    app.register_blueprint(programmes_bp)
    app.register_blueprint(circles_bp)
    api.init_app(app)  # its blueprints through flask-smorest, which documents them
    return app


def _migrations_dir(app):
    import os

    return os.path.join(os.path.dirname(app.root_path), "migrations")
