"""Skills members offer and want to learn."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import utcnow
from ..extensions import db
from .pgvector_index import TABLE_PREFIX

DIRECTIONS = ("offer", "learn")
FORMATS = ("one_to_one", "group")
TITLE_LENGTH = (2, 120)
DESCRIPTION_LENGTH = 1000


class Skill(db.Model):
    __tablename__ = "skills"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # "offer": the owner can teach it; "learn": the owner wants to learn it (a need).
    direction: Mapped[str] = mapped_column(sa.String(8))
    title: Mapped[str] = mapped_column(sa.String(TITLE_LENGTH[1]))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # Proficiency for an offer; current level for a need (1-5).
    level: Mapped[int] = mapped_column(default=3)
    formats: Mapped[list[str]] = mapped_column(sa.JSON, default=lambda: ["one_to_one"])
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner = relationship("User", back_populates="skills")

    __table_args__ = (
        sa.CheckConstraint("direction in ('offer', 'learn')", name="direction"),
        sa.CheckConstraint("level between 1 and 5", name="level"),
    )

    @property
    def is_offer(self):
        return self.direction == "offer"

    def __repr__(self):
        return f"<Skill {self.id} {self.direction} {self.title!r}>"


class SkillVector(db.Model):
    """A skill's embedding, with the recipe that made it and a hash of the text it encodes."""

    __tablename__ = "skill_vectors"

    skill_id: Mapped[int] = mapped_column(
        sa.ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True
    )
    encoder: Mapped[str] = mapped_column(sa.String(200))
    text_hash: Mapped[str] = mapped_column(sa.String(64))
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)

    __table_args__ = (sa.Index("ix_skill_vectors_encoder_text_hash", "encoder", "text_hash"),)


class TextVector(db.Model):
    """The embedding of a text that is not a member's skill (a programme application's skills
    brought and sought), by recipe and text hash: encoded once, when it is written, so matching
    a programme reads vectors instead of running the model."""

    __tablename__ = "text_vectors"

    encoder: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    text_hash: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IndexProjection(db.Model):
    """A linear map from the encoder's vectors to the smaller vectors the index holds,
    fitted (without labels) on the stored offers; shared by every process."""

    __tablename__ = "index_projections"

    id: Mapped[int] = mapped_column(primary_key=True)
    encoder: Mapped[str] = mapped_column(sa.String(200))
    dim_in: Mapped[int] = mapped_column()
    dim_out: Mapped[int] = mapped_column()
    matrix: Mapped[bytes] = mapped_column(sa.LargeBinary)
    fitted_on: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class IndexState(db.Model):
    """One row: a version bumped by every skill change, so each process can tell when its
    in-memory index went stale (the row lock also orders the changes)."""

    __tablename__ = "index_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    # The projection the index must use (None: full-dimensional vectors).
    projection_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("index_projections.id", ondelete="SET NULL")
    )


class SkillChange(db.Model):
    """Which skills a version changed; processes patch their index from this log."""

    __tablename__ = "skill_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(sa.BigInteger, index=True)
    skill_id: Mapped[int] = mapped_column()


class MatchDismissal(db.Model):
    """A need-offer pair a member marked "not relevant": never suggested to them again, and
    kept as a label for the next calibration."""

    __tablename__ = "match_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"))
    # The probability shown when it was dismissed, and the recipe that computed it.
    similarity: Mapped[float | None] = mapped_column(sa.Float)
    recipe: Mapped[str] = mapped_column(sa.String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (sa.UniqueConstraint("member_id", "need_id", "offer_id", name="uq_match_dismissals_pair"),)


class SkillTerms(db.Model):
    """A skill's words for the lexical index (`lexical.py`): stems of its text and of what the
    glossary says its terms are. PostgreSQL indexes them with GIN; SQLite with an FTS5 table."""

    __tablename__ = "skill_terms"

    skill_id: Mapped[int] = mapped_column(sa.ForeignKey("skills.id", ondelete="CASCADE"), primary_key=True)
    terms: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[str] = mapped_column(sa.String(40), default="")

    __table_args__ = (
        sa.Index("ix_skill_terms_tsv", sa.func.to_tsvector(sa.literal_column("'simple'"), sa.column("terms")),
                 postgresql_using="gin").ddl_if(dialect="postgresql"),
    )


# SQLite: an external-content FTS5 table over skill_terms, kept in step by triggers; created
# with the table (tests) and by the migration.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE skill_terms_fts USING fts5(terms, content='skill_terms', content_rowid='skill_id', "
    "tokenize='unicode61')",
    "CREATE TRIGGER skill_terms_ai AFTER INSERT ON skill_terms BEGIN "
    "INSERT INTO skill_terms_fts(rowid, terms) VALUES (new.skill_id, new.terms); END",
    "CREATE TRIGGER skill_terms_ad AFTER DELETE ON skill_terms BEGIN "
    "INSERT INTO skill_terms_fts(skill_terms_fts, rowid, terms) VALUES ('delete', old.skill_id, old.terms); END",
    "CREATE TRIGGER skill_terms_au AFTER UPDATE ON skill_terms BEGIN "
    "INSERT INTO skill_terms_fts(skill_terms_fts, rowid, terms) VALUES ('delete', old.skill_id, old.terms); "
    "INSERT INTO skill_terms_fts(rowid, terms) VALUES (new.skill_id, new.terms); END",
]
SQLITE_FTS_DROP = ["DROP TRIGGER IF EXISTS skill_terms_au", "DROP TRIGGER IF EXISTS skill_terms_ad",
                   "DROP TRIGGER IF EXISTS skill_terms_ai", "DROP TABLE IF EXISTS skill_terms_fts"]
# Tables no model describes on purpose: SQLite's FTS5 index of skill words (and its shadow
# tables) and the pgvector tables of the matching index (pgvector_index.py).
UNMODELLED_PREFIXES = ("skill_terms_fts", TABLE_PREFIX)


def unmodelled_table(name):
    """True for a table the migrations must neither create nor drop (see UNMODELLED_PREFIXES)."""
    return bool(name) and name.startswith(UNMODELLED_PREFIXES)


def _create_sqlite_fts(target, connection, **kw):
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            connection.exec_driver_sql(statement)


def _drop_sqlite_fts(target, connection, **kw):
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            connection.exec_driver_sql(statement)


sa.event.listen(SkillTerms.__table__, "after_create", _create_sqlite_fts)
sa.event.listen(SkillTerms.__table__, "before_drop", _drop_sqlite_fts)
