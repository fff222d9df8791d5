"""Skill rules enforced by the service whatever the caller."""

import pytest

from marketplace.skills import services
from marketplace.skills.services import SkillError


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
