"""A programme from creation to publishing, through the services (hashing encoder)."""

from datetime import date

import pytest
import sqlalchemy as sa

from marketplace.errors import DomainError, NotFound
from marketplace.exchange.models import Exchange, Meeting
from marketplace.extensions import db
from marketplace.notifications.models import Notification, OutgoingMail
from marketplace.programmes import enrolment, pairing, services
from marketplace.programmes.models import Participant

from .conftest import NOW, SETTINGS

TODAY = date(2026, 12, 1)


def test_only_a_manager_creates_and_sees_a_programme(make_user, manager, programme):
    member = make_user(email="someone@example.org")
    with pytest.raises(DomainError):
        services.create_programme(member, **SETTINGS)
    with pytest.raises(NotFound):
        services.get_managed_programme(member, programme.id)
    other_manager = make_user(email="rh2@example.org")
    services.grant_manager(other_manager.email, granted_by=manager)
    with pytest.raises(NotFound):
        services.get_managed_programme(other_manager, programme.id)
    assert services.managed_programmes(other_manager) == []
    assert services.get_managed_programme(manager, programme.id) is programme


@pytest.mark.parametrize("change, words", [
    ({"kind": "weekly"}, "choice"), ({"name": "x"}, "name"), ({"objectives": ""}, "objectives"),
    ({"ends_on": date(2026, 12, 1)}, "starts"), ({"mentor_capacity": 0}, "mentees"),
    ({"seniorities": ["boss"]}, "choice"), ({"starts_on": date(9999, 1, 1)}, "dates"),
])
def test_refused_settings_say_why(manager, change, words):
    with pytest.raises(services.ProgrammeError) as refused:
        services.create_programme(manager, **{**SETTINGS, **change})
    assert words in refused.value.message


def test_invitations_from_csv(in_request, manager, programme, make_user):
    member = make_user(email="known@example.org")
    rows, problems = enrolment.parse_invitations(
        "email;role\nknown@example.org;mentor\nNEW@Example.org;mentoré\nnot-an-email;mentor\nx@example.org;boss\n")
    assert rows == [("known@example.org", "mentor"), ("new@example.org", "mentee")]
    assert [number for number, _ in problems] == [4, 5]
    counts = enrolment.invite(programme, manager, rows, now=NOW)
    db.session.commit()
    assert counts == {"invited": 2, "already": 0}
    assert db.session.scalar(sa.select(Notification.kind).where(Notification.user_id == member.id)) == \
        "programme_invited"
    mail = db.session.scalar(sa.select(OutgoingMail).where(OutgoingMail.recipient == "new@example.org"))
    assert "/programmes/invitations/" in mail.body
    assert enrolment.invite(programme, manager, rows, now=NOW) == {"invited": 0, "already": 2}


def test_an_invitation_link_works_once(in_request, manager, programme):
    enrolment.invite(programme, manager, [("new@example.org", "mentee")], now=NOW)
    token = _link_token()
    member, participant = enrolment.accept_invitation(token, "Quiet lanterns drift 42", "Nina",
                                                     seniority="junior", now=NOW)
    db.session.commit()
    assert participant.user_id == member.id and member.email == "new@example.org"
    with pytest.raises(NotFound):
        enrolment.pending_invitation(token, now=NOW)


def test_a_resent_invitation_replaces_the_old_link(in_request, manager, programme):
    enrolment.invite(programme, manager, [("new@example.org", "mentee")], now=NOW)
    first = _link_token()
    assert enrolment.remind_unanswered(programme, manager, now=NOW) == 1
    second = _link_token()
    assert first != second
    with pytest.raises(NotFound):
        enrolment.pending_invitation(first, now=NOW)
    assert enrolment.pending_invitation(second, now=NOW).email == "new@example.org"


def _link_token():
    mail = db.session.scalars(sa.select(OutgoingMail).order_by(OutgoingMail.id.desc())).first()
    return mail.body.split("/programmes/invitations/")[1].split()[0]


