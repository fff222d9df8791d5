"""The `marketplace` console script and the app's own commands."""

import os
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
    from .demo import DEMO_PASSWORD, demo_logins, seed_demo, seed_demo_circles
    from .extensions import db

    created = seed_demo()
    db.session.commit()
    seed_demo_circles()  # read from the index, which only sees committed skills
    db.session.commit()
    click.echo(f"Demo population ready ({created} members created).")
    click.echo(f"Demo logins (password: {DEMO_PASSWORD}):")
    for email, name, seniority in demo_logins():
        click.echo(f"  {email:46} {name} ({seniority})")


@click.command("reindex")
@click.option("--batch-size", default=256, show_default=True, help="Skills embedded per batch.")
@click.option("--refit-projection", is_flag=True, help="Fit the index projection again.")
@with_appcontext
def reindex_command(batch_size, refit_projection):
    """Embed every skill whose vector is missing or was made by another recipe, index the
    words of every skill whose search row is missing or stale, and on PostgreSQL create and
    fill the shared pgvector tables (requests never create them)."""
    from flask import current_app
    from tqdm import tqdm

    from .extensions import db
    from .skills.embeddings import stale_skills
    from .skills.lexical import stale_terms, store_terms
    from .skills.projection import current_projection
    from .skills.projection import refit_projection as fit
    from .skills.engine import get_engine
    from .skills.services import reindex_skills

    engine = get_engine()
    encoder = engine.encoder
    stale = db.session.scalars(stale_skills(encoder, engine.glossary)).all()
    with tqdm(total=len(stale), unit="skill", desc="reindex", disable=not stale) as bar:
        for start in range(0, len(stale), batch_size):
            batch = stale[start:start + batch_size]
            reindex_skills(batch)
            db.session.commit()
            bar.update(len(batch))
    click.echo(f"{len(stale)} skills embedded with {encoder.identity}.")
    words = db.session.scalars(stale_terms(engine.glossary)).all()
    for start in range(0, len(words), batch_size):
        store_terms(words[start:start + batch_size], engine.glossary)
        db.session.commit()
    if words:
        click.echo(f"{len(words)} skills' words indexed for search.")
    config = current_app.config
    fitted = 0
    if config["MATCHING_INDEX_DIM"] and (refit_projection or current_projection(engine.identity) is None):
        fitted = fit(engine.identity, config["MATCHING_INDEX_DIM"], config["MATCHING_PROJECTION_MIN_OFFERS"])
    # A new projection switches over with its tables already full: one transaction.
    written = engine.prepare_shared_index()
    db.session.commit()
    if fitted:
        click.echo(f"Index projection to {config['MATCHING_INDEX_DIM']} dimensions fitted on {fitted} offers.")
    if written:
        click.echo(f"{written} vectors written to the shared pgvector index.")


@click.command("bench-http")
@click.option("--members", default=10_000, show_default=True, type=click.IntRange(2, 1_000_000))
@click.option("--phrases", "phrase_folder", default="../shared/eval", show_default=True,
              type=click.Path(exists=True, file_okay=False), help="Folder of BEIR files to take skill phrases from.")
@click.option("--distinct-phrases", default=2000, show_default=True, type=click.IntRange(10, 100_000),
              help="Distinct phrases drawn from the folder (each is encoded once).")
@click.option("--seconds", default=20, show_default=True, type=click.IntRange(1, 3600), help="Per page.")
@click.option("--concurrency", default=8, show_default=True, type=click.IntRange(1, 256))
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1024, 65535))
@click.option("--folder", type=click.Path(file_okay=False), default=None,
              help="Where the population's database goes; an existing one there is served again.")
@click.option("--restart-writers", default=8, show_default=True, type=click.IntRange(0, 50),
              help="Then restart gunicorn (HUP) while this many members add skills (0: skip).")
@with_appcontext
def bench_http_command(members, phrase_folder, distinct_phrases, seconds, concurrency, port, folder,
                       restart_writers):
    """/matches and /profile served by gunicorn (production settings) to a synthetic
    population in a fresh SQLite database: one JSON line of throughput, latency, memory."""
    import json

    import numpy as np
    from flask import current_app

    from . import create_app
    from .skills.benchmark import load_phrases
    from .skills.http_benchmark import run_http_benchmark

    phrases = load_phrases(phrase_folder)
    phrases = [phrases[i] for i in np.random.default_rng(3).choice(
        len(phrases), size=min(distinct_phrases, len(phrases)), replace=False)]
    encoder = current_app.config["MATCHING_ENCODER"]

    def app_for(url):
        return create_app({"DATABASE_URL": url, "SQLALCHEMY_DATABASE_URI": url, "MATCHING_ENCODER": encoder})

    if folder:
        os.makedirs(folder, exist_ok=True)
    figures = run_http_benchmark(app_for, members, phrases, seconds=seconds, concurrency=concurrency, port=port,
                                 folder=folder, restart_writers=restart_writers,
                                 progress=lambda line: click.echo(line, err=True))
    click.echo(json.dumps(figures))


