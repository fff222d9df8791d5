"""SQLite databases for the tests, with the interface of tests/postgres.py: templates made
once per session, every test's database a copy of one, dropped after the test."""

import itertools
import sqlite3
from pathlib import Path

import sqlalchemy as sa


class SqliteForTests:
    """Database files in `folder`."""

    def __init__(self, folder):
        self.folder = folder
        self._counter = itertools.count(1)
        self._templates = {}

    def new_database(self, template=None):
        """The URL of a new database file: a copy of the named template, else empty."""
        path = self.folder / f"test_{next(self._counter)}.sqlite"
        if template is not None:
            copy(self._templates[template], path)
        return f"sqlite:///{path}"

    def template(self, name, prepare):
        """The name of a template made once by prepare(url) on a new database."""
        if name not in self._templates:
            url = self.new_database()
            prepare(url)
            path = self.folder / f"template_{name}.sqlite"
            copy(sa.make_url(url).database, path)
            self.drop(url)
            self._templates[name] = path
        return name

    def replace(self, url, template):
        """Make the database at url a fresh copy of the template (nobody may be connected)."""
        self.drop(url)
        copy(self._templates[template], sa.make_url(url).database)

    def drop(self, url):
        """Delete the database's files."""
        path = sa.make_url(url).database
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy(source, target):
    """Copy a database file with SQLite's backup API: what is still in the source's write-ahead
    log is copied too, even while a connection (a mail thread, say) holds it open."""
    origin, copied = sqlite3.connect(source), sqlite3.connect(target)
    try:
        origin.backup(copied)
    finally:
        origin.close()
        copied.close()
