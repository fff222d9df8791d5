"""`find-circles`: propose exchange circles (nightly from cron, or on demand)."""

import json

import click
from flask.cli import with_appcontext

from ..web import MAX_ID
from .solver import TIME_LIMIT_S


@click.command("find-circles")
@click.option("--programme", "programme_id", type=click.IntRange(1, MAX_ID),
              help="Only this programme's participants (as its manager's button does).")
@click.option("--time-limit", default=TIME_LIMIT_S, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds the solver may take; past them the best circles found are proposed.")
@click.option("--dry-run", is_flag=True,
              help="Propose nothing: print how many members circles would cover against two-way swaps alone.")
@with_appcontext
def find_circles_command(programme_id, time_limit, dry_run):
    """Expire unanswered circles, then find and propose new ones; prints one JSON line."""
    from ..extensions import db
    from ..programmes.models import Programme
    from .runs import measure_coverage, run_circles

    programme = None
    if programme_id is not None:
        programme = db.session.get(Programme, programme_id)
        if programme is None:
            raise click.ClickException(f"There is no programme {programme_id}.")
        if programme.status == "closed":
            raise click.ClickException(f"The programme {programme_id} is closed.")
    if dry_run:
        click.echo(json.dumps(measure_coverage(programme, time_limit=time_limit)))
        return
    run = run_circles(programme, time_limit=time_limit)
    db.session.commit()
    click.echo(json.dumps(run.summary()))
