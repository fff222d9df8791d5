"""Reusable selects on members."""

import sqlalchemy as sa

from ..extensions import db
from .models import User


def user_by_email(email):
    """The member with this (normalised) e-mail."""
    return db.select(User).where(User.email == email)


def member_directory():
    """Every member, by name (searching is skills/search.py's)."""
    return db.select(User).where(User.deleted_at.is_(None)).order_by(User.display_name, User.id)
