"""Skill rules enforced by the service whatever the caller."""

import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.skills import services
from marketplace.skills.models import Skill
from marketplace.skills.services import DuplicateSkill, SimilarSkill, SkillError


def titles(member, direction="offer"):
    return sorted(db.session.scalars(
        sa.select(Skill.title).filter_by(owner_id=member.id, direction=direction)
    ))


def test_titles_are_tidied(make_user):
    user = make_user()
    skill = services.add_skill(user, "offer", "  Power   BI\tdashboards ")
    assert skill.title == "Power BI dashboards"


@pytest.mark.parametrize("kwargs", [
    {"direction": "teach"}, {"title": " a "}, {"level": True}, {"level": "3"}, {"level": 7},
    {"formats": ["one_to_one", "webinar"]}, {"formats": []},
])
def test_service_refuses_invalid_values(make_user, kwargs):
    values = {"direction": "offer", "title": "Excel", "level": 3, "formats": ["group"], **kwargs}
    with pytest.raises(SkillError):
        services.add_skill(make_user(), values.pop("direction"), **values)


def test_update_by_someone_else_is_refused(make_user, make_skill):
    skill = make_skill(make_user(), "offer", "Excel")
    with pytest.raises(services.NotFound):
        services.update_skill(skill, make_user(), title="Hacked")
    assert skill.title == "Excel"


@pytest.mark.parametrize("title", ["Excel pivot tables", "  excel   PIVOT Tables ", "Éxcel pivot tablés"])
def test_the_same_title_again_is_refused_even_when_confirmed(make_user, make_skill, title):
    lea = make_user()
    existing = make_skill(lea, "offer", "Excel pivot tables")
    for allow_similar in (False, True):
        with pytest.raises(DuplicateSkill) as refused:
            services.add_skill(lea, "offer", title, allow_similar=allow_similar)
        assert refused.value.existing == existing
        assert refused.value.message == "You already offer “Excel pivot tables”."
    assert titles(lea) == ["Excel pivot tables"]


def test_the_same_title_in_the_other_direction_or_for_someone_else_is_fine(make_user, make_skill):
    lea, marc = make_user(), make_user()
    make_skill(lea, "offer", "Excel pivot tables")
    services.add_skill(lea, "learn", "Excel pivot tables")
    services.add_skill(marc, "offer", "Excel pivot tables")
    assert titles(lea, "learn") == titles(marc) == ["Excel pivot tables"]


def test_a_near_duplicate_is_held_back_until_confirmed(app, make_user, make_skill):
    lea = make_user()
    existing = make_skill(lea, "offer", "Excel pivot tables")
    with pytest.raises(SimilarSkill) as held:
        services.add_skill(lea, "offer", "Excel pivot table")
    assert held.value.existing == existing
    assert held.value.similarity >= app.config["MATCHING_DUPLICATE_SIMILARITY"]
    assert "Excel pivot tables" in held.value.message
    db.session.rollback()
    assert titles(lea) == ["Excel pivot tables"]
    services.add_skill(lea, "offer", "Excel pivot table", allow_similar=True)
    assert titles(lea) == ["Excel pivot table", "Excel pivot tables"]


def test_a_different_skill_on_the_same_tool_is_added_at_once(make_user, make_skill):
    lea = make_user()
    make_skill(lea, "offer", "Excel pivot tables")
    services.add_skill(lea, "offer", "Excel macros (VBA)")
    assert titles(lea) == ["Excel macros (VBA)", "Excel pivot tables"]


def test_the_threshold_is_the_configured_one(app, make_user, make_skill):
    lea = make_user()
    make_skill(lea, "offer", "Excel pivot tables")
    app.config["MATCHING_DUPLICATE_SIMILARITY"] = 0.99
    services.add_skill(lea, "offer", "Excel pivot table")
    assert titles(lea) == ["Excel pivot table", "Excel pivot tables"]


def test_renaming_into_another_of_my_skills_follows_the_same_rules(make_user, make_skill):
    lea = make_user()
    make_skill(lea, "offer", "Excel pivot tables")
    skill = make_skill(lea, "offer", "Public speaking")
    with pytest.raises(DuplicateSkill):
        services.update_skill(skill, lea, title="excel pivot TABLES")
    with pytest.raises(SimilarSkill):
        services.update_skill(skill, lea, title="Excel pivot table", level=5)
    assert (skill.title, skill.level) == ("Public speaking", 3)
    services.update_skill(skill, lea, title="Excel pivot table", allow_similar=True)
    assert titles(lea) == ["Excel pivot table", "Excel pivot tables"]


def test_a_skill_already_close_to_another_can_still_be_edited(make_user, make_skill):
    lea = make_user()
    make_skill(lea, "offer", "Excel pivot tables")
    skill = make_skill(lea, "offer", "Excel pivot table", allow_similar=True)
    services.update_skill(skill, lea, title="excel pivot table", level=5)
    assert (skill.title, skill.level) == ("excel pivot table", 5)


# Measured with the default encoder (calibrated title similarity, offers / needs): the first
# list scores 0.57-0.96, the second 0.09-0.45, on either side of MATCHING_DUPLICATE_SIMILARITY.
SAME_SKILL = [
    ("Excel pivot tables", "Tableaux croisés dynamiques Excel"),
    ("Excel pivot tables", "Pivot tables in Excel"),
    ("Utiliser ChatGPT au travail", "Using ChatGPT at work"),
    ("Python for data analysis", "Data analysis with Python"),
]
OTHER_SKILL = [
    ("Excel pivot tables", "Excel macros (VBA)"),
    ("Excel pivot tables", "Power BI dashboards"),
    ("Négocier avec les fournisseurs", "Négocier son salaire"),
    ("Short-form video on TikTok", "Instagram Reels"),
]


@pytest.mark.parametrize("direction", ["offer", "learn"])
@pytest.mark.real_model
def test_real_encoder_holds_back_rewordings_and_translations_only(make_user, make_skill, direction):
    for mine, new in SAME_SKILL:
        member = make_user()
        existing = make_skill(member, direction, mine)
        with pytest.raises(SimilarSkill) as held:
            services.add_skill(member, direction, new)
        assert held.value.existing == existing, new
        db.session.rollback()
    for mine, new in OTHER_SKILL:
        member = make_user()
        make_skill(member, direction, mine)
        services.add_skill(member, direction, new)
        assert titles(member, direction) == sorted([mine, new])
