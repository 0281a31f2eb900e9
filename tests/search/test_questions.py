"""Questions and answers are a kind of their own in search, on both engines: found by the words
of their answer, filtered with type=question, tagged like other items; drafts and private
questions never show."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import QuestionIndexPage, QuestionPage
from search import elastic
from search.labels import kind_label
from search.models import KnowledgeItem

from .conftest import refresh
from .helpers import all_titles, facet, run

pytestmark = pytest.mark.django_db

DURATION = "Hoe lang duurde het om de BEL Combinatie te realiseren?"


def settle():
    if elastic.is_configured():
        refresh(elastic.client())


def new_question(title, callbacks, live=True):
    page = QuestionPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Een kort antwoord over de kwartaalrapportage aan de raden.",
        question="Hoe vaak rapporteert de werkorganisatie aan de drie raden?",
        credited_name="Anna de Vries",
        live=False,
    )
    QuestionIndexPage.objects.get().add_child(instance=page)
    with callbacks(execute=True):
        revision = page.save_revision()
        if live:
            revision.publish()
    settle()
    return page


def test_demo_questions_are_found_as_questions(engine):
    results = run("q=anderhalf jaar")  # words of the short answer, not of the title
    hit = next(hit for hit in results.hits if hit.title == DURATION)
    assert hit.kind == "question"
    assert hit.url == QuestionPage.objects.get(title=DURATION).url
    questions = all_titles("type=question")
    assert DURATION in questions and len(questions) == QuestionPage.objects.live().count()
    assert facet(run(""), "type")["question"].count == len(questions)
    assert DURATION in all_titles("type=question&collaboration=bel-combinatie&theme=governance")


def test_the_kind_has_its_own_label():
    assert KnowledgeItem.Kind.QUESTION == "question"
    assert kind_label("question") == str(KnowledgeItem.Kind.QUESTION.label) != "question"


def test_the_full_question_and_the_credit_are_searched(engine, django_capture_on_commit_callbacks):
    new_question("Rapportage aan de raden", django_capture_on_commit_callbacks)
    assert all_titles("q=kwartaalrapportage") == {"Rapportage aan de raden"}
    assert "Rapportage aan de raden" in all_titles("q=rapporteert")  # the question in full
    assert "Rapportage aan de raden" in all_titles("q=Vries")  # whom the answer credits


def test_draft_and_private_questions_never_reach_search(engine, django_capture_on_commit_callbacks):
    new_question("Conceptvraag kwartaalrapportage", django_capture_on_commit_callbacks, live=False)
    private = new_question("Besloten vraag", django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    settle()
    assert not all_titles("q=kwartaalrapportage")
    assert "Besloten vraag" not in all_titles("type=question")
    unpublished = QuestionPage.objects.get(title=DURATION)
    with django_capture_on_commit_callbacks(execute=True):
        unpublished.unpublish()
    settle()
    assert DURATION not in all_titles("type=question")
