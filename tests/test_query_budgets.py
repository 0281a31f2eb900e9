"""Query budgets: the most visited pages may not need more database queries than they do today.

Each budget is the count measured when it was set (issue #11), on SQLite and PostgreSQL alike:
a change that adds a query per item (an N+1) or per request makes the test fail, and whoever
lowers a count lowers the budget with it. The page cache is off here (it would hide the
queries), and each page is requested once before it is counted, so process-wide caches
(content types, the site's root paths) are as warm as on a running site.
"""

import pytest
from django.urls import reverse

from cms.models import CollaborationPage, DocumentLibraryPage, LessonIndexPage, NewsIndexPage
from tests.factories import (
    CategoryFactory,
    DocumentPageFactory,
    EventPageFactory,
    MemberFactory,
    PostFactory,
    RegistrationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def within_budget(client, url, budget, django_assert_max_num_queries):
    """GET ``url`` (once to warm up, once counted) and require at most ``budget`` queries."""
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


@pytest.fixture(params=["visitor", "member"])
def viewer(request, client):
    """The test runs once for an anonymous visitor and once for a logged-in member."""
    if request.param == "member":
        client.force_login(MemberFactory())
    return request.param, client


# Budgets (queries per request: visitor, member), set at the counts measured on 2026-11-26
# on SQLite and PostgreSQL with the demo content; see the module docstring. Issue #15 asks at
# most 12 for a member. What every page has: for a member the session, the user and "moderator?"
# (the header's moderation link); the rest is the page's own (the content blocks are kept, so
# these are the counts of a second view; tests/test_query_budgets_content.py also counts the
# first view after a content change).
BUDGETS = {
    "home": (0, 3),
    "news index": (3, 6),
    "document library": (3, 6),
    "document page": (3, 6),
    # the member's own registration, the places left, the form's questions, the member's profile
    "event page": (5, 10),
    # + the link to the collaboration's community group, asked each time (groups are not content)
    "collaboration page": (4, 7),
    "lessons overview": (3, 6),
    "discussion topic with 20 posts": (3, 9),
    "search with a query and a filter": (4, 7),
    # Groups (issue #14); the member is the group's manager, with 10 members, 10 requests and
    # 10 topics in the group's category.
    "group list": (1, 5),
    "group page": (1, 9),
    "group managers' page": (None, 7),  # managers only
}


def check(viewer, page, url, django_assert_max_num_queries):
    who, client = viewer
    within_budget(client, url, BUDGETS[page][0 if who == "visitor" else 1], django_assert_max_num_queries)


def test_home(viewer, django_assert_max_num_queries):
    check(viewer, "home", "/", django_assert_max_num_queries)


def test_news_index(viewer, django_assert_max_num_queries):
    check(viewer, "news index", NewsIndexPage.objects.get().url, django_assert_max_num_queries)


def test_document_library(viewer, django_assert_max_num_queries):
    check(viewer, "document library", DocumentLibraryPage.objects.get().url, django_assert_max_num_queries)


def test_lessons_overview(viewer, django_assert_max_num_queries):
    check(viewer, "lessons overview", LessonIndexPage.objects.get().url, django_assert_max_num_queries)


def test_document_page(viewer, django_assert_max_num_queries):
    check(viewer, "document page", DocumentPageFactory().url, django_assert_max_num_queries)


def test_event_page(viewer, django_assert_max_num_queries):
    event = EventPageFactory()
    RegistrationFactory.create_batch(3, event=event)
    check(viewer, "event page", event.url, django_assert_max_num_queries)


def test_collaboration_page(viewer, django_assert_max_num_queries):
    page = CollaborationPage.objects.live().order_by("pk").first()
    check(viewer, "collaboration page", page.url, django_assert_max_num_queries)


def test_discussion_topic_with_20_posts(viewer, django_assert_max_num_queries):
    topic = TopicFactory(category=CategoryFactory())
    authors = MemberFactory.create_batch(5)
    for number in range(20):
        PostFactory(topic=topic, author=authors[number % len(authors)])
    url = reverse("community:topic", args=[topic.pk])
    check(viewer, "discussion topic with 20 posts", url, django_assert_max_num_queries)


def test_search_page_with_a_query_and_a_filter(viewer, settings, django_assert_max_num_queries):
    settings.ELASTICSEARCH_URL = ""  # the database engine
    url = f"{reverse('search')}?q=verrekenen&collaboration=bar-organisatie"
    check(viewer, "search with a query and a filter", url, django_assert_max_num_queries)


def _busy_group():
    """A group with ten members, ten requests and ten topics; returns its manager."""
    from community.models import CategoryAccess, Group, GroupMembership

    group = Group.objects.create(name="Drukke groep", slug="drukke-groep")
    category = CategoryFactory(access=CategoryAccess.GROUP, group=group)
    manager = MemberFactory()
    GroupMembership.objects.create(group=group, member=manager, role="manager", status="approved")
    for _ in range(10):
        member = MemberFactory()
        GroupMembership.objects.create(group=group, member=member, status="approved")
        GroupMembership.objects.create(group=group, member=MemberFactory(), status="requested")
        TopicFactory(category=category, author=member)
    return group, manager


@pytest.mark.parametrize(
    "page, url_name, as_manager",
    [
        ("group list", "community:groups", False),
        ("group list", "community:groups", True),
        ("group page", "community:group", False),
        ("group page", "community:group", True),
        ("group managers' page", "community:group_manage", True),
    ],
)
def test_group_pages(client, page, url_name, as_manager, django_assert_max_num_queries):
    group, manager = _busy_group()
    url = reverse(url_name) if url_name == "community:groups" else reverse(url_name, args=[group.slug])
    if as_manager:
        client.force_login(manager)
    within_budget(client, url, BUDGETS[page][1 if as_manager else 0], django_assert_max_num_queries)
