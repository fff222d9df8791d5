"""GET /api/v1/matches and /api/v1/members: same services as the pages, paged with Link headers."""

from urllib.parse import parse_qs, urlsplit

from marketplace.skills import matching, search
from tests.api.conftest import PER_PAGE, links


def every_page(client, url):
    """Follow rel="next" from url; returns the bodies and responses of every page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        pages.append(response)
        url = links(response).get("next")
        assert len(pages) < 20
    return pages


def test_matches_are_the_services_cards_page_by_page(signed_in, market):
    pages = every_page(signed_in, "/api/v1/matches?relation=&format=one_to_one")
    bodies = [page.get_json() for page in pages]
    assert [body["page"] for body in bodies] == [1, 2, 3]
    assert all(body["total"] == 5 and body["pages"] == 3 and body["view"] == "learn" for body in bodies)
    assert [body["has_more"] for body in bodies] == [True, True, False]
    shown = [card["member"]["id"] for body in bodies for card in body["matches"]]
    expected = [card.member.id for n in (1, 2, 3)
                for card in matching.suggestions_for(market.me, matching.MatchFilters(format="one_to_one"),
                                                     page=n).cards]
    assert shown == expected and sorted(shown) == sorted(t.id for t in market.teachers)
    card = bodies[0]["matches"][0]
    assert set(card) == {"member", "similarity", "percent", "band", "relation", "two_way", "pairs", "returns",
                         "more_pairs", "more_returns", "shared_languages"}
    assert card["pairs"][0]["my_skill"]["title"] == "Excel pivot tables"
    assert "email" not in card["member"]


def test_the_link_header_names_the_pages_around_and_keeps_the_filters(signed_in, market):
    middle = signed_in.get("/api/v1/matches?page=2&format=one_to_one&relation=&unknown=x")
    rels = links(middle)
    assert set(rels) == {"first", "prev", "next", "last"}
    for rel, page in (("first", "1"), ("prev", "1"), ("next", "3"), ("last", "3")):
        parts = urlsplit(rels[rel])
        assert parts.path == "/api/v1/matches" and not parts.netloc
        # Only the arguments the API read, and not the empty ones.
        assert parse_qs(parts.query) == {"view": ["learn"], "format": ["one_to_one"], "page": [page]}
    first = links(signed_in.get("/api/v1/matches"))
    assert set(first) == {"first", "next", "last"}
    past_the_end = signed_in.get("/api/v1/matches?page=9")
    assert past_the_end.get_json()["matches"] == [] and "next" not in links(past_the_end)
    assert links(past_the_end)["prev"].endswith("page=3")


def test_members_are_the_search_pages_in_order(signed_in, market):
    pages = every_page(signed_in, "/api/v1/members?q=Excel")
    bodies = [page.get_json() for page in pages]
    hits, total, count = search.search_page("Excel", market.me.id, 1)
    assert total == 5 and count == 3 and len(bodies) == 3
    assert [entry["member"]["id"] for body in bodies for entry in body["members"]] == \
        [hit.member.id for hit in search.search_members("Excel", market.me.id)]
    entry = bodies[0]["members"][0]
    assert entry["offer"]["title"] == "Excel pivot tables" and "name" in entry["found_by"]
    assert all(len(body["members"]) <= PER_PAGE and body["q"] == "Excel" for body in bodies)
    assert parse_qs(urlsplit(links(pages[0])["next"]).query) == {"q": ["Excel"], "page": ["2"]}


def test_a_search_text_is_cleaned_and_cut_as_on_the_page(signed_in, market):
    body = signed_in.get("/api/v1/members", query_string={"q": "  Ex\x00cel " + "x" * 300}).get_json()
    assert body["q"] == "Excel " + "x" * 192