def test_applications_prefill_from_the_profile_and_check_answers(programme, make_user, make_skill):
    member = make_user(email="jo@example.org", seniority="junior")
    make_skill(member, "offer", "TikTok for brands")
    make_skill(member, "learn", "Negotiation")
    participant = enrolment.apply(programme, member, "mentor", today=TODAY)
    defaults = enrolment.application_defaults(participant)
    assert defaults["brings"] == ["TikTok for brands"] and defaults["seeks"] == ["Negotiation"]
    with pytest.raises(services.ProgrammeError):
        enrolment.answer_application(participant, member, "mentor", "Grow", [], [], now=NOW)
    with pytest.raises(services.ProgrammeError):
        enrolment.answer_application(participant, member, "mentor", "Grow", ["x"], [], capacity=3, now=NOW)
    with pytest.raises(services.ProgrammeError):
        enrolment.apply(programme, member, "mentee", today=TODAY)
    enrolment.answer_application(participant, member, "mentor", "Grow", ["TikTok"], [], avoid=["Boss@Example.org"],
                                capacity=1, now=NOW)
    assert participant.status == "answered" and participant.avoid == ["boss@example.org"]


def test_closed_or_ineligible_programmes_take_no_application(programme, make_user):
    member = make_user(email="jo@example.org", seniority="junior", department="Sales")
    programme.departments = ["Finance"]
    with pytest.raises(NotFound):
        enrolment.apply(programme, member, "mentor", today=TODAY)
    programme.departments = []
    with pytest.raises(NotFound):
        enrolment.apply(programme, member, "mentor", today=date(2026, 12, 16))


def _reverse_cohort(enrol):
    """Two juniors who teach, two executives who learn; each executive fits one junior best."""
    return {
        "lea": enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"], capacity=1),
        "tom": enrol("tom@example.org", "mentor", "junior", brings=["Excel pivot tables"], capacity=1),
        "marc": enrol("marc@example.org", "mentee", "executive", seeks=["TikTok for brands"]),
        "anne": enrol("anne@example.org", "mentee", "executive", seeks=["Excel pivot tables"]),
        # A junior mentee: a reverse programme gives them no junior mentor.
        "zoe": enrol("zoe@example.org", "mentee", "junior", seeks=["TikTok for brands"]),
    }


