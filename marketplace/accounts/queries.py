"""Reusable selects on members."""

import sqlalchemy as sa

from ..extensions import db
from .models import User


def user_by_email(email):
    """The member with this (normalised) e-mail."""
    return db.select(User).where(User.email == email)


def member_directory(text=None):
    """Members by name, optionally filtered by a plain text search on names, titles and skills."""
    from ..skills.models import Skill

    query = db.select(User).where(User.deleted_at.is_(None)).order_by(User.display_name, User.id)
    text = (text or "").strip()
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        skill_hit = (
            db.select(Skill.id)
            .where(Skill.owner_id == User.id, Skill.title.ilike(pattern, escape="\\"))
            .exists()
        )
        query = query.where(
            sa.or_(
                User.display_name.ilike(pattern, escape="\\"),
                User.job_title.ilike(pattern, escape="\\"),
                skill_hit,
            )
        )
    return query
