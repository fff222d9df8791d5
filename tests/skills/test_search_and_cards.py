"""Finding people: the lexical index (stemmed words, glossary-expanded), the members search
that merges names, words and meaning, and the matches page as one card per person (pairs,
returns, paging, fair order, "not relevant").

The hashing encoder stands in for the model (nothing loads): these tests are about what the
app does with similarities, not about how good the model is. Run them on PostgreSQL with
`MARKETPLACE_TEST_DATABASE=postgresql`.
"""

import math
import re
from types import SimpleNamespace

import numpy as np
import pytest
import sqlalchemy as sa

from marketplace.accounts import privacy
from marketplace.accounts.models import utcnow
from marketplace.errors import NotFound
from marketplace.exchange import cohorts
from marketplace.extensions import db
from marketplace.skills import lexical, matching, search, services
from marketplace.skills.calibration import fallback
from marketplace.skills.engine import IndexSnapshot, get_engine
from marketplace.skills.matching import MatchCard, Pair, fair_tiebreak
from marketplace.skills.models import MatchDismissal, SkillTerms
from marketplace.skills.ranking import rank_candidates
from tests.conftest import BACKEND, PASSWORD


@pytest.fixture
def cards_per_page():
    """MATCHING_CARDS_PER_PAGE; a test parametrizes it to page through a few people."""
    return 20


@pytest.fixture
def app_config(app_config, cards_per_page):
    """The hashing encoder: nothing here depends on the model."""
    return {**app_config, "MATCHING_ENCODER": "hashing", "MATCHING_CARDS_PER_PAGE": cards_per_page}


@pytest.fixture
def glossary(app):
    return get_engine().glossary


def offers_found(text, glossary, direction="offer"):
    return lexical.search_skills(text, glossary, direction)


def fresh(model, row_id):
    """A row read again (pages run in their own session)."""
    db.session.expire_all()
    return db.session.get(model, row_id)


def all_cards(member, direction="learn"):
    cards, page = [], 1
    while True:
        result = matching.suggestions_for(fresh(type(member), member.id), direction=direction, page=page)
        cards += result.cards
        if not result.has_more:
            return cards
        page += 1


def member_ids_on(html):
    """The members linked from a page's list, in order."""
    return [int(i) for i in re.findall(r'class="member-name" href="/members/(\d+)"', html)]


# --- The lexical index ----------------------------------------------------------------------

def test_stems_fold_accents_and_plurals_in_both_languages():
    assert set(lexical.stems("négociation")) & set(lexical.stems("Negociations")) == {"negoci"}
    assert lexical.stems("réunions") == lexical.stems("réunion") == ["reunion"]
    assert lexical.stems("tableurs") == lexical.stems("tableur") == ["tableur"]
    assert "meet" in lexical.stems("meetings") and "meet" in lexical.stems("meeting")
    # Stop words out.
    assert lexical.stems("Je veux les bases de la comptabilité") == lexical.stems("veux bases comptabilité")


def test_an_abbreviation_finds_the_words_it_stands_for(glossary, make_user, make_skill):
    """"TCD" finds "Tableaux croisés dynamiques" because the glossary says what a TCD is."""
    tcd = glossary.lookup("TCD")
    assert tcd is not None and "tableau croisé dynamique" in tcd.fr.casefold()
    owner = make_user()
    pivot = make_skill(owner, "offer", "Tableaux croisés dynamiques", description="Synthétiser un export comptable")
    make_skill(owner, "offer", "Prise de parole en public")
    assert offers_found("TCD", glossary) == [pivot.id]
    assert offers_found("maîtriser les TCD", glossary) == [pivot.id]


def test_a_word_finds_the_tool_the_glossary_describes_with_it(glossary, make_user, make_skill):
    """"tableurs" finds an offer titled "Excel": the glossary says Excel is a "tableur"."""
    assert "tableur" in glossary.lookup("Excel").fr.casefold()
    owner = make_user()
    excel = make_skill(owner, "offer", "Excel")
    make_skill(owner, "offer", "Négociation commerciale")
    assert offers_found("tableurs", glossary) == [excel.id]
    assert offers_found("Je veux apprendre les tableurs", glossary) == [excel.id]