def test_matching_pairs_by_skill_and_respects_the_reverse_rule(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    matching = pairing.run_matching(programme, manager, now=NOW)
    db.session.commit()
    pairs = {(p.mentee_id, p.mentor_id) for p in programme.pairs}
    assert pairs == {(people["marc"].id, people["lea"].id), (people["anne"].id, people["tom"].id)}
    assert set(matching["methods"]) == {"optimal", "greedy", "stable"}
    assert matching["methods"]["optimal"]["total"] >= matching["methods"]["greedy"]["total"]
    reasons = {row["participant_id"]: row["reason"] for row in matching["unmatched"]}
    assert reasons[people["zoe"].id] == "no_eligible_mentor"
    pair = next(p for p in programme.pairs if p.mentee_id == people["marc"].id)
    assert pair.explanation["seek"] == "TikTok for brands" and pair.explanation["bring"] == "TikTok for brands"


def test_lock_forbid_swap_and_rerun(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    marc_pair = next(p for p in programme.pairs if p.mentee_id == people["marc"].id)
    anne_pair = next(p for p in programme.pairs if p.mentee_id == people["anne"].id)
    swapped = pairing.swap_mentees(programme, manager, marc_pair.id, anne_pair.id)
    db.session.commit()
    assert {(p.mentee_id, p.mentor_id, p.state) for p in swapped} == {
        (people["anne"].id, people["lea"].id, "locked"), (people["marc"].id, people["tom"].id, "locked")}
    pairing.run_matching(programme, manager, now=NOW)  # locked pairs survive a re-run
    assert {(p.mentee_id, p.mentor_id) for p in programme.pairs} == {
        (people["anne"].id, people["lea"].id), (people["marc"].id, people["tom"].id)}
    for pair in list(programme.pairs):  # released, the best pairs come back
        pairing.lock_pair(programme, manager, pair.id, locked=False)
    pairing.run_matching(programme, manager, now=NOW)
    assert {(p.mentee_id, p.mentor_id) for p in programme.pairs} == {
        (people["marc"].id, people["lea"].id), (people["anne"].id, people["tom"].id)}


def test_a_forbidden_pair_is_never_proposed_again(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    marc_lea = next(p for p in programme.pairs if p.mentee_id == people["marc"].id)
    pairing.forbid_pair(programme, manager, marc_lea.id)
    pairing.run_matching(programme, manager, now=NOW)
    db.session.commit()
    # Without the forbidden pair the next best is the crossed one.
    assert {(p.mentee_id, p.mentor_id) for p in programme.pairs} == {
        (people["marc"].id, people["tom"].id), (people["anne"].id, people["lea"].id)}


def test_avoided_people_are_never_paired(manager, programme, enrol):
    enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"], avoid=["marc@example.org"])
    enrol("marc@example.org", "mentee", "executive", seeks=["TikTok for brands"])
    pairing.run_matching(programme, manager, now=NOW)
    assert programme.pairs == []


def test_publish_creates_exchanges_with_the_framework_and_a_first_meeting(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    assert pairing.publish(programme, manager, now=NOW) == 2
    db.session.commit()
    exchanges = db.session.scalars(sa.select(Exchange).where(Exchange.programme_id == programme.id)).all()
    assert len(exchanges) == 2 and {e.status for e in exchanges} == {"active"}
    lea_exchange = next(e for e in exchanges if e.proposer_id == people["lea"].user_id)
    assert lea_exchange.kind == "reverse" and lea_exchange.partner_id == people["marc"].user_id
    assert lea_exchange.frequency == "fortnightly" and lea_exchange.start_date == date(2027, 1, 4)
    assert [o.title for o in lea_exchange.objectives] == programme.objective_list()
    meeting = db.session.scalar(sa.select(Meeting).where(Meeting.exchange_id == lea_exchange.id))
    assert meeting.status == "planned" and meeting.starts_at.date() == date(2027, 1, 7)
    told = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "programme_paired")).all()
    assert set(told) == {people[n].user_id for n in ("lea", "tom", "marc", "anne")}
    assert programme.status == "running"
    with pytest.raises(services.ProgrammeError):
        pairing.publish(programme, manager, now=NOW)  # nothing left to publish


def test_a_group_programme_opens_one_cohort_per_mentor(manager, programme, enrol):
    programme.kind, programme.mentor_capacity = "group", 3
    lea = enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"])
    for name in ("marc", "anne"):
        enrol(f"{name}@example.org", "mentee", "executive", seeks=["TikTok for brands"])
    pairing.run_matching(programme, manager, now=NOW)
    assert pairing.publish(programme, manager, now=NOW) == 1
    db.session.commit()
    exchange = db.session.scalar(sa.select(Exchange).where(Exchange.programme_id == programme.id))
    assert exchange.kind == "group" and exchange.proposer_id == lea.user_id
    assert len(exchange.cohort.seated) == 2 and not exchange.cohort.enrolment_open


def test_removed_participants_leave_their_unpublished_pairs(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    enrolment.remove_participant(programme, manager, people["lea"].id)
    db.session.commit()
    assert all(p.mentor_id != people["lea"].id for p in programme.pairs)
    assert db.session.get(Participant, people["lea"].id).status == "removed"


def test_programme_reminders_follow_the_rhythm(manager, programme, enrol):
    from datetime import timedelta

    from marketplace.programmes.reminders import send_programme_reminders

    _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    pairing.publish(programme, manager, now=NOW)
    db.session.commit()
    first_meeting = db.session.scalar(sa.select(sa.func.min(Meeting.starts_at)))
    assert send_programme_reminders(now=first_meeting - timedelta(hours=1)) == 0  # a meeting is planned
    after = first_meeting + timedelta(days=1)
    assert send_programme_reminders(now=after) == 4  # both members of both pairs
    assert send_programme_reminders(now=after + timedelta(days=1)) == 0  # once per rhythm period
    assert send_programme_reminders(now=after + timedelta(days=14)) == 4  # the next fortnight


def test_matching_reads_vectors_stored_with_the_applications(manager, programme, enrol, monkeypatch):
    from marketplace.skills.engine import get_engine
    from marketplace.skills.models import TextVector

    _reverse_cohort(enrol)
    # Two distinct texts, each brought (a passage) and sought (a query).
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TextVector)) == 4
    encoder = get_engine().encoder

    def refuse(*args, **kwargs):
        raise AssertionError("the model ran while matching")

    monkeypatch.setattr(encoder, "encode", refuse)
    pairing.run_matching(programme, manager, now=NOW)
    assert len(programme.pairs) == 2


def test_the_matching_page_shows_the_managers_changes_next_to_the_computed_pairs(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    assert "current" not in pairing.matching_view(programme)["methods"]
    optimal = pairing.matching_view(programme)["methods"]["optimal"]
    assert sum(p.score for p in programme.pairs) == pytest.approx(optimal["total"])
    first, second = (next(p for p in programme.pairs if p.mentee_id == people[n].id) for n in ("marc", "anne"))
    pairing.swap_mentees(programme, manager, first.id, second.id)
    current = pairing.matching_view(programme)["methods"]["current"]
    assert current["matched"] == 2 and current["total"] < optimal["total"]


def test_grant_manager_command(runner, make_user):
    from marketplace.accounts.models import User

    member = make_user(email="claire@example.org")
    result = runner.invoke(args=["grant-manager", "Claire@Example.org"])
    assert result.exit_code == 0, result.output
    assert db.session.get(User, member.id).role == "manager"
    refused = runner.invoke(args=["grant-manager", "nobody@example.org"])
    assert refused.exit_code != 0 and "No member" in refused.output


def test_a_rerun_after_a_mentor_left_keeps_the_published_exchange_of_their_mentee(manager, programme, enrol):
    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    pairing.publish(programme, manager, now=NOW)
    enrolment.remove_participant(programme, manager, people["lea"].id)
    people["tom"].capacity = 2  # Tom could take Marc now
    pairing.run_matching(programme, manager, now=NOW)
    db.session.commit()
    marc_pairs = [p for p in programme.pairs if p.mentee_id == people["marc"].id]
    assert len(marc_pairs) == 1 and marc_pairs[0].exchange_id is not None


def test_a_swap_never_pairs_someone_with_a_person_they_avoid(manager, programme, enrol):
    lea = enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"], capacity=1)
    tom = enrol("tom@example.org", "mentor", "junior", brings=["Excel pivot tables"], capacity=1)
    marc = enrol("marc@example.org", "mentee", "executive", seeks=["TikTok for brands"], avoid=["tom@example.org"])
    anne = enrol("anne@example.org", "mentee", "executive", seeks=["Excel pivot tables"])
    pairing.run_matching(programme, manager, now=NOW)
    first, second = (next(p for p in programme.pairs if p.mentee_id == m.id) for m in (marc, anne))
    assert (first.mentor_id, second.mentor_id) == (lea.id, tom.id)
    with pytest.raises(services.ProgrammeError):
        pairing.swap_mentees(programme, manager, first.id, second.id)


def test_a_pair_forbidden_twice_is_one_rule(manager, programme, enrol):
    from marketplace.programmes.models import ForbiddenPair, ProgrammePair

    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    pair = next(p for p in programme.pairs if p.mentee_id == people["marc"].id)
    mentee_id, mentor_id = pair.mentee_id, pair.mentor_id
    pairing.forbid_pair(programme, manager, pair.id)
    again = ProgrammePair(programme_id=programme.id, mentee_id=mentee_id, mentor_id=mentor_id, state="locked")
    db.session.add(again)  # the same pair, locked again by hand
    db.session.flush()
    pairing.forbid_pair(programme, manager, again.id)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ForbiddenPair)) == 1


