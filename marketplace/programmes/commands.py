"""Programme commands: make a member a programme manager."""

import click
from flask.cli import with_appcontext


@click.command("grant-manager")
@click.argument("email")
@with_appcontext
def grant_manager_command(email):
    """Make the member with this e-mail a programme manager."""
    from ..errors import DomainError
    from ..extensions import db
    from .services import grant_manager

    try:
        member = grant_manager(email)
    except DomainError as error:
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"{member.email} is now a programme manager.")