def test_accents_and_plurals_do_not_matter(glossary, make_user, make_skill):
    owner = make_user()
    negociations = make_skill(owner, "offer", "Negociations", description="avec les syndicats")
    negocier = make_skill(owner, "offer", "Négocier avec les fournisseurs")
    meetings = make_skill(owner, "offer", "Running meetings")
    reunions = make_skill(owner, "offer", "Animer des réunions")
    assert set(offers_found("négociation", glossary)) == {negociations.id, negocier.id}
    assert offers_found("meeting", glossary) == [meetings.id]
    assert offers_found("une réunion", glossary) == [reunions.id]
    assert offers_found("Reunions", glossary) == [reunions.id]


def test_a_search_reads_one_direction(glossary, make_user, make_skill):
    owner = make_user()
    offer = make_skill(owner, "offer", "Comptabilité analytique")
    need = make_skill(owner, "learn", "Comptabilité fournisseurs")
    assert offers_found("comptabilité", glossary) == [offer.id]
    assert offers_found("comptabilité", glossary, direction="learn") == [need.id]
    assert offers_found("les de la", glossary) == []  # only stop words: nothing to look for


def test_more_and_rarer_words_rank_higher(glossary, make_user, make_skill):
    owner = make_user()
    both = make_skill(owner, "offer", "Comptabilité analytique des projets")
    one = make_skill(owner, "offer", "Gestion des projets")
    assert offers_found("comptabilité de projet", glossary) == [both.id, one.id]


def test_deleting_a_skill_removes_its_words(app, glossary, make_user, make_skill):
    owner = make_user()
    skill = make_skill(owner, "offer", "Negociations salariales")
    assert offers_found("négociation", glossary) == [skill.id]
    services.delete_skill(skill, owner)
    db.session.commit()
    assert offers_found("négociation", glossary) == []
    assert db.session.get(SkillTerms, skill.id) is None
    if BACKEND == "sqlite":  # the FTS5 table follows skill_terms through its triggers
        rows = db.session.execute(sa.text("SELECT rowid FROM skill_terms_fts WHERE skill_terms_fts MATCH 'negoci'"))
        assert rows.all() == []


def test_editing_a_title_changes_its_words(app, glossary, make_user, make_skill):
    owner = make_user()
    skill = make_skill(owner, "offer", "Negociations salariales")
    services.update_skill(skill, owner, title="Comptabilité analytique")
    db.session.commit()
    assert offers_found("négociation", glossary) == []
    assert offers_found("comptable", glossary) == [skill.id]
    if BACKEND == "sqlite":
        rows = db.session.execute(sa.text("SELECT rowid FROM skill_terms_fts WHERE skill_terms_fts MATCH 'negoci'"))
        assert rows.all() == []


# --- Members search -------------------------------------------------------------------------

@pytest.fixture
def colleagues(make_user, make_skill):
    """A viewer and a few colleagues with offers; Bérénice is findable by name only."""
    viewer = make_user(email="viewer@example.org", display_name="Victor")
    paul = make_user(email="paul@example.org", display_name="Paul", job_title="Contrôleur de gestion")
    make_skill(paul, "offer", "Excel")
    nina = make_user(email="nina@example.org", display_name="Nina")
    make_skill(nina, "offer", "Négociation commerciale")
    berenice = make_user(email="berenice@example.org", display_name="Bérénice Castaing")
    make_skill(berenice, "offer", "Photographie")
    return {"viewer": viewer, "paul": paul, "nina": nina, "berenice": berenice}


def test_members_page_finds_who_offers_excel_for_tableurs(client, auth, colleagues):
    auth.login("viewer@example.org")
    page = client.get("/members?q=tableurs").get_data(as_text=True)
    assert "found for “tableurs”" in page and "0 members" not in page
    found = member_ids_on(page)
    assert found[0] == colleagues["paul"].id
    assert "Offers “Excel”" in page