def test_mirror_pairs_of_a_mixed_programme_become_one_two_way_swap(manager, programme, enrol):
    programme.kind = "mixed"
    ada = enrol("ada@example.org", "either", "mid", brings=["Python scripting"], seeks=["Public speaking"])
    bob = enrol("bob@example.org", "either", "mid", brings=["Public speaking"], seeks=["Python scripting"])
    pairing.run_matching(programme, manager, now=NOW)
    assert {(p.mentee_id, p.mentor_id) for p in programme.pairs} == {(ada.id, bob.id), (bob.id, ada.id)}
    assert pairing.publish(programme, manager, now=NOW) == 1
    db.session.commit()
    exchange = db.session.scalar(sa.select(Exchange).where(Exchange.programme_id == programme.id))
    assert exchange.kind == "swap" and len(exchange.teachings) == 2


def test_one_address_invited_twice_is_one_participant(in_request, manager, programme):
    assert enrolment.invite(programme, manager, [("a@example.org", "mentor"), ("a@example.org", "mentee")],
                           now=NOW) == {"invited": 1, "already": 0}
    db.session.commit()
    assert [(p.email, p.role) for p in programme.participants] == [("a@example.org", "mentee")]


def test_someone_invited_before_signing_up_finds_their_invitation(in_request, manager, programme, make_user):
    enrolment.invite(programme, manager, [("late@example.org", "mentee")], now=NOW)
    db.session.commit()
    member = make_user(email="late@example.org", seniority="executive")  # signed up without the link
    participant = enrolment.my_application(programme, member)
    with pytest.raises(services.ProgrammeError):  # invited as a mentee, not as a mentor
        enrolment.answer_application(participant, member, "mentor", "Grow", ["TikTok"], [], now=NOW)
    enrolment.answer_application(participant, member, "mentee", "Grow", [], ["TikTok"], now=NOW)
    assert participant.user_id == member.id and participant.invitation_hash is None


