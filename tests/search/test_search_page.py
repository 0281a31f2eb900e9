"""The search page through Django's test client: finding things, facets in the URL, the
fallback when Elasticsearch is down, the empty state and "did you mean".

Where both engines must behave the same, a test runs once per engine (the ``engine`` fixture:
the database engine, and a real Elasticsearch server). Nothing here mocks an engine.
"""

import pytest

from cms.models import DocumentLibraryPage, KnowledgeDocumentPage

from .conftest import reset_search_state
from .search_page import (
    FALLBACK_NOTICE,
    SETTLEMENT,
    checkbox,
    dutch,
    facet_label,
    get,
    hit_titles,
    html,
    params,
    submit_form,
    suggestions,
)

pytestmark = pytest.mark.django_db


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
    # The empty date fields are sent too ("from=&to="): no date range.
    empty_dates = [("from", ""), ("to", "")]
    assert params("?" + query) == sorted(
        [("collaboration", "bar-organisatie"), ("q", "verrekenen"), ("sort", "date"), *empty_dates]
    )
    soup = html(get(client, query))
    query = submit_form(soup, toggle=("year", "2013"))
    response = get(client, query)
    assert params("?" + query) == sorted(
        [("collaboration", "bar-organisatie"), ("q", "verrekenen"), ("sort", "date"), ("year", "2013"), *empty_dates]
    )
    assert hit_titles(response)[0] == SETTLEMENT
    assert response.context["search"].filters == {"collaboration": ["bar-organisatie"], "year": ["2013"]}


def test_facet_links_toggle_one_value_keep_the_rest_and_drop_the_page(engine, client):
    response = get(client, "q=gemeenten&collaboration=bar-organisatie&collaboration=bel-combinatie&sort=date&page=2")
    facets = {facet.name: {v.value: v for v in facet.values} for facet in response.context["facets"]}

    bar = facets["collaboration"]["bar-organisatie"]
    assert bar.selected
    assert params(bar.toggle_url) == [("collaboration", "bel-combinatie"), ("q", "gemeenten"), ("sort", "date")]

    unselected_year = next(v for v in facets["year"].values() if not v.selected)
    assert params(unselected_year.toggle_url) == sorted(
        [
            ("q", "gemeenten"),
            ("collaboration", "bar-organisatie"),
            ("collaboration", "bel-combinatie"),
            ("sort", "date"),
            ("year", unselected_year.value),
        ]
    )
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


def test_a_misspelling_shows_results_and_names_the_right_spelling(engine, client):
    """Elasticsearch finds despite the typo and offers "did you mean" as a link; the database
    engines show the results of the corrected spelling and say so."""
    response = get(client, "q=verekenmodel")
    assert response.context["results"].total > 0
    suggestion = html(response).select_one(".kp-suggestion")
    assert suggestion is not None
    if engine == "elasticsearch":
        assert " ".join(suggestion.get_text().split()) == f"{dutch('Did you mean')} verrekenmodel?"
        link = suggestion.find("a")
        assert params(link["href"]) == [("q", "verrekenmodel")]
        corrected = get(client, link["href"].lstrip("?"))
        assert corrected.context["results"].total > 0
        assert html(corrected).select(".kp-suggestion") == []
    else:
        assert suggestion["role"] == "status"
        assert "verekenmodel" in suggestion.get_text() and "verrekenmodel" in suggestion.get_text()


def test_a_misspelt_verrekenen_still_leads_to_the_settlement_document(engine, client):
    """ "verrekeen": found directly by stem matching, or through the suggestion link."""
    response = get(client, "q=verrekeen")
    if not response.context["results"].hits:
        link = html(response).select_one(".kp-suggestion a")
        assert link is not None, "no results and no suggestion for a one-letter typo"
        assert link.get_text() == "verrekenen"
        response = get(client, link["href"].lstrip("?"))
    assert SETTLEMENT in hit_titles(response)
