"""The text inside document files is searched, on every engine (issue #12): found with a snippet
and its page, weighed below title and summary, kept in step when a file is read again; and
the Dutch word handling (Snowball stems, hyphenated words) that every engine shares."""

import pytest
from django.core.files.base import ContentFile

from cms.demo.files import make_pdf
from cms.models import KnowledgeDocumentPage, LibraryFile
from search.models import KnowledgeItem
from search.text import index_words, query_stems, stem, words
from tests.factories import DocumentPageFactory

from .helpers import all_titles, reindex_everything, run, titles

pytestmark = pytest.mark.django_db

COMMON_ARRANGEMENT = "Gemeenschappelijke regeling BEL Combinatie"
# In the demo PDF of the common arrangement only, not on its page (cms/demo/knowledge.py); a
# question and answer quotes the same seed sentence, so the searches look among documents.
FILE_ONLY_QUERY = "principiële keuze taakgebieden"
DOCUMENTS_ONLY = "&type=document"


def test_the_phrase_is_only_in_the_file():
    page = KnowledgeDocumentPage.objects.get(title=COMMON_ARRANGEMENT)
    on_the_page = f"{page.title} {page.summary} {page.body}".lower()
    assert "taakgebieden" not in on_the_page
    assert "taakgebieden" in page.file.text


def test_a_document_is_found_by_a_phrase_inside_its_file(engine):
    results = run(f"q={FILE_ONLY_QUERY}{DOCUMENTS_ONLY}")
    assert titles(results) == [COMMON_ARRANGEMENT]
    hit = results.hits[0]
    assert hit.in_file
    assert hit.file_page == 1  # the demo PDF has one page
    assert "<mark>" in hit.snippet and "taakgebieden" in hit.snippet.lower()


def test_the_search_page_says_where_in_the_file(engine, client):
    response = client.get("/zoeken/", {"q": FILE_ONLY_QUERY, "type": "document"})
    assert response.status_code == 200
    assert 'class="kp-card__source"' in response.content.decode()