def test_searching_a_name_finds_that_person_first(client, auth, colleagues):
    auth.login("viewer@example.org")
    hits = search.search_members("Bérénice Castaing", colleagues["viewer"].id)
    assert hits[0].member.id == colleagues["berenice"].id and hits[0].by_name
    assert member_ids_on(client.get("/members?q=B%C3%A9r%C3%A9nice").get_data(as_text=True))[0] == \
        colleagues["berenice"].id
    # A job title is searched as well.
    assert search.search_members("contrôleur", colleagues["viewer"].id)[0].member.id == colleagues["paul"].id


def test_the_viewer_is_never_in_their_own_results(make_user, make_skill):
    """Guards the three `viewer_id` checks in skills/search.py (`User.id != viewer_id` in
    _by_name, `skill.owner_id == viewer_id` in _by_words, `exclude_member_id` in
    search_offers): drop any one and "Excel Wizard", who matches "Excel" by name, by the
    words of their offer and by its meaning, appears in their own search."""
    wizard = make_user(display_name="Excel Wizard")
    make_skill(wizard, "offer", "Excel")
    other = make_user(display_name="Someone else")
    make_skill(other, "offer", "Excel")
    hits = search.search_members("Excel", wizard.id)
    assert wizard.id not in [hit.member.id for hit in hits]
    assert [hit.member.id for hit in hits] == [other.id]
    # The same search by someone else finds the wizard every way.
    (found,) = [hit for hit in search.search_members("Excel", other.id) if hit.member.id == wizard.id]
    assert found.by_name and found.by_words and found.by_meaning


def test_the_viewer_is_never_on_their_own_members_page(client, auth, make_user, make_skill):
    wizard = make_user(email="wizard@example.org", display_name="Excel Wizard")
    make_skill(wizard, "offer", "Excel")
    auth.login("wizard@example.org")
    assert wizard.id not in member_ids_on(client.get("/members?q=Excel").get_data(as_text=True))
    assert client.get("/api/v1/members?q=Excel").get_json()["members"] == []


def test_a_deleted_member_never_appears(app, make_user, make_skill):
    """Whatever is left of a deleted member (here their name and offer, as if the deletion
    had not cleaned up yet) is not searchable: each of the three rankings checks deleted_at."""
    viewer = make_user()
    gone = make_user(display_name="Excel Wizard")
    make_skill(gone, "offer", "Excel")
    (before,) = search.search_members("Excel", viewer.id)
    assert before.member.id == gone.id and before.by_name and before.by_words and before.by_meaning
    gone.deleted_at = utcnow()
    db.session.commit()
    assert search.search_members("Excel", viewer.id) == []


def test_a_deleted_account_is_not_found_as_former_member(app, make_user, make_skill):
    viewer = make_user()
    lea = make_user(display_name="Léa")
    make_skill(lea, "offer", "Excel")
    privacy.delete_account(lea, PASSWORD)
    db.session.commit()
    assert search.search_members("Former member", viewer.id) == []
    assert search.search_members("Excel", viewer.id) == []


def test_api_members_lists_the_page_in_the_same_order(client, auth, colleagues, make_user, make_skill):
    for name, title in [("Ana", "Excel pour la finance"), ("Bob", "Google Sheets"), ("Chloé", "Tableurs")]:
        make_skill(make_user(display_name=name), "offer", title)
    auth.login("viewer@example.org")
    page = member_ids_on(client.get("/members?q=tableurs").get_data(as_text=True))
    body = client.get("/api/v1/members?q=tableurs").get_json()
    assert len(page) >= 3
    assert [entry["member"]["id"] for entry in body["members"]] == page
    assert body["total"] == len(page) and body["q"] == "tableurs"
    paul = next(entry for entry in body["members"] if entry["member"]["id"] == colleagues["paul"].id)
    assert "words" in paul["found_by"] and paul["offer"]["title"] == "Excel"
    assert "email" not in paul["member"]


