"""The search page and the autocomplete endpoint through Django's test client.

Where both engines must behave the same, a test runs once per engine (the ``engine`` fixture:
the database engine, and a real Elasticsearch server). Nothing here mocks an engine.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from cms.models import DocumentLibraryPage, KnowledgeDocumentPage, StandardPage
from search import elastic
from search.models import SearchQueryLog
from search.query import MAX_QUERY_LENGTH

from .conftest import refresh, reset_search_state
from .test_indexing import new_document, publish

pytestmark = pytest.mark.django_db

SEARCH = "/zoeken/"
SUGGEST = "/zoeken/suggesties/"
SETTLEMENT = "Verrekenen in de BAR-samenwerking"
FALLBACK_NOTICE = "The full search service is temporarily unavailable; these results come from the basic search."


def dutch(msgid):
    """The Dutch text of an interface msgid (and proof that it is translated)."""
    with translation.override("nl"):
        text = gettext(msgid)
    assert text != msgid, f"no Dutch translation for {msgid!r}"
    return text


def get(client, query=""):
    """GET the search page; ``query`` is a query string or a dict/list of pairs."""
    if not isinstance(query, str):
        query = urlencode(query, doseq=True)
    response = client.get(f"{SEARCH}?{query}" if query else SEARCH)
    assert response.status_code == 200, response.status_code
    return response


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def hit_titles(response):
    return [a.get_text(strip=True) for a in html(response).select(".kp-hits .kp-card__title a")]


def params(url):
    """The query parameters of a link as a sorted list of pairs (order-insensitive)."""
    return sorted(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def checkbox(soup, facet_name, value):
    return soup.find("input", attrs={"type": "checkbox", "name": facet_name, "value": value})


def facet_label(soup, facet_name, value):
    box = checkbox(soup, facet_name, value)
    return " ".join(soup.find("label", attrs={"for": box["id"]}).get_text().split())


def submit_form(soup, toggle=None):
    """What a browser without JavaScript sends when the search form is submitted, after
    (un)ticking the checkbox ``toggle`` = (facet name, value)."""
    form = soup.find("form", id="search-form")
    pairs = []
    for control in form.find_all(["input", "select"]):
        name = control.get("name")
        if not name:
            continue
        if control.name == "select":
            option = control.find("option", selected=True) or control.find("option")
            pairs.append((name, option["value"]))
        elif control.get("type") == "checkbox":
            checked = control.has_attr("checked")
            if toggle == (name, control["value"]):
                checked = not checked
            if checked:
                pairs.append((name, control["value"]))
        else:
            pairs.append((name, control.get("value", "")))
    return urlencode(pairs)


def suggestions(client, prefix):
    response = client.get(SUGGEST, {"q": prefix})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


# --- Finding things ----------------------------------------------------------------------


def test_verrekenen_with_bar_and_2013_lands_on_the_settlement_document(engine, client):
    response = get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013")
    assert response.context["results"].engine == engine
    titles = hit_titles(response)
    assert titles[0] == SETTLEMENT
    # The hit links to the document's own page.
    link = html(response).select_one(".kp-hits .kp-card__title a")
    assert link["href"] == KnowledgeDocumentPage.objects.get(title=SETTLEMENT).url
    assert client.get(link["href"]).status_code == 200


def test_the_result_count_and_query_are_shown(engine, client):
    response = get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013")
    count = " ".join(html(response).select_one(".kp-count").get_text().split())
    assert count == "1 resultaat voor “verrekenen”"
    soup = html(response)
    assert soup.find("input", id="search-q")["value"] == "verrekenen"
    assert soup.title.get_text().startswith("Zoeken: verrekenen")


# --- Facets in the URL ------------------------------------------------------------------


def test_selected_facets_are_read_from_the_url_and_shown_checked(engine, client):
    soup = html(get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013"))
    assert checkbox(soup, "collaboration", "bar-organisatie").has_attr("checked")
    assert checkbox(soup, "year", "2013").has_attr("checked")
    checked = {(box["name"], box["value"]) for box in soup.select("input[type=checkbox][checked]")}
    assert checked == {("collaboration", "bar-organisatie"), ("year", "2013")}
    assert len(soup.select("input[type=checkbox]")) > len(checked)
    chips = [" ".join(a.get_text().split()) for a in soup.select(".kp-chips a.kp-chip")]
    assert chips == [
        "Samenwerking: BAR-organisatie — filter verwijderen ×",
        "Jaar: 2013 — filter verwijderen ×",
    ]


def test_ticking_a_facet_in_the_form_puts_it_in_the_url(engine, client):
    """Without JavaScript: tick a checkbox, press "Apply filters"; the filter is in the URL."""
    soup = html(get(client, "q=verrekenen&sort=date"))
    query = submit_form(soup, toggle=("collaboration", "bar-organisatie"))
    assert params("?" + query) == [("collaboration", "bar-organisatie"), ("q", "verrekenen"), ("sort", "date")]
    soup = html(get(client, query))
    query = submit_form(soup, toggle=("year", "2013"))
    response = get(client, query)
    assert params("?" + query) == [
        ("collaboration", "bar-organisatie"), ("q", "verrekenen"), ("sort", "date"), ("year", "2013"),
    ]
    assert hit_titles(response)[0] == SETTLEMENT
    assert response.context["search"].filters == {"collaboration": ["bar-organisatie"], "year": ["2013"]}


def test_facet_links_toggle_one_value_keep_the_rest_and_drop_the_page(engine, client):
    response = get(client, "q=gemeenten&collaboration=bar-organisatie&collaboration=bel-combinatie&sort=date&page=2")
    facets = {facet.name: {v.value: v for v in facet.values} for facet in response.context["facets"]}

    bar = facets["collaboration"]["bar-organisatie"]
    assert bar.selected
    assert params(bar.toggle_url) == [("collaboration", "bel-combinatie"), ("q", "gemeenten"), ("sort", "date")]

    unselected_year = next(v for v in facets["year"].values() if not v.selected)
    assert params(unselected_year.toggle_url) == sorted([
        ("q", "gemeenten"), ("collaboration", "bar-organisatie"), ("collaboration", "bel-combinatie"),
        ("sort", "date"), ("year", unselected_year.value),
    ])
    assert all("page=" not in v.toggle_url for f in facets.values() for v in f.values())

    # The page shows the remove links as chips, with exactly these URLs.
    chip_urls = {a["href"] for a in html(response).select(".kp-chips a.kp-chip")}
    assert chip_urls == {bar.toggle_url, facets["collaboration"]["bel-combinatie"].toggle_url}


def test_following_facet_links_adds_then_removes_a_value(engine, client):
    response = get(client, "q=verrekenen&collaboration=bar-organisatie")
    year_2013 = next(v for f in response.context["facets"] if f.name == "year" for v in f.values if v.value == "2013")
    assert not year_2013.selected and year_2013.count == 1
    added = get(client, year_2013.toggle_url[1:])
    assert hit_titles(added) == [SETTLEMENT]
    chip = next(a for a in html(added).select(".kp-chips a.kp-chip") if "2013" in a.get_text())
    removed = get(client, chip["href"].lstrip("?"))
    assert removed.context["search"].filters == {"collaboration": ["bar-organisatie"]}
    assert removed.context["results"].total == response.context["results"].total


def test_clear_all_filters_keeps_the_query(engine, client):
    soup = html(get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013"))
    clear = soup.find("a", string=dutch("Clear all filters"))
    assert params(clear["href"]) == [("q", "verrekenen")]


def test_a_selected_value_stays_visible_with_count_zero(engine, client):
    response = get(client, "q=verrekenen&collaboration=de-kompanjie")
    assert response.context["results"].total == 0
    soup = html(response)
    box = checkbox(soup, "collaboration", "de-kompanjie")
    assert box is not None and box.has_attr("checked")
    assert facet_label(soup, "collaboration", "de-kompanjie") == "De Kompanjie (0)"
    assert any("De Kompanjie" in a.get_text() for a in soup.select(".kp-chips a.kp-chip"))
    # The empty state suggests removing a filter, and the other collaborations still count.
    assert dutch("Remove one or more filters.") in soup.select_one(".kp-empty").get_text()
    assert facet_label(soup, "collaboration", "bar-organisatie").startswith("BAR-organisatie (")
    assert not facet_label(soup, "collaboration", "bar-organisatie").endswith("(0)")


# --- Elasticsearch down ------------------------------------------------------------------


@pytest.fixture
def elasticsearch_down(settings, db):
    """Elasticsearch configured, but nothing listens (the discard port)."""
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    reset_search_state()
    yield
    reset_search_state()


def test_fallback_notice_when_elasticsearch_is_unreachable(elasticsearch_down, client):
    notice = dutch(FALLBACK_NOTICE)
    for _ in range(2):  # the first request trips the circuit; the second does not even try
        response = get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013")
        results = response.context["results"]
        assert results.fallback and results.engine == "database"
        assert notice in " ".join(html(response).select_one(".kp-notice").get_text().split())
        assert hit_titles(response)[0] == SETTLEMENT
    # Suggestions keep working from the database.
    assert SETTLEMENT in [s["title"] for s in suggestions(client, "verre")]


@pytest.mark.parametrize("query", ["", "q=verrekenen", "q=zzzqqqxx", "type=document&year=2013", "q=verekenmodel"])
def test_no_fallback_notice_when_the_configured_engine_answers(engine, client, query):
    response = get(client, query)
    assert response.context["results"].engine == engine
    assert not response.context["results"].fallback
    assert dutch(FALLBACK_NOTICE) not in response.content.decode()
    assert html(response).select(".kp-notice") == []


# --- Empty state and "did you mean" ------------------------------------------------------


def test_empty_state_gives_advice_and_the_document_library(engine, client):
    response = get(client, "q=zzzqqqxx")
    soup = html(response)
    empty = soup.select_one(".kp-empty")
    assert empty is not None and soup.select(".kp-hits") == []
    assert empty.find("h2").get_text(strip=True) == dutch("No results")
    advice = " ".join(empty.get_text().split())
    assert dutch("Check the spelling of your search words.") in advice
    assert "bijvoorbeeld “verrekenen”" in advice
    assert dutch("Remove one or more filters.") not in advice  # no filters chosen
    library = DocumentLibraryPage.objects.get()
    link = empty.find("a", href=library.url)
    assert link is not None and link.get_text(strip=True) == "documentbibliotheek"
    assert client.get(library.url).status_code == 200
    assert " ".join(soup.select_one(".kp-count").get_text().split()) == "0 resultaten voor “zzzqqqxx”"


def test_no_empty_state_when_there_are_results(engine, client):
    soup = html(get(client, "q=verrekenen"))
    assert soup.select(".kp-empty") == []
    assert len(soup.select(".kp-hits .kp-card")) >= 2


def test_did_you_mean_links_to_the_corrected_search(engine, client):
    response = get(client, "q=verekenmodel")
    soup = html(response)
    suggestion = soup.select_one(".kp-suggestion")
    assert suggestion is not None
    assert " ".join(suggestion.get_text().split()) == f"{dutch('Did you mean')} verrekenmodel?"
    link = suggestion.find("a")
    assert params(link["href"]) == [("q", "verrekenmodel")]
    corrected = get(client, link["href"].lstrip("?"))
    assert corrected.context["results"].total > 0
    assert html(corrected).select(".kp-suggestion") == []


def test_a_misspelt_verrekenen_still_leads_to_the_settlement_document(engine, client):
    """"verrekeen": found directly by stem matching, or through the suggestion link."""
    response = get(client, "q=verrekeen")
    if not response.context["results"].hits:
        link = html(response).select_one(".kp-suggestion a")
        assert link is not None, "no results and no suggestion for a one-letter typo"
        assert link.get_text() == "verrekenen"
        response = get(client, link["href"].lstrip("?"))
    assert SETTLEMENT in hit_titles(response)


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
        assert names <= {"q", "sort", "page", "collaboration", "year", "type", "theme", "municipality",
                         "province", "document_type"}, link
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


# --- Nothing private or unpublished --------------------------------------------------------


def test_private_and_unpublished_pages_never_appear(engine, client, django_capture_on_commit_callbacks):
    callbacks = django_capture_on_commit_callbacks
    before = get(client, "").context["results"].total

    public = new_document("Verrekensleutel openbaar overzicht")
    publish(public, callbacks)

    never_published = new_document("Verrekensleutel concept in bewerking")
    never_published.save_revision()

    withdrawn = new_document("Verrekensleutel ingetrokken memo")
    publish(withdrawn, callbacks)
    withdrawn.refresh_from_db()  # publishing went through a copy made from the revision
    assert withdrawn.live
    with callbacks(execute=True):
        withdrawn.unpublish()

    password = new_document("Verrekensleutel met wachtwoord")
    publish(password, callbacks)
    with callbacks(execute=True):
        PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD,
                                           password="geheim-2026")

    # A document published inside a members-only section (the restriction is on an ancestor).
    section = StandardPage(title="Intern", slug="intern")
    Page.objects.get(depth=2).add_child(instance=section)
    with callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    internal_library = DocumentLibraryPage(title="Interne stukken", slug="interne-stukken")
    section.add_child(instance=internal_library)
    internal = new_document("Verrekensleutel alleen voor leden", parent=internal_library)
    publish(internal, callbacks)

    # A live page with an unpublished draft that renames it: the public title stays.
    live = KnowledgeDocumentPage.objects.get(title=SETTLEMENT)
    live.title = "Verrekensleutel geheime conceptnaam"
    live.save_revision()

    if engine == "elasticsearch":
        refresh(elastic.client())

    response = get(client, "q=verrekensleutel")
    assert hit_titles(response) == ["Verrekensleutel openbaar overzicht"]
    results = response.context["results"]
    assert results.total == 1
    counts = {(f.name, v.value): v.count for f in results.facets for v in f.values}
    assert counts[("type", "document")] == 1
    assert counts[("year", "2021")] == 1
    assert sum(count for (name, _), count in counts.items() if name == "type") == 1
    soup = html(response)
    assert facet_label(soup, "type", "document") == "Document (1)"
    assert "leden" not in response.content.decode() and "wachtwoord" not in response.content.decode()

    # Browsing everything counts one more item: the public one.
    assert get(client, "").context["results"].total == before + 1
    assert SETTLEMENT in hit_titles(get(client, "q=verrekenen&collaboration=bar-organisatie&year=2013"))

    assert [s["title"] for s in suggestions(client, "verrekensleutel")] == ["Verrekensleutel openbaar overzicht"]
    assert [s["title"] for s in suggestions(client, "Verrekensl")] == ["Verrekensleutel openbaar overzicht"]


# --- The search log ------------------------------------------------------------------------


def test_typed_queries_are_logged_lowercase_on_the_first_page_only(engine, client):
    get(client, {"q": "  Verrekenen   BAR ", "collaboration": "bar-organisatie"})
    get(client, {"q": "Verrekenen BAR", "collaboration": "bar-organisatie", "page": "2"})
    get(client, {"q": "GEMEENTEN", "page": "1", "sort": "date"})
    rows = list(SearchQueryLog.objects.order_by("pk").values("query", "filters", "results", "engine"))
    assert rows == [
        {"query": "verrekenen bar", "filters": {"collaboration": ["bar-organisatie"]},
         "results": rows[0]["results"], "engine": engine},
        {"query": "gemeenten", "filters": {}, "results": rows[1]["results"], "engine": engine},
    ]
    assert rows[0]["results"] >= 1 and rows[1]["results"] >= 5


def test_empty_searches_and_suggestions_are_not_logged(engine, client):
    get(client, "")
    get(client, "q=")
    get(client, {"q": "   "})
    get(client, "type=document&year=2013")
    suggestions(client, "verre")
    assert not SearchQueryLog.objects.exists()


def test_the_log_holds_no_personal_data(engine, editor_client, editor):
    editor_client.get(SEARCH, {"q": "Verrekenen"}, REMOTE_ADDR="203.0.113.7",
                      HTTP_X_FORWARDED_FOR="198.51.100.23", HTTP_USER_AGENT="Testbrowser/1.0")
    row = SearchQueryLog.objects.get()
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "filters", "results", "engine", "searched_at"}
    stored = " ".join(str(getattr(row, name)) for name in field_names)
    for personal in ("203.0.113.7", "198.51.100.23", "Testbrowser", editor.username, editor.email,
                     editor_client.session.session_key or "no-session"):
        assert personal not in stored
    assert row.query == "verrekenen"


def test_an_anonymous_search_sets_no_cookies(engine, client):
    response = get(client, "q=verrekenen&collaboration=bar-organisatie")
    assert not response.cookies
    assert not client.get(SUGGEST, {"q": "verre"}).cookies
