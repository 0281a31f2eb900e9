"""The synthetic corpus (seed_demo --scale, the search benchmarks): a third of the items carry
file text in pages, and a word found only inside those files finds exactly them."""

import io

import pytest
from django.core.management import call_command
from django.http import QueryDict

from cms.demo.synthetic import SENTENCES, SUBJECTS
from cms.demo.synthetic_text import FILE_ONLY_QUERIES, MAX_CHARS, MIN_CHARS, file_text
from search.models import KnowledgeItem
from search.query import SearchRequest
from search.rebuild import derive_items
from search.service import KnowledgeSearch

COLLABORATIONS = [("BEL Combinatie", "BEL", ["Blaricum", "Eemnes", "Laren"])]


def test_file_text_is_paged_and_the_same_every_time():
    text, offsets = file_text(7, SUBJECTS, SENTENCES, COLLABORATIONS)
    assert (text, offsets) == file_text(7, SUBJECTS, SENTENCES, COLLABORATIONS)
    assert text != file_text(8, SUBJECTS, SENTENCES, COLLABORATIONS)[0]
    assert MIN_CHARS <= len(text) <= MAX_CHARS + 5000
    assert offsets[0] == 0 and offsets == sorted(offsets) and offsets[-1] < len(text)
    assert len(offsets) >= 2
    # Pages follow each other with a blank line, as extract_text joins a PDF's pages.
    assert all(text[offset - 2 : offset] == "\n\n" for offset in offsets[1:])


@pytest.mark.django_db
def test_a_third_of_the_synthetic_items_carry_file_text_that_search_finds():
    call_command("seed_demo", "--force", "--no-editor", "--scale", "90", stdout=io.StringIO())
    derive_items()
    synthetic = KnowledgeItem.objects.filter(url__contains="/synthetisch-")
    assert synthetic.count() == 90
    with_text = synthetic.exclude(file_text="")
    assert 18 <= with_text.count() <= 42  # a third, drawn at random with a fixed seed
    for item in with_text:
        assert item.file_page_offsets[0] == 0 and len(item.file_text) >= MIN_CHARS

    query = FILE_ONLY_QUERIES[0]
    expected = {item.pk for item in with_text if query in item.file_text.lower()}
    assert expected
    results = KnowledgeSearch().search(SearchRequest.from_querydict(QueryDict(f"q={query}")))
    assert results.total == len(expected)
    assert {hit.url for hit in results.hits} <= {item.url for item in synthetic.filter(pk__in=expected)}
    assert all(hit.in_file for hit in results.hits)