def test_api_members_needs_a_signed_in_member_and_words_when_it_searches(client, auth, colleagues):
    assert client.get("/api/v1/members?q=Excel").status_code == 401
    auth.login("viewer@example.org")
    assert client.get("/api/v1/members").status_code == 200  # no search: the directory
    assert client.get("/api/v1/members?q=%20%20").status_code == 400
    assert client.get("/api/v1/members?q=Excel&page=abc").status_code == 400


# --- Cards: one per person ------------------------------------------------------------------

@pytest.fixture
def me(make_user, make_skill):
    """I want to learn Excel pivot tables and Power BI, and can teach public speaking."""
    me = make_user(email="me@example.org", display_name="Me")
    make_skill(me, "learn", "Excel pivot tables")
    make_skill(me, "learn", "Power BI dashboards")
    make_skill(me, "offer", "Public speaking")
    return me


def titles(pairs):
    return {(p.mine.title, p.theirs.title) for p in pairs}


def test_one_card_per_person_with_all_their_pairs_and_returns(me, make_user, make_skill):
    lea = make_user(display_name="Léa")
    make_skill(lea, "offer", "Excel pivot tables")
    make_skill(lea, "offer", "Power BI dashboards")
    make_skill(lea, "learn", "Public speaking")
    cards = all_cards(me)
    assert [card.member.id for card in cards] == [lea.id]
    (card,) = cards
    assert {("Excel pivot tables", "Excel pivot tables"), ("Power BI dashboards", "Power BI dashboards")} \
        <= titles(card.pairs)
    assert all(p.mine.direction == "learn" and p.theirs.direction == "offer" for p in card.pairs)
    assert titles(card.returns) == {("Public speaking", "Public speaking")}
    assert card.reciprocal.theirs.owner_id == lea.id
    assert [p.similarity for p in card.pairs] == sorted((p.similarity for p in card.pairs), reverse=True)


def test_the_other_view_is_one_card_per_learner(me, make_user, make_skill):
    tom = make_user(display_name="Tom")
    make_skill(tom, "learn", "Public speaking")
    make_skill(tom, "learn", "Public speaking for managers", allow_similar=True)
    (card,) = all_cards(me, direction="offer")
    assert card.member.id == tom.id
    assert titles(card.pairs) == {("Public speaking", "Public speaking"),
                                  ("Public speaking", "Public speaking for managers")}


@pytest.mark.parametrize("cards_per_page", [2])
def test_cards_come_a_page_at_a_time(client, auth, me, make_user, make_skill):
    people = []
    for n, title in enumerate(["Excel pivot tables", "Excel pivot tables for finance", "Pivot tables in Excel",
                               "Excel charts", "Excel formulas"]):
        person = make_user(display_name=f"Teacher {n}")
        make_skill(person, "offer", title)
        people.append(person.id)
    pages = [matching.suggestions_for(fresh(type(me), me.id), page=n) for n in (1, 2, 3, 4)]
    assert [len(p.cards) for p in pages] == [2, 2, 1, 0]
    assert [p.has_more for p in pages] == [True, True, False, False]
    assert all(p.total == 5 for p in pages[:3])
    assert sorted(card.member.id for p in pages for card in p.cards) == sorted(people)

    auth.login("me@example.org")
    first = client.get("/matches").get_data(as_text=True)
    assert "More matches" in first and "/matches?page=2" in first
    assert member_ids_on(first) == [card.member.id for card in pages[0].cards]
    last = client.get("/matches?page=3").get_data(as_text=True)
    assert "More matches" not in last and member_ids_on(last) == [pages[2].cards[0].member.id]
    assert "No more matches" in client.get("/matches?page=4").get_data(as_text=True)
    body = client.get("/api/v1/matches?page=3").get_json()
    assert body["page"] == 3 and body["has_more"] is False and len(body["matches"]) == 1 and body["total"] == 5
    for bad in ("0", "abc", "-1", "1.5"):
        assert client.get(f"/matches?page={bad}").status_code == 400
        assert client.get(f"/api/v1/matches?page={bad}").status_code == 400


