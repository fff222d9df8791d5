"""The `marketplace` console script and the app's own commands."""

import click
from flask.cli import FlaskGroup, with_appcontext


def _create_app():
    from . import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main():
    """Passerelle management commands (run, db upgrade, seed-demo, ...)."""


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create the demo population (idempotent) and print the demo logins."""
    from .demo import DEMO_PASSWORD, demo_logins, seed_demo
    from .extensions import db

    created = seed_demo()
    db.session.commit()
    click.echo(f"Demo population ready ({created} members created).")
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for email, name, seniority in demo_logins():
        click.echo(f"  {email:42} {name} ({seniority})")


def init_app(app):
    app.cli.add_command(seed_demo_command)
