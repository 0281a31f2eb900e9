"""Query budgets of the content pages (issue #15): the listings, the item pages, collaboration,
municipality and phase pages.

Two promises, each for an anonymous visitor (page cache off) and a logged-in member:

- a listing of 50 items costs as many queries as one of 10 (no query per item), counted with
  the content blocks still to render ("cold": the template fragments emptied) and kept;
- a member's page costs at most 12 queries once its content blocks are kept (``{% content_cache %}``,
  as on a running site, where they last until content changes), and the cold page stays
  within the budget noted per page.

Each page is requested once before it is counted, so per-process memos (content types, the
site, private sections) are as warm as on a running site.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import (
    Collaboration,
    CollaborationPage,
    DocumentLibraryPage,
    LessonIndexPage,
    Municipality,
    NewsIndexPage,
    PhasePage,
    PublicationIndexPage,
    PublicationPage,
    QuestionIndexPage,
    QuestionPage,
    Theme,
)
from cms.models.lessons import Lesson
from events.models import EventIndexPage
from tests.factories import (
    DocumentPageFactory,
    EventPageFactory,
    MemberFactory,
    NewsPageFactory,
    PageFactory,
    PublicationPageFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

MEMBER_BUDGET = 12


class QuestionPageFactory(PageFactory):
    class Meta:
        model = QuestionPage

    parent = None  # given by the test


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(params=["visitor", "member"])
def viewer(request, client):
    if request.param == "member":
        client.force_login(MemberFactory())
    return request.param, client


def counted(client, url):
    """(cold, warm): the queries of a GET with the content blocks still to render, then kept."""
    assert client.get(url).status_code == 200
    caches["template_fragments"].clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url).status_code == 200
    return len(cold), len(warm)


def tags():
    """Two collaborations (with profiles), municipalities and themes: every tag link a card has."""
    return {
        "collaborations": list(Collaboration.objects.filter(profile__isnull=False).order_by("pk")[:2]),
        "municipalities": list(Municipality.objects.order_by("pk")[:2]),
        "themes": list(Theme.objects.order_by("pk")[:2]),
    }


def same_for_10_and_50(client, url, add_items):
    """Counts with 10 listed items and with 50: equal, cold and warm. Returns the counts."""
    add_items(10)
    with_10 = counted(client, url)
    add_items(40)
    with_50 = counted(client, url)
    assert with_50 == with_10, f"{url}: 10 items {with_10}, 50 items {with_50} (cold, warm)"
    return with_50


def within(viewer, counts, cold_budget):
    who, _client = viewer
    cold, warm = counts
    if who == "member":
        assert warm <= MEMBER_BUDGET, counts
    assert cold <= cold_budget, counts


# The listings show every item on one page here, so that 50 items are 50 cards.
@pytest.fixture
def long_pages(monkeypatch):
    for model in (DocumentLibraryPage, NewsIndexPage, PublicationIndexPage, QuestionIndexPage, LessonIndexPage):
        monkeypatch.setattr(model, "page_size", 100)


# Cold budgets (member; a visitor needs 3 fewer: session, user, permissions), measured on
# 2026-11-26 with SQLite and PostgreSQL alike. Kept (warm), every listing costs a member 6
# queries (events: 8, its lists follow the clock and are not kept).
COLD = {
    "documents": 14,  # + the choices of 4 filters
    "news": 10,
    "publications": 11,  # + the authors
    "events": 8,
    "questions": 13,  # + the choices of 3 filters
    "lessons": 10,
}


def test_document_library(viewer, long_pages):
    page, extra = DocumentLibraryPage.objects.get(), tags()

    def add(n):
        for _ in range(n):
            DocumentPageFactory(**extra)

    within(viewer, same_for_10_and_50(viewer[1], page.url, add), COLD["documents"])


def test_news_index(viewer, long_pages):
    page, extra = NewsIndexPage.objects.get(), tags()

    def add(n):
        for _ in range(n):
            NewsPageFactory(**extra)

    within(viewer, same_for_10_and_50(viewer[1], page.url, add), COLD["news"])


def test_publications_index(viewer, long_pages):
    from cms.models import PublicationAuthor

    page, extra = PublicationIndexPage.objects.get(), tags()

    def add(n):
        for _ in range(n):
            publication = PublicationPageFactory(**extra)
            PublicationAuthor.objects.create(page=publication, name="A. Auteur", organisation="Gemeente")

    within(viewer, same_for_10_and_50(viewer[1], page.url, add), COLD["publications"])


def test_events_index(viewer):
    page, extra = EventIndexPage.objects.get(), tags()

    def add(n):  # upcoming events are all listed
        for _ in range(n):
            EventPageFactory(**extra)

    within(viewer, same_for_10_and_50(viewer[1], page.url, add), COLD["events"])


def test_questions_index(viewer, long_pages):
    page, extra = QuestionIndexPage.objects.get(), tags()

    def add(n):
        for _ in range(n):
            QuestionPageFactory(parent=page, **extra)

    within(viewer, same_for_10_and_50(viewer[1], page.url, add), COLD["questions"])


def test_lessons_overview(viewer, long_pages):
    profiles = list(CollaborationPage.objects.live().order_by("pk")[:2])

    def add(n):
        for number in range(n):
            Lesson.objects.create(page=profiles[number % 2], kind=Lesson.Kind.DO, text=f"<p>Les {number}</p>")

    within(viewer, same_for_10_and_50(viewer[1], LessonIndexPage.objects.get().url, add), COLD["lessons"])


# Pages of one item or subject: (url, cold budget for a member), measured on 2026-11-26. Kept
# (warm), a member needs: document, news, municipality page 6; publication, collaboration and
# phase page 7; question page 8; event page 10 (its registration: the member's own, the
# places left, the form's questions and the member's profile); the overviews 6-7.
def detail_urls():
    extra = tags()
    event = EventPageFactory(**extra)
    RegistrationFactory.create_batch(3, event=event)
    publication = PublicationPage.objects.live().order_by("pk").first()
    question = QuestionPageFactory(parent=QuestionIndexPage.objects.get(), **extra)
    municipality = extra["municipalities"][0]
    return {
        "document page": (DocumentPageFactory(**extra).url, 9),
        "publication page": (publication.url, 10),
        "news page": (NewsPageFactory(**extra).url, 9),
        "event page": (event.url, 13),
        "question page": (question.url, 11),
        "collaboration page": ("/samenwerkingen/bel-combinatie/", 14),
        "municipality page": (f"/gemeenten/{municipality.slug}/", 13),
        "phase page": (PhasePage.objects.live().order_by("path").first().url, 16),
        "collaborations overview": ("/samenwerkingen/", 7),
        "municipalities overview": ("/gemeenten/", 7),
        "phases overview": ("/fasen/", 6),
    }


def test_item_and_subject_pages(viewer):
    failures = {}
    for name, (url, cold_budget) in detail_urls().items():
        cold, warm = counted(viewer[1], url)
        if (viewer[0] == "member" and warm > MEMBER_BUDGET) or cold > cold_budget:
            failures[name] = (cold, warm)
    assert not failures, failures