def test_cards_are_ordered_by_band_then_score(me, make_user, make_skill):
    def person(name, offer, need=None):
        member = make_user(display_name=name)
        make_skill(member, "offer", offer)
        if need:
            make_skill(member, "learn", need)
        return member.id

    exact = person("Exact", "Excel pivot tables")
    close = person("Close", "Excel charts")
    swap = person("Swap", "Droit des contrats", need="Public speaking")  # a weak match, but two-way
    cards = all_cards(me)
    by_id = {card.member.id: card for card in cards}
    assert [card.member.id for card in cards][:2] == [exact, close]
    assert by_id[exact].band == by_id[close].band == "strong"
    assert by_id[swap].returns and by_id[swap].band not in ("strong", None)
    keys = [(["strong", "good", "worth_a_look"].index(c.band),
             -(c.similarity + (0.1 * c.returns[0].similarity if c.returns else 0))) for c in cards]
    assert keys == sorted(keys)


def test_equally_good_people_come_in_an_order_of_each_viewer(make_user, make_skill):
    """Two identical offers tie: who comes first depends on the viewer (fair_tiebreak), so
    the first to sign up is not first for everyone; for one viewer the order never changes."""
    first = make_user(display_name="Early bird")
    second = make_user(display_name="Late comer")
    for teacher in (first, second):
        make_skill(teacher, "offer", "Excel pivot tables")
    orders = {}
    for n in range(12):
        viewer = make_user(display_name=f"Viewer {n}")
        make_skill(viewer, "learn", "Excel pivot tables")
        cards = all_cards(viewer)
        assert cards[0].similarity == pytest.approx(cards[1].similarity)
        order = tuple(card.member.id for card in cards)
        assert order == tuple(card.member.id for card in all_cards(viewer))  # stable
        expected = tuple(sorted((first.id, second.id), key=lambda m: fair_tiebreak(viewer.id, m)))
        assert order == expected
        orders[viewer.id] = order
    assert set(orders.values()) == {(first.id, second.id), (second.id, first.id)}


def test_fair_tiebreak_is_stable_and_differs_between_viewers():
    assert fair_tiebreak(1, 2) == fair_tiebreak(1, 2)
    assert fair_tiebreak(1, 2) != fair_tiebreak(2, 2)
    firsts = {min((5, 6), key=lambda member: fair_tiebreak(viewer, member)) for viewer in range(1, 40)}
    assert firsts == {5, 6}


# --- Reciprocity within a band (hand-made vectors) --------------------------------------------

def at(cosine):
    """A unit vector whose cosine with my need (the first axis) is `cosine`."""
    return np.asarray([cosine, math.sqrt(1 - cosine ** 2), 0, 0], dtype=np.float32)


@pytest.fixture
def index():
    # Hand-made vectors: probabilities are plain cosines; bands at 0.8 and 0.6.
    return IndexSnapshot.empty(4, fallback("hand-made", baseline=0.0))


def test_reciprocity_breaks_ties_never_relevance(index):
    # I (member 1) need the first axis and offer the third.
    index.load("learn", [11], [1], [np.asarray([1, 0, 0, 0], np.float32)])
    index.load("offer", [12], [1], [np.asarray([0, 0, 1, 0], np.float32)])
    # 2: strong one way (0.82); 3: good (0.75) and needs exactly what I offer; 4: good (0.78)
    # one way; 5: the same 0.75 as 3, one way.
    index.load("offer", [21, 31, 41, 51], [2, 3, 4, 5], [at(0.82), at(0.75), at(0.78), at(0.75)])
    index.load("learn", [32], [3], [np.asarray([0, 0, 1, 0], np.float32)])
    (ranked,) = rank_candidates(index, index.fetch("learn", [11]), "offer", 1, index.fetch("offer", [12]),
                                k=5, pool=10)
    assert [(c.owner_id, c.band) for c in ranked] == [(2, "strong"), (4, "good"), (3, "good"), (5, "good")]
    swap = ranked[2]
    assert swap.reciprocal[0] == 32
    assert swap.score > ranked[1].similarity  # ahead on score alone, yet below the more relevant match
    # At the same percentage, the two-way swap (3) comes before the one-way match (5).
    assert ranked[2].similarity == pytest.approx(ranked[3].similarity) and ranked[3].reciprocal is None


