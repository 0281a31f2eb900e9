"""Search behaviour, identical for the database engine and Elasticsearch (real server)."""

from urllib.parse import urlencode

import pytest

from cms.models import (
    DocumentLibraryPage,
    DocumentType,
    KnowledgeDocumentPage,
    LibraryFile,
    Municipality,
    Province,
)
from events.models import EventPage
from tests.factories import EventPageFactory, NewsPageFactory

from .helpers import all_titles, facet, reindex_everything, run, titles

pytestmark = pytest.mark.django_db


def test_verrekenen_bar_2013_lands_on_the_settlement_document(engine):
    results = run("q=verrekenen&collaboration=bar-organisatie&year=2013")
    assert results.engine == engine
    assert titles(results)[0] == "Verrekenen in de BAR-samenwerking"
    assert results.total == 1


@pytest.mark.parametrize("facet_name", ["collaboration", "year", "type", "theme", "municipality"])
@pytest.mark.parametrize(
    "base",
    [
        {"collaboration": "bar-organisatie", "type": "document"},
        {"q": "gemeenten", "collaboration": "bel-combinatie", "year": "2013"},
    ],
)
def test_facet_counts_are_disjunctive_and_exact(engine, facet_name, base):
    """Each value's count is what selecting that value instead would give."""
    results = run(urlencode(base))
    values = facet(results, facet_name)
    assert any(v.count > 0 for v in values.values()), "the test needs values to compare"
    for value in values.values():
        alternative = {**base, facet_name: value.value}
        assert run(urlencode(alternative)).total == value.count, (facet_name, value.value)


def test_values_within_a_facet_are_ored_and_facets_are_anded(engine):
    bel = all_titles("collaboration=bel-combinatie")
    bar = all_titles("collaboration=bar-organisatie")
    both = all_titles("collaboration=bel-combinatie&collaboration=bar-organisatie")
    assert both == bel | bar
    assert bel & bar  # the demo has items about both, so OR is not just a sum
    documents = all_titles("type=document")
    assert all_titles("collaboration=bar-organisatie&type=document") == bar & documents


def test_a_selected_value_stays_visible_at_zero(engine):
    results = run("q=verrekenen&collaboration=de-kompanjie")
    assert results.total == 0
    kompanjie = facet(results, "collaboration")["de-kompanjie"]
    assert kompanjie.selected and kompanjie.count == 0
    assert kompanjie.label == "De Kompanjie"


def test_facets_are_not_cut_off_at_ten_values(engine, django_capture_on_commit_callbacks):
    province = Province.objects.get(name="Zeeland")
    towns = [
        Municipality.objects.create(name=f"Testgemeente {i}", slug=f"testgemeente-{i}", province=province)
        for i in range(25)
    ]
    library = DocumentLibraryPage.objects.get()
    page = KnowledgeDocumentPage(
        title="Regionale verkenning",
        slug="regionale-verkenning",
        date="2020-05-01",
        summary="Een verkenning met veel gemeenten.",
        file=LibraryFile.objects.first(),
        document_type=DocumentType.objects.get(name="Rapport"),
    )
    page.municipalities = towns
    library.add_child(instance=page)
    reindex_everything()
    municipalities = facet(run("q=verkenning"), "municipality")
    assert len(municipalities) >= 25
    assert all(municipalities[f"testgemeente-{i}"].count == 1 for i in range(25))


def test_matches_are_highlighted_and_escaped(engine):
    results = run("q=verrekening")
    assert results.total >= 2
    snippets = [str(hit.snippet) for hit in results.hits]
    assert any("<mark>" in snippet and "verrekening</mark>" in snippet.lower() for snippet in snippets)
    assert not any("<script" in snippet for snippet in snippets)


def test_paging_splits_results_without_overlap(engine):
    made = [
        NewsPageFactory(title=f"Bladerproef {number}", summary="Een bericht voor de bladerproef.")
        for number in range(7)
    ]
    reindex_everything()
    first = run("q=bladerproef&page=1", page_size=5)
    second = run("q=bladerproef&page=2", page_size=5)
    assert first.total == second.total == len(made)
    assert len(first.hits) == 5 and len(second.hits) == len(made) - 5
    assert set(titles(first)) | set(titles(second)) == {page.title for page in made}
    assert first.page_count == 2


def test_sorting_by_date_puts_the_newest_first(engine):
    hits = run("q=gemeenten&sort=date", page_size=50).hits
    dates = [hit.date for hit in hits if hit.date]
    assert len(dates) >= 5
    assert dates == sorted(dates, reverse=True)


def test_relevance_puts_title_matches_first(engine):
    assert titles(run("q=bestuurskrachtonderzoek"))[0] == "Bestuurskrachtonderzoek BEL-gemeenten 2011"


def test_synonyms_find_the_long_form(engine):
    assert "Gemeenschappelijke regeling BEL Combinatie" in all_titles("q=GR")


def test_accents_do_not_matter(engine):
    with_accent = all_titles("q=financiën")
    assert with_accent
    assert all_titles("q=financien") == with_accent


def test_a_misspelling_still_finds(engine):
    """Elasticsearch matches one or two typos itself (fuzziness); the database engines show the
    results of their "bedoelde u" spelling and say so. Either way a suggestion is offered."""
    expected = set(all_titles("q=verrekenmodel"))
    assert expected
    results = run("q=verekenmodel")
    assert results.request.query == "verekenmodel"
    assert titles(results)[0] in expected
    if engine == "elasticsearch":
        assert results.suggestion == "verrekenmodel"
    else:
        assert results.corrected_query == "verrekenmodel"
        assert set(all_titles("q=verekenmodel")) == expected


def test_nonsense_finds_nothing_and_suggests_nothing(engine):
    results = run("q=qxzvbnmw")
    assert (results.total, results.suggestion, results.corrected_query) == (0, "", "")


def test_typos_and_dutch_spelling_variants_still_find_on_elasticsearch(engine):
    if engine != "elasticsearch":
        pytest.skip("fuzziness is Elasticsearch's; the database engines suggest instead")
    wanted = "Verrekenen in de BAR-samenwerking"
    for typo in ("samenwerkng", "samenwreking", "verrekennen"):
        assert wanted in all_titles(f"q={typo}"), typo


def test_abbreviations_are_not_fuzzy(engine):
    """GR must not also find BR or GA: short words match exactly."""
    gr = set(all_titles("q=GR"))
    assert gr
    assert set(all_titles("q=GX")) == set()


def test_browsing_facets_without_text(engine):
    EventPageFactory(title="Werkbezoek aan de BAR-organisatie")
    reindex_everything()
    expected = {event.title for event in EventPage.objects.live().public()}
    results = run("type=event", page_size=50)
    assert results.total == len(expected)
    assert set(titles(results)) == expected


def test_autocomplete_suggests_titles(engine):
    from search.service import KnowledgeSearch

    suggestions = KnowledgeSearch().autocomplete("verre")
    assert "Verrekenen in de BAR-samenwerking" in [s["title"] for s in suggestions]
    assert all(s["url"].startswith("/") for s in suggestions)