def test_a_page_match_ranks_above_a_file_match(engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        library_file = LibraryFile(title="Werkorganisatie-memo")
        library_file.file.save("memo.pdf", ContentFile(make_pdf("Memo", ["Over de taakgebieden van de raad."])))
        DocumentPageFactory(title="Memo over de raad", summary="Een memo.", file=library_file)
        DocumentPageFactory(title="Taakgebieden van de werkorganisatie", summary="Wie doet wat.")
    reindex_everything()
    ranked = titles(run("q=taakgebieden"))
    assert ranked[0] == "Taakgebieden van de werkorganisatie"
    assert "Memo over de raad" in ranked


def test_a_file_read_again_is_searched_with_its_new_text(engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        library_file = LibraryFile(title="Notitie")
        library_file.file.save("notitie.pdf", ContentFile(make_pdf("Notitie", ["Eerste versie over dijkbewaking."])))
        DocumentPageFactory(title="Notitie van de stuurgroep", file=library_file)
    reindex_everything()
    assert "Notitie van de stuurgroep" in all_titles("q=dijkbewaking")
    with django_capture_on_commit_callbacks(execute=True):
        library_file.file.save("notitie2.pdf", ContentFile(make_pdf("Notitie", ["Tweede versie over kwelwater."])))
    reindex_everything()
    assert "Notitie van de stuurgroep" in all_titles("q=kwelwater")
    assert "Notitie van de stuurgroep" not in all_titles("q=dijkbewaking")


def test_the_file_text_reaches_the_search_row_when_it_is_read(django_capture_on_commit_callbacks, database_engine):
    """No rebuild: the task that reads the file re-indexes the pages that carry it."""
    with django_capture_on_commit_callbacks(execute=True):
        library_file = LibraryFile(title="Brief")
        library_file.file.save("brief.pdf", ContentFile(make_pdf("Brief", ["Over de zandsuppletie."])))
    with django_capture_on_commit_callbacks(execute=True):
        page = DocumentPageFactory(title="Brief aan de raad", file=library_file)
    item = KnowledgeItem.objects.get(page=page)
    assert "zandsuppletie" in item.file_text
    assert "Brief aan de raad" in all_titles("q=zandsuppletie")


def test_the_document_page_says_its_file_is_searched(client):
    page = KnowledgeDocumentPage.objects.get(title=COMMON_ARRANGEMENT)
    assert page.file.text_status == LibraryFile.TextStatus.DONE
    response = client.get(page.url)
    assert 'class="kp-file-note"' in response.content.decode()


# Expected stems from Lucene 9.12's DutchStemmer (org.tartarus.snowball.ext), the stemmer of
# Elasticsearch's ``dutch`` analysis, run on these words: Python and a full cluster agree.
LUCENE_STEMS = {
    "verrekening": "verreken",
    "verrekenen": "verreken",
    "verrekend": "verrek",
    "gemeenten": "gemeent",
    "gemeente": "gemeent",
    "samenwerking": "samenwerk",
    "organisaties": "organisaties",
    "ambtelijke": "ambtelijk",
    "fusies": "fusies",
    "werkorganisatie": "werkorganisatie",
    "bedrijfsvoering": "bedrijfsvoer",
}


def test_stems_are_those_of_elasticsearchs_dutch_stemmer():
    assert {word: stem(word) for word in LUCENE_STEMS} == LUCENE_STEMS


def test_hyphenated_words_are_stored_as_parts_and_joined():
    assert words("BEL-gemeenten") == ["bel", "gemeenten"]
    assert index_words("BEL-gemeenten en kosten-batenanalyse") == [
        "bel",
        "gemeenten",
        "belgemeenten",
        "en",
        "kosten",
        "batenanalyse",
        "kostenbatenanalyse",
    ]
    assert query_stems("Financiën en verrekening") == ["financien", "en", "verreken"]


@pytest.mark.parametrize("query", ["BEL", "gemeenten", "BEL gemeenten", "BEL-gemeenten", "belgemeenten"])
def test_either_part_of_a_hyphenated_title_word_finds_it(engine, query):
    assert "Bestuurskrachtonderzoek BEL-gemeenten 2011" in all_titles(f"q={query}")


def test_an_exact_phrase_ranks_above_scattered_words(engine):
    DocumentPageFactory(title="Raad en griffie", summary="De rol van de griffie bij een werkorganisatie en de raad.")
    DocumentPageFactory(
        title="Raad en griffie", summary="De raad bespreekt de rol van de griffie in de werkorganisatie."
    )
    reindex_everything()
    hits = run("q=rol van de griffie bij een werkorganisatie").hits
    assert "bij een werkorganisatie" in hits[0].snippet.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("query", ["werk organisatie", "werkorganisatie"])
def test_the_parts_of_a_compound_written_apart_find_it(engine, query):
    DocumentPageFactory(title="Plan voor de werkorganisatie", summary="Hoe de fusie verloopt.")
    reindex_everything()
    assert "Plan voor de werkorganisatie" in all_titles(f"q={query}")


def test_dvo_finds_the_service_agreements(engine):
    assert "Verrekenmodel BEL Combinatie: dienstverleningsovereenkomsten en budgettering" in all_titles("q=DVO")


def test_a_summary_match_ranks_above_a_body_match(engine):
    DocumentPageFactory(
        title="Jaarverslag",
        summary="Over de raad.",
        body="<p>Kwelwaterbeheer, kwelwaterbeheer en nog eens kwelwaterbeheer in de polder.</p>",
    )
    DocumentPageFactory(title="Notitie", summary="Het kwelwaterbeheer van de polder.")
    reindex_everything()
    assert titles(run("q=kwelwaterbeheer")) == ["Notitie", "Jaarverslag"]


def test_a_snippet_from_deep_in_a_file_starts_at_a_word(engine):
    hit = run(f"q={FILE_ONLY_QUERY}{DOCUMENTS_ONLY}").hits[0]
    text = hit.snippet.replace("<mark>", "").replace("</mark>", "").removeprefix("… ")
    file_words = KnowledgeDocumentPage.objects.get(title=COMMON_ARRANGEMENT).file.text.split()
    assert text.split()[0] in file_words


def test_search_status_counts_the_file_texts(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("search_status", stdout=out)
    assert "with the text of their file" in out.getvalue()
    assert f"{LibraryFile.objects.filter(text_status='done').count()} done" in out.getvalue()
