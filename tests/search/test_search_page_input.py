"""The search page and the autocomplete with odd input: bad page numbers and years, control
characters, long queries, escaping, and what the autocomplete suggests.

Where both engines must behave the same, a test runs once per engine (the ``engine`` fixture:
the database engine, and a real Elasticsearch server). Nothing here mocks an engine.
"""

import pytest

from cms.models import KnowledgeDocumentPage
from search.models import SearchQueryLog
from search.query import MAX_QUERY_LENGTH

from .search_page import (
    SEARCH,
    SETTLEMENT,
    SUGGEST,
    checkbox,
    get,
    hit_titles,
    html,
    params,
    suggestions,
)

pytestmark = pytest.mark.django_db


# --- Bad input ----------------------------------------------------------------------------


def test_a_page_number_that_is_not_a_number_gives_the_first_page(engine, client):
    normal = get(client, "q=gemeenten")
    for bad in ("abc", "", "-3", "0", "1.5", "1e3"):
        response = get(client, f"q=gemeenten&page={bad}")
        assert response.context["search"].page == 1
        assert hit_titles(response) == hit_titles(normal)


def test_a_page_number_past_the_end_shows_the_last_page(engine, client):
    response = get(client, "q=verrekenen&page=99999")
    results = response.context["results"]
    assert results.total > 0
    assert response.context["search"].page == results.page_count
    assert hit_titles(response), "a too-high page number should give the last page, not 'No results'"
    assert html(response).select(".kp-empty") == []
    assert not SearchQueryLog.objects.exists()  # only first pages are logged


def test_links_carry_only_what_the_search_understood(engine, client):
    """Unknown parameters, invalid values and the page are never passed on (review #10, item 10)."""
    response = get(client, "type=document&type=news&evil=%3Cx%3E&utm_source=spam&year=abc&sort=drop&page=-1&sort=date")
    soup = html(response)
    links = [a["href"] for a in soup.select(".kp-chips a, .kp-pagination a")]
    links += [v.toggle_url for f in response.context["facets"] for v in f.values]
    assert soup.select(".kp-pagination a") and soup.select(".kp-chips a.kp-chip")
    for link in links:
        names = {name for name, _ in params(link)}
        assert names <= {
            "q",
            "sort",
            "page",
            "collaboration",
            "year",
            "type",
            "theme",
            "municipality",
            "province",
            "document_type",
            "status",
            "phase",
        }, link
        assert ("year", "abc") not in params(link) and ("sort", "drop") not in params(link)
    chips = sorted(params(a["href"]) for a in soup.select(".kp-chips a.kp-chip"))
    assert chips == [[("sort", "date"), ("type", "document")], [("sort", "date"), ("type", "news")]]
    next_page = soup.select_one(".kp-pagination a[rel=next]")["href"]
    assert params(next_page) == [("page", "2"), ("sort", "date"), ("type", "document"), ("type", "news")]


def test_control_characters_become_spaces(engine, client):
    """NUL and the like: PostgreSQL refuses them in a query, so they never reach an engine."""
    response = get(client, "q=verrekenen%00model%1B&collaboration=bar-organisatie%00&type=%00")
    assert response.context["search"].query == "verrekenen model"
    assert response.context["search"].filters == {"collaboration": ["bar-organisatie"]}
    assert client.get(SUGGEST, {"q": "verre\x00"}).status_code == 200


def test_a_year_that_is_not_a_number_is_ignored(engine, client):
    everything = get(client, "")
    response = get(client, "year=abc&year=20x3&year=")
    assert response.context["search"].filters == {}
    assert response.context["results"].total == everything.context["results"].total
    assert html(response).select(".kp-chips") == []


def test_a_year_with_a_superscript_digit_is_ignored(engine, client):
    response = client.get(SEARCH, {"q": "verrekenen", "year": "²"})
    assert response.status_code == 200
    assert response.context["search"].filters == {}


def test_an_absurd_year_is_ignored(engine, client):
    response = get(client, "q=verrekenen&year=99999999999")
    assert response.context["search"].filters == {}
    results = response.context["results"]
    assert results.total == get(client, "q=verrekenen").context["results"].total
    assert results.engine == engine and not results.fallback


