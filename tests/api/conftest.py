"""API fixtures: a small marketplace where one member has matches and search results on
several pages, and a signed-in client of it."""

import re
from dataclasses import dataclass

import pytest

from marketplace.accounts import access_tokens
from marketplace.extensions import db

PER_PAGE = 2  # small pages, so that every list has several


@pytest.fixture
def app_config(app_config):
    return {**app_config, "MEMBERS_PER_PAGE": PER_PAGE, "MATCHING_CARDS_PER_PAGE": PER_PAGE,
            "RATELIMIT_ENABLED": False}


@dataclass
class Market:
    me: object
    teachers: list  # who offers what I want to learn, in no particular order


@pytest.fixture
def market(make_user, make_skill):
    """I (me@example.org) want to learn Excel pivot tables and can teach public speaking; five
    people offer Excel pivot tables (two of them also want to learn public speaking)."""
    me = make_user(email="me@example.org", display_name="Me", job_title="Analyst")
    make_skill(me, "learn", "Excel pivot tables")
    make_skill(me, "offer", "Public speaking")
    teachers = []
    for n, name in enumerate(("Ana", "Bob", "Chloé", "Dan", "Eve")):
        teacher = make_user(display_name=f"{name} Excel", seniority=("junior", "senior")[n % 2])
        make_skill(teacher, "offer", "Excel pivot tables", formats=["one_to_one", "group"])
        if n < 2:
            make_skill(teacher, "learn", "Public speaking")
        teachers.append(teacher)
    return Market(me, teachers)


@pytest.fixture
def signed_in(client, auth, market):
    """The client, signed in as me."""
    assert auth.login("me@example.org").status_code == 302
    return client


def links(response):
    """The Link header as {rel: URL}."""
    return {rel: url for url, rel in re.findall(r'<([^>]*)>; rel="([^"]+)"', response.headers.get("Link", ""))}


@pytest.fixture
def me(market):
    return market.me


@pytest.fixture
def headers(me):
    """My read-write token's header."""
    return bearer(me)


def bearer(member, scope="write"):
    """Headers carrying a new token of the member."""
    _, secret = access_tokens.create_token(member, f"{scope} script", scope)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def writes(statements):
    """The statements that change something."""
    return [s for s in statements if re.match(r"\s*(INSERT|UPDATE|DELETE)", s, re.IGNORECASE)]