def pair(similarity, band):
    skill = SimpleNamespace(id=1, direction="learn")
    return Pair(skill, SimpleNamespace(id=2, direction="offer"), similarity, band)


def card(member_id, similarity, band, returned=None):
    returns = [pair(returned, "strong")] if returned is not None else []
    return MatchCard(SimpleNamespace(id=member_id), [pair(similarity, band)], returns, "peer", [], tiebreak=0)


def test_cards_sort_the_same_way_as_candidates():
    cards = [card(4, 0.78, "good"), card(3, 0.75, "good", returned=1.0), card(2, 0.82, "strong"),
             card(6, 0.75, "good"), card(5, 0.59, "worth_a_look", returned=1.0)]
    ordered = [c.member.id for c in sorted(cards, key=MatchCard.order)]
    assert ordered == [2, 4, 3, 6, 5]
    # The percentages read in order down the page.
    percents = [c.percent for c in sorted(cards, key=MatchCard.order)]
    assert percents == sorted(percents, reverse=True)


# --- Not relevant -------------------------------------------------------------------------------

@pytest.fixture
def excel(make_user, make_skill):
    """I need Excel pivot tables; Tom and Zoé offer it, Tom word for word. Eve needs it too."""
    me = make_user(email="me@example.org", display_name="Me")
    need = make_skill(me, "learn", "Excel pivot tables")
    tom = make_user(display_name="Tom")
    tom_offer = make_skill(tom, "offer", "Excel pivot tables")
    zoe = make_user(display_name="Zoé")
    make_skill(zoe, "offer", "Excel formulas")
    eve = make_user(email="eve@example.org", display_name="Eve")
    eve_need = make_skill(eve, "learn", "Excel pivot tables")
    return SimpleNamespace(me=me, need=need, tom=tom, tom_offer=tom_offer, zoe=zoe, eve=eve, eve_need=eve_need)


def dismissals():
    db.session.expire_all()
    return db.session.execute(sa.select(MatchDismissal.member_id, MatchDismissal.need_id, MatchDismissal.offer_id,
                                        MatchDismissal.recipe, MatchDismissal.similarity)).all()


def test_not_relevant_removes_the_pair_and_records_it(client, auth, excel):
    auth.login("me@example.org")
    assert excel.tom.id in member_ids_on(client.get("/matches").get_data(as_text=True))
    response = client.post("/matches/dismiss", data={"mine": excel.need.id, "theirs": excel.tom_offer.id,
                                                     "next": "/matches?relation=peer"})
    assert response.status_code == 302 and response.headers["Location"] == "/matches?relation=peer"
    shown = member_ids_on(client.get("/matches").get_data(as_text=True))
    assert excel.tom.id not in shown and excel.zoe.id in shown
    api = client.get("/api/v1/matches").get_json()
    assert [m["member"]["id"] for m in api["matches"]] == [excel.zoe.id]
    ((member_id, need_id, offer_id, recipe, similarity),) = dismissals()
    assert (member_id, need_id, offer_id) == (excel.me.id, excel.need.id, excel.tom_offer.id)
    assert recipe == get_engine().identity and recipe.startswith("hashing-trigrams-256|")
    assert similarity == pytest.approx(1.0, abs=1e-4)  # the probability that was shown


def test_not_relevant_keeps_the_persons_other_pairs(me, make_user, make_skill):
    lea = make_user(display_name="Léa")
    excel_offer = make_skill(lea, "offer", "Excel pivot tables")
    make_skill(lea, "offer", "Power BI dashboards")
    excel_need = next(s for s in me.skills if s.title == "Excel pivot tables")
    matching.dismiss_pair(me, excel_need.id, excel_offer.id)
    db.session.commit()
    (card,) = all_cards(me)
    assert card.member.id == lea.id
    assert ("Excel pivot tables", "Excel pivot tables") not in titles(card.pairs)
    assert ("Power BI dashboards", "Power BI dashboards") in titles(card.pairs)