@click.command("eval-matching")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Encoder threads (more than one is slower on a busy machine).")
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
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Encoder threads (more than one is slower on a busy machine).")
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


@click.command("calibrate-matching")
@click.argument("folder", default="eval/workplace", type=click.Path(exists=True, file_okay=False))
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Encoder threads (more than one is slower on a busy machine).")
@click.option("--write", is_flag=True, help="Store the curve and threshold for the current recipe.")
@with_appcontext
def calibrate_matching_command(folder, threads, write):
    """Fit the current recipe's relevance curve and display threshold on a labelled folder."""
    import json

    from flask import current_app

    from .skills.calibration import CALIBRATION_FILE, store_calibration
    from .skills.evaluation import calibrate_folder

    config = {**current_app.config, "MATCHING_THREADS": threads}
    calibration, figures = calibrate_folder(config, folder)
    click.echo(json.dumps(figures))
    if write:
        store_calibration(calibration)
        click.echo(f"Stored in {CALIBRATION_FILE} under {calibration.key}.", err=True)


@click.group("glossary")
def glossary_group():
    """The workplace glossary applied to skills before encoding."""


@glossary_group.command("list")
@click.option("--find", "text", help="Only the terms this text names.")
@with_appcontext
def glossary_list_command(text):
    """List the terms (all, or those a text names), with their source file."""
    from flask import current_app

    from .skills.glossary import glossary_files, load_glossary

    glossary = load_glossary(glossary_files(current_app.instance_path))
    terms = glossary.find(text) if text else sorted(glossary.terms, key=lambda t: t.term.casefold())
    for term in terms:
        click.echo(f"{term.term}\t{'|'.join(term.aliases)}\t{term.kind}\t{term.en}\t{term.fr}\t{term.source}")
    click.echo(f"{len(terms)} of {len(glossary)} terms, version {glossary.version}.", err=True)


@glossary_group.command("add")
@click.argument("term")
@click.option("--en", required=True, help="What it is, in English (one line).")
@click.option("--fr", required=True, help="What it is, in French (one line).")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@click.option("--kind", type=click.Choice(["tool", "method", "abbreviation"]), default="tool", show_default=True)
@click.option("--case-sensitive", is_flag=True, help="Match the exact case (for names that are also words).")
@with_appcontext
def glossary_add_command(term, en, fr, aliases, kind, case_sensitive):
    """Add or replace a term in the instance's glossary file; then run `glossary reload`."""
    from flask import current_app

    from .skills.glossary import GlossaryError, append_term, make_term

    try:
        entry = make_term(term, "|".join(aliases), "sensitive" if case_sensitive else "insensitive", kind, en, fr)
    except GlossaryError as error:
        raise click.UsageError(str(error)) from None
    path = append_term(current_app.instance_path, entry)
    click.echo(f"“{entry.term}” saved in {path}. Run `marketplace glossary reload` to re-embed the skills.")


@glossary_group.command("reload")
@click.option("--batch-size", default=256, show_default=True, help="Skills embedded per batch.")
@with_appcontext
def glossary_reload_command(batch_size):
    """Read the glossary files again and re-embed every skill with the new version (restart
    the web workers afterwards so they use it too)."""
    from .skills.glossary import forget_loaded

    forget_loaded()
    click.get_current_context().invoke(reindex_command, batch_size=batch_size, refit_projection=False)


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Expire unanswered proposals and circles, send due reminders (run it from cron every few minutes)."""
    from .circles.services import expire_circles
    from .exchange.services import expire_proposals
    from .extensions import db
    from .notifications.services import send_reminders
    from .programmes.reminders import close_finished_programmes, send_programme_reminders

    expired = expire_proposals() + expire_circles()
    close_finished_programmes()
    sent = send_reminders() + send_programme_reminders()
    db.session.commit()
    click.echo(f"{expired} proposals and circles expired, {sent} reminders sent.")


def init_app(app):
    for command in (seed_demo_command, reindex_command, eval_matching_command, bench_matching_command, bench_http_command,
                    calibrate_matching_command, glossary_group, send_reminders_command):
        app.cli.add_command(command)
    from .circles.benchmark import bench_circles_command
    from .circles.commands import find_circles_command
    from .notifications.commands import send_mail_command
    from .programmes.benchmark import bench_programme_command
    from .programmes.commands import grant_manager_command

    for command in (send_mail_command, grant_manager_command, bench_programme_command, find_circles_command,
                    bench_circles_command):
        app.cli.add_command(command)
