"""The notifications domain's console commands."""

import json
import time

import click
from flask.cli import with_appcontext


@click.command("send-mail")
@click.option("--loop", is_flag=True, help="Keep running: a pass every --interval seconds.")
@click.option("--interval", default=60, show_default=True, type=click.IntRange(1, 3600),
              help="Seconds between passes with --loop.")
@with_appcontext
def send_mail_command(loop, interval):
    """Send every due mail of the outbox once, retrying failed ones when their time has come,
    and delete old sent ones; prints one JSON line of counts per pass (run it from cron every
    few minutes, like send-reminders)."""
    from .outbox import deliver_due, purge_finished

    while True:
        delivery = deliver_due()
        click.echo(json.dumps({**delivery._asdict(), "purged": purge_finished()}))
        if not loop:
            return
        time.sleep(interval)