def test_objectives_too_many_or_too_long_are_refused_at_creation(manager):
    for objectives in ("\n".join(f"Objective {n}" for n in range(6)), "x" * 201):
        with pytest.raises(services.ProgrammeError):
            services.create_programme(manager, **{**SETTINGS, "objectives": objectives})


def test_deleting_an_account_leaves_every_programme(manager, programme, enrol):
    from marketplace.accounts.privacy import delete_account
    from tests.conftest import PASSWORD

    people = _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    member = people["marc"].user
    delete_account(member, PASSWORD, now=NOW)
    db.session.commit()
    participant = db.session.get(Participant, people["marc"].id)
    assert participant.status == "removed" and participant.seeks == [] and "marc" not in participant.email
    assert all(p.mentee_id != participant.id for p in programme.pairs)


def test_a_programme_past_its_end_is_closed_and_reminds_nobody(manager, programme, enrol):
    from datetime import datetime as moment, timedelta

    from marketplace.programmes.reminders import close_finished_programmes, send_programme_reminders

    _reverse_cohort(enrol)
    pairing.run_matching(programme, manager, now=NOW)
    pairing.publish(programme, manager, now=NOW)
    after_the_end = moment.combine(programme.ends_on + timedelta(days=1), moment.min.time())
    assert send_programme_reminders(now=after_the_end) == 0
    assert close_finished_programmes(now=after_the_end) == 1
    assert programme.status == "closed"
    with pytest.raises(services.ProgrammeError):
        pairing.run_matching(programme, manager, now=after_the_end)


def test_a_group_programme_reminds_the_mentor_and_the_seated_members(manager, programme, enrol):
    from datetime import timedelta

    from marketplace.programmes.reminders import send_programme_reminders

    programme.kind, programme.mentor_capacity = "group", 3
    enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"])
    for name in ("marc", "anne"):
        enrol(f"{name}@example.org", "mentee", "executive", seeks=["TikTok for brands"])
    pairing.run_matching(programme, manager, now=NOW)
    pairing.publish(programme, manager, now=NOW)
    first_meeting = db.session.scalar(sa.select(sa.func.min(Meeting.starts_at)))
    assert send_programme_reminders(now=first_meeting + timedelta(days=1)) == 3


def test_someone_paired_one_way_is_not_listed_as_unmatched(manager, programme, enrol):
    programme.kind = "mixed"
    lea = enrol("lea@example.org", "mentor", "junior", brings=["TikTok for brands"], capacity=2)
    marc = enrol("marc@example.org", "either", "executive", brings=["Negotiation"], seeks=["TikTok for brands"])
    matching = pairing.run_matching(programme, manager, now=NOW)
    assert {(p.mentee_id, p.mentor_id) for p in programme.pairs} == {(marc.id, lea.id)}
    # Léa has a seat left and Marc no mentee: both are paired, neither is unmatched.
    assert {row["participant_id"] for row in matching["unmatched"]} == set()
