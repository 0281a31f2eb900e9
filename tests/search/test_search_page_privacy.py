"""The search page shows nothing private or unpublished, and its log of typed queries holds
no personal data (and no cookies are set).

Where both engines must behave the same, a test runs once per engine (the ``engine`` fixture:
the database engine, and a real Elasticsearch server). Nothing here mocks an engine.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from cms.models import DocumentLibraryPage, KnowledgeDocumentPage, StandardPage
from search import elastic
from search.models import SearchQueryLog

from .conftest import refresh
from .search_page import (
    SEARCH,
    SETTLEMENT,
    SUGGEST,
    facet_label,
    get,
    hit_titles,
    html,
    suggestions,
)
from .test_indexing import new_document, publish

pytestmark = pytest.mark.django_db


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
        PageViewRestriction.objects.create(
            page=password, restriction_type=PageViewRestriction.PASSWORD, password="geheim-2026"
        )

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
        {
            "query": "verrekenen bar",
            "filters": {"collaboration": ["bar-organisatie"]},
            "results": rows[0]["results"],
            "engine": engine,
        },
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
    editor_client.get(
        SEARCH,
        {"q": "Verrekenen"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.23",
        HTTP_USER_AGENT="Testbrowser/1.0",
    )
    row = SearchQueryLog.objects.get()
    field_names = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert field_names == {"id", "query", "filters", "results", "engine", "searched_at"}
    stored = " ".join(str(getattr(row, name)) for name in field_names)
    for personal in (
        "203.0.113.7",
        "198.51.100.23",
        "Testbrowser",
        editor.username,
        editor.email,
        editor_client.session.session_key or "no-session",
    ):
        assert personal not in stored
    assert row.query == "verrekenen"


def test_an_anonymous_search_sets_no_cookies(engine, client):
    response = get(client, "q=verrekenen&collaboration=bar-organisatie")
    assert not response.cookies
    assert not client.get(SUGGEST, {"q": "verre"}).cookies


# --- Group topics (issue #14: groups per collaboration) --------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "outsider", "group_member", "moderator"])
def test_group_topics_never_appear_for_anyone(engine, client, role, django_capture_on_commit_callbacks):
    """Search holds public topics only (``Topic.objects.public()``), so a group's topic is not
    in either engine at all: not for outsiders, and not for its own members either (they find
    it in the group)."""
    from community.models import Topic
    from search.models import KnowledgeItem
    from tests.community.group_world import SECRET_TITLE, SECRET_WORD, make_group_world

    with django_capture_on_commit_callbacks(execute=True):
        world = make_group_world()
        Topic.objects.filter(pk=world.topic.pk).update(title=f"{SECRET_TITLE} verrekensleutel")
        world.post.save()  # indexed (or not) after the title changed
    if engine == "elasticsearch":
        refresh(elastic.client())
    world.login(client, role)
    for query in (f"q={SECRET_WORD}", "q=zwaluwstaart", "q=verrekensleutel", "type=discussion"):
        response = get(client, query)
        assert not any("zwaluwstaart" in title.lower() for title in hit_titles(response)), query
        assert SECRET_WORD not in " ".join(hits.get_text() for hits in html(response).select(".kp-hits"))
    assert get(client, f"q={SECRET_WORD}").context["results"].total == 0  # not in counts either
    assert not any("zwaluwstaart" in s["title"].lower() for s in suggestions(client, "Reorganisatie"))
    assert not any("zwaluwstaart" in s["title"].lower() for s in suggestions(client, "zwaluw"))
    assert not KnowledgeItem.objects.filter(topic=world.topic).exists()
