"""The `marketplace` console script and the app's own commands."""

import sys

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


@click.command("reindex")
@click.option("--batch-size", default=256, show_default=True, help="Skills embedded per batch.")
@click.option("--refit-projection", is_flag=True, help="Fit the index projection again.")
@with_appcontext
def reindex_command(batch_size, refit_projection):
    """Embed every skill whose vector is missing or was made by another encoder."""
    from flask import current_app
    from tqdm import tqdm

    from .extensions import db
    from .skills.embeddings import recipe, stale_skills
    from .skills.projection import current_projection
    from .skills.projection import refit_projection as fit
    from .skills.engine import get_engine
    from .skills.services import reindex_skills

    encoder = get_engine().encoder
    stale = db.session.scalars(stale_skills(encoder)).all()
    with tqdm(total=len(stale), unit="skill", desc="reindex", disable=not stale) as bar:
        for start in range(0, len(stale), batch_size):
            batch = stale[start:start + batch_size]
            reindex_skills(batch)
            db.session.commit()
            bar.update(len(batch))
    click.echo(f"{len(stale)} skills embedded with {encoder.identity}.")
    config = current_app.config
    if config["MATCHING_INDEX_DIM"] and (refit_projection or current_projection(recipe(encoder)) is None):
        fitted = fit(recipe(encoder), config["MATCHING_INDEX_DIM"], config["MATCHING_PROJECTION_MIN_OFFERS"])
        db.session.commit()
        if fitted:
            click.echo(f"Index projection to {config['MATCHING_INDEX_DIM']} dimensions fitted on {fitted} offers.")


@click.command("eval-matching")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64), help="Encoder threads.")
@with_appcontext
def eval_matching_command(folders, threads):
    """Retrieval quality on BEIR-layout folders: one JSON line per folder."""
    import json

    from flask import current_app

    from .skills.evaluation import evaluate_folder

    cache = {}
    for folder in folders:
        config = {**current_app.config, "MATCHING_THREADS": threads}
        click.echo(json.dumps(evaluate_folder(config, folder, cache)))


@click.command("bench-matching")
@click.option("--members", default=10_000, show_default=True, type=click.IntRange(2, 1_000_000))
@click.option("--samples", default=200, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--phrases", "phrase_folder", default="../shared/eval", show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Folder of BEIR files to take skill phrases from.")
@click.option("--threads", default=2, show_default=True, type=click.IntRange(1, 64), help="Encoder threads.")
@with_appcontext
def bench_matching_command(members, samples, phrase_folder, threads):
    """Latency of all suggestions for one member on a synthetic population (one JSON line)."""
    import json

    from flask import current_app
    from tqdm import tqdm

    from .skills.benchmark import load_phrases, run_benchmark

    phrases = load_phrases(phrase_folder)
    with tqdm(total=members, unit="member", desc="population", file=sys.stderr) as bar:
        # The benchmark measures the in-process exact index against a brute-force product.
        config = {**current_app.config, "MATCHING_THREADS": threads, "MATCHING_INDEX": "numpy"}
        figures = run_benchmark(config, members, phrases, samples=samples, progress=bar.update)
    click.echo(json.dumps(figures))


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Expire unanswered proposals and send due reminders (run it from cron every few minutes)."""
    from .exchange.services import expire_proposals
    from .extensions import db
    from .notifications.services import send_reminders

    expired = expire_proposals()
    sent = send_reminders()
    db.session.commit()
    click.echo(f"{expired} proposals expired, {sent} reminders sent.")


def init_app(app):
    for command in (seed_demo_command, reindex_command, eval_matching_command, bench_matching_command,
                    send_reminders_command):
        app.cli.add_command(command)