def test_a_refused_request_does_not_trip_the_circuit(elasticsearch):
    """A 400 from Elasticsearch is this request's problem, not an outage for everyone."""
    from search.query import SearchRequest
    from search.service import ElasticsearchCircuit, KnowledgeSearch

    refused = KnowledgeSearch().search(SearchRequest(query="verrekenen", filters={"year": ["99999999999"]}))
    assert refused.engine == "database" and refused.total == 0
    assert ElasticsearchCircuit.failed_at is None
    assert KnowledgeSearch().search(SearchRequest(query="verrekenen")).engine == "elasticsearch"


def test_an_overly_long_query_is_cut_to_the_maximum(engine, client):
    long_query = "verrekenen " + "x" * 5000
    response = get(client, {"q": long_query})
    assert len(response.context["search"].query) == MAX_QUERY_LENGTH
    soup = html(response)
    assert soup.find("input", id="search-q")["value"] == long_query[:MAX_QUERY_LENGTH]
    assert soup.find("input", id="search-q")["maxlength"] == str(MAX_QUERY_LENGTH)


def test_odd_sort_and_unknown_facet_values_are_harmless(engine, client):
    response = get(client, "q=verrekenen&sort=drop+table&collaboration=bestaat-niet&type=")
    assert response.context["search"].sort == "relevance"
    assert response.context["results"].total == 0
    assert checkbox(html(response), "collaboration", "bestaat-niet").has_attr("checked")
    without = get(client, "q=verrekenen")
    assert without.context["results"].total > 0


def test_only_get_is_allowed(client):
    assert client.post(SEARCH, {"q": "verrekenen"}).status_code == 405
    assert client.post(SUGGEST, {"q": "verrekenen"}).status_code == 405


# --- Escaping -------------------------------------------------------------------------------


def test_the_query_is_escaped_everywhere_it_is_shown(engine, client):
    payload = "<script>alert(1)</script>"
    response = get(client, {"q": payload})
    body = response.content.decode()
    assert payload not in body
    assert "alert(1)" in body  # it is shown, escaped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    soup = html(response)
    # Parsed back, the text is the payload itself: shown as text, never as markup.
    assert soup.find("input", id="search-q")["value"] == payload
    assert payload in soup.select_one(".kp-count").get_text()
    assert payload in soup.title.get_text()
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "") or "alert" in s.get("src", "")]


def test_facet_values_from_the_url_are_escaped(engine, client):
    payload = '"><script>alert(2)</script>'
    response = get(client, {"q": "verrekenen", "collaboration": payload})
    body = response.content.decode()
    assert payload not in body
    assert "<script>alert(2)" not in body
    soup = html(response)
    assert checkbox(soup, "collaboration", payload).has_attr("checked")
    assert not [s for s in soup.find_all("script") if "alert" in (s.string or "")]


# --- Autocomplete --------------------------------------------------------------------------


def test_autocomplete_suggests_titles_for_a_prefix(engine, client):
    found = suggestions(client, "verre")
    assert SETTLEMENT in [s["title"] for s in found]
    assert 0 < len(found) <= 8
    assert all(set(s) == {"title", "url"} and s["url"].startswith("/") for s in found)
    assert all(s["title"].lower().startswith("verre") or " verre" in s["title"].lower() for s in found)
    settlement = next(s for s in found if s["title"] == SETTLEMENT)
    assert settlement["url"] == KnowledgeDocumentPage.objects.get(title=SETTLEMENT).url


@pytest.mark.parametrize("prefix", ["", "v", " v ", "   "])
def test_autocomplete_needs_two_characters(engine, client, prefix):
    assert suggestions(client, prefix) == []


def test_autocomplete_is_not_cached_and_survives_odd_input(engine, client):
    response = client.get(SUGGEST, {"q": "verre"})
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert suggestions(client, "x" * 5000) == []
    assert suggestions(client, "<script>") == []
    assert isinstance(suggestions(client, '"%_\\'), list)