def test_not_relevant_on_a_return_pair_from_the_learners_side(me, make_user, make_skill):
    """A pair is (need, offer) however it is seen: dismissing their need against my offer in
    the "could learn from me" view removes the return from the other view's card too."""
    lea = make_user(display_name="Léa")
    make_skill(lea, "offer", "Excel pivot tables")
    their_need = make_skill(lea, "learn", "Public speaking")
    my_offer = next(s for s in me.skills if s.title == "Public speaking")
    (card,) = all_cards(me)
    assert titles(card.returns) == {("Public speaking", "Public speaking")}
    matching.dismiss_pair(me, my_offer.id, their_need.id)
    db.session.commit()
    (card,) = all_cards(me)
    assert card.returns == []
    assert all_cards(me, direction="offer") == []
    ((_, need_id, offer_id, _, _),) = dismissals()
    assert (need_id, offer_id) == (their_need.id, my_offer.id)


def test_not_relevant_on_someone_elses_skill_is_not_found(client, auth, excel):
    """Guards `mine.owner_id != member.id` (and the other checks) in matching.dismiss_pair:
    without it, I could record "not relevant" on Eve's need, a pair that is not mine, and
    that false label would feed the next calibration."""
    auth.login("me@example.org")
    for mine, theirs in [(excel.eve_need.id, excel.tom_offer.id),  # Eve's need, not mine
                         (excel.need.id, excel.need.id),  # my own skill on both sides
                         (excel.need.id, excel.eve_need.id),  # two needs
                         (excel.need.id, 999_999)]:  # no such skill
        response = client.post("/matches/dismiss", data={"mine": mine, "theirs": theirs, "next": "/matches"})
        assert response.status_code == 404, (mine, theirs)
    assert client.post("/matches/dismiss", data={"mine": "x", "theirs": excel.tom_offer.id}).status_code == 422
    assert dismissals() == []
    with pytest.raises(NotFound):
        matching.dismiss_pair(fresh(type(excel.me), excel.me.id), excel.eve_need.id, excel.tom_offer.id)


def test_not_relevant_twice_is_one_row(client, auth, excel):
    auth.login("me@example.org")
    for _ in range(2):
        response = client.post("/matches/dismiss", data={"mine": excel.need.id, "theirs": excel.tom_offer.id})
        assert response.status_code == 302 and response.headers["Location"] == "/matches"
    assert len(dismissals()) == 1


def test_not_relevant_never_redirects_elsewhere(client, auth, excel):
    auth.login("me@example.org")
    response = client.post("/matches/dismiss", data={"mine": excel.need.id, "theirs": excel.tom_offer.id,
                                                     "next": "https://evil.example/"})
    assert response.status_code == 302 and response.headers["Location"] == "/matches"


def test_not_relevant_signed_out_changes_nothing(client, excel):
    response = client.post("/matches/dismiss", data={"mine": excel.need.id, "theirs": excel.tom_offer.id})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert dismissals() == []


def test_cohort_suggestions_skip_a_dismissed_pair(excel):
    cohort = cohorts.open_cohort(excel.tom, excel.tom_offer, "Excel pour tous", 5, objectives=["Un premier TCD"],
                                 frequency="weekly", planned_meetings=4, meeting_minutes=60, channel="video")
    db.session.commit()
    assert [(c.id, need.id) for c, need, _ in cohorts.cohorts_for(excel.me)] == [(cohort.id, excel.need.id)]
    matching.dismiss_pair(excel.me, excel.need.id, excel.tom_offer.id)
    db.session.commit()
    assert cohorts.cohorts_for(fresh(type(excel.me), excel.me.id)) == []
    # Eve did not dismiss it: she still sees the cohort.
    assert [c.id for c, _, _ in cohorts.cohorts_for(excel.eve)] == [cohort.id]
