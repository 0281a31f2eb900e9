"""Lessons learned as items: the profile shows them by kind, the overview at /lessen/ lists and
filters them across collaborations, and a lesson is seen exactly when its profile is: never
from an unpublished, private or draft-only profile (nor in search). Bad filter values are
form errors, not 500s; the overview's queries do not grow with the number of lessons."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.lesson_text import split_lessons
from cms.lessons import visible_lessons
from cms.models import (
    Collaboration,
    CollaborationIndexPage,
    CollaborationPage,
    Lesson,
    LessonIndexPage,
    Phase,
    Theme,
)
from search.models import KnowledgeItem

pytestmark = pytest.mark.django_db

OVERVIEW = "/lessen/"
BEL_DO = "Samen ontwerpen"
BEL_DONT = "Besparingen te vroeg inboeken"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def texts(response):
    return {lesson.plain_text for lesson in response.context["items"]}


def all_visible():
    return {lesson.plain_text for lesson in visible_lessons()}


def profile(short_name):
    return CollaborationPage.objects.get(collaboration__short_name=short_name)


def publish_lessons(page, lessons, callbacks):
    """Give ``page`` these lessons ([(kind, text)]) and publish it, search index included."""
    page.lessons = [Lesson(kind=kind, text=f"<p>{text}</p>") for kind, text in lessons]
    with callbacks(execute=True):
        page.save_revision().publish()
    return CollaborationPage.objects.get(pk=page.pk)


def indexed(text):
    return KnowledgeItem.objects.filter(body__icontains=text).exists()


# --- The overview ------------------------------------------------------------------------


def test_overview_lists_the_lessons_with_a_link_to_their_profile(client):
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert {BEL_DO, BEL_DONT} <= texts(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    card = next(li for li in soup.select("li.kp-lesson") if BEL_DONT in li.get_text())
    assert "kp-lesson--dont" in card["class"]
    assert card.find("a", href="/samenwerkingen/bel-combinatie/#lessons")
    assert soup.select("nav.kp-nav a[href='/lessen/']")  # in the main menu


@pytest.mark.parametrize(
    "query,expected,absent",
    [
        ("kind=do", BEL_DO, BEL_DONT),
        ("kind=dont", BEL_DONT, BEL_DO),
        ("phase=besluiten-en-inrichten", BEL_DO, BEL_DONT),
        ("theme=financien-verrekening", BEL_DONT, BEL_DO),
        ("collaboration=bel-combinatie&kind=dont", BEL_DONT, BEL_DO),
    ],
)
def test_filters_narrow_the_list(client, query, expected, absent):
    response = client.get(f"{OVERVIEW}?{query}")
    assert response.status_code == 200
    assert expected in texts(response)
    assert absent not in texts(response)


def test_filter_on_collaboration_and_on_ended_status(client, django_capture_on_commit_callbacks):
    bar = publish_lessons(
        profile("BAR"),
        [(Lesson.Kind.DONT, "Kostenverdeling pas na de start regelen")],
        django_capture_on_commit_callbacks,
    )
    Collaboration.objects.filter(pk=bar.collaboration_id).update(status=Collaboration.Status.ENDED)

    ended = texts(client.get(f"{OVERVIEW}?status=beeindigd"))
    assert ended == {"Kostenverdeling pas na de start regelen"}
    assert texts(client.get(f"{OVERVIEW}?collaboration=bar-organisatie")) == ended
    assert BEL_DO in texts(client.get(f"{OVERVIEW}?status=actief"))
    assert "Kostenverdeling pas na de start regelen" not in texts(client.get(f"{OVERVIEW}?status=actief"))


def test_paging_links_keep_the_valid_filters_only(client):
    page = profile("OVER")
    page.lessons = [Lesson(kind=Lesson.Kind.DO, text=f"<p>Les nummer {n}</p>") for n in range(30)]
    page.save_revision().publish()
    response = client.get(f"{OVERVIEW}?collaboration=over-gemeenten&theme=bestaat-niet&x=1")
    assert response.status_code == 200
    assert response.context["items"].paginator.num_pages == 2
    assert response.context["query_string"] == "collaboration=over-gemeenten"


@pytest.mark.parametrize(
    "query",
    [
        "phase=bestaat-niet",
        "theme=%ff%fe",
        "kind=misschien",
        "status=opgeheven",
        "collaboration=" + "x" * 10_000,
        "kind=do&kind=dont",
        "page=-1",
        "page=99999999999999999999",
        "page=abc",
    ],
)
def test_bad_values_render_the_list(client, query):
    response = client.get(f"{OVERVIEW}?{query}")
    assert response.status_code == 200
    if not query.startswith(("page", "kind=do&")):
        assert texts(response) == all_visible()  # the bad value filters nothing


# --- Who sees what -----------------------------------------------------------------------


def test_lessons_of_hidden_profiles_never_appear(client, django_capture_on_commit_callbacks):
    callbacks = django_capture_on_commit_callbacks
    public = publish_lessons(profile("BAR"), [(Lesson.Kind.DO, "Openbare les over verrekenen")], callbacks)

    withdrawn = publish_lessons(profile("OVER"), [(Lesson.Kind.DO, "Ingetrokken les over sturing")], callbacks)
    with callbacks(execute=True):
        withdrawn.unpublish()

    private = publish_lessons(profile("UW"), [(Lesson.Kind.DO, "Besloten les met wachtwoord")], callbacks)
    with callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim-2026"
        )

    # A live profile with an unpublished draft that adds a lesson: only the draft has it.
    draft = profile("Kompanjie")
    draft.lessons = [
        *draft.lessons.all(),
        Lesson(kind=Lesson.Kind.DONT, text="<p>Conceptles nog niet gepubliceerd</p>"),
    ]
    draft.save_revision()

    # A profile that was never published.
    collaboration = Collaboration.objects.create(
        short_name="NIEUW", name="Nieuwe samenwerking", slug="nieuw", form="netwerk"
    )
    never = CollaborationPage(
        title="Nieuw", slug="nieuw", collaboration=collaboration, summary="Nog niet af.", live=False
    )
    never.lessons = [Lesson(kind=Lesson.Kind.DO, text="<p>Les van een ongepubliceerd profiel</p>")]
    CollaborationIndexPage.objects.get().add_child(instance=never)
    never.save_revision()

    hidden = [
        "Ingetrokken les over sturing",
        "Besloten les met wachtwoord",
        "Conceptles nog niet gepubliceerd",
        "Les van een ongepubliceerd profiel",
    ]
    shown = texts(client.get(OVERVIEW))
    assert "Openbare les over verrekenen" in shown
    assert indexed("Openbare les over verrekenen")
    for text in hidden:
        assert text not in shown
        assert text not in all_visible()
        assert not indexed(text)
    assert public.live


def test_lessons_under_a_members_only_section_never_appear(client):
    index = CollaborationIndexPage.objects.get()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert not visible_lessons().exists()
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert texts(response) == set()


# --- The profile and search ----------------------------------------------------------------


def test_profile_shows_the_lessons_by_kind(client):
    response = client.get(profile("BEL").url)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    do, dont = soup.select_one(".kp-lessons--do"), soup.select_one(".kp-lessons--dont")
    assert BEL_DO in do.get_text() and BEL_DONT not in do.get_text()
    assert BEL_DONT in dont.get_text() and BEL_DO not in dont.get_text()
    assert len(do.select("li")) == 5 and len(dont.select("li")) == 5
    assert soup.find("a", href="/lessen/?collaboration=bel-combinatie")


def test_the_profile_is_found_by_its_lessons():
    item = KnowledgeItem.objects.get(page_id=profile("BEL").pk)
    assert BEL_DONT in item.body and "historisch perspectief" in item.body
    assert profile("BEL") in CollaborationPage.objects.search("historisch perspectief")


def test_demo_lessons_are_tagged_where_their_words_say_so():
    bel = profile("BEL")
    tagged = {lesson.plain_text: (lesson.phase, lesson.theme) for lesson in bel.lessons.all()}
    assert tagged[BEL_DO] == (Phase.objects.get(slug="besluiten-en-inrichten"), None)
    assert tagged[BEL_DONT] == (None, Theme.objects.get(name="Financiën & verrekening"))
    assert [lesson.kind for lesson in bel.lessons.all()] == ["do"] * 5 + ["dont"] * 5


# --- No N+1 --------------------------------------------------------------------------------


def queries_for(client, url):
    client.get(url)  # warm the process-wide caches first
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def spread_lessons(total):
    """``total`` lessons over three profiles, each with a phase and a theme."""
    phase, theme = Phase.objects.first(), Theme.objects.first()
    for number, short_name in enumerate(["BAR", "OVER", "UW"]):
        page = profile(short_name)
        page.lessons = [
            Lesson(kind=Lesson.Kind.DONT, text=f"<p>Les {n}</p>", phase=phase, theme=theme)
            for n in range(number, total, 3)
        ]
        page.save_revision().publish()


def test_query_count_does_not_grow_with_the_lessons(client):
    spread_lessons(10)
    few = queries_for(client, OVERVIEW)
    spread_lessons(50)
    many = queries_for(client, OVERVIEW)
    assert many == few
    assert many <= 20


# --- The migration's splitting -------------------------------------------------------------


def test_old_lists_split_into_one_lesson_per_item_or_paragraph():
    assert split_lessons('<ul><li>Een <b>0</b>-meting</li><li>Zie <a href="https://x.nl">dit</a></li></ul>') == [
        "<p>Een <b>0</b>-meting</p>",
        '<p>Zie <a href="https://x.nl">dit</a></p>',
    ]
    assert split_lessons("<p>Eerste</p><p> </p><p>Tweede</p>") == ["<p>Eerste</p>", "<p>Tweede</p>"]
    assert split_lessons("<p>Inleiding</p><ul><li>a<ul><li>a1</li></ul></li></ul>") == [
        "<p>Inleiding</p>",
        "<p>a</p>",
        "<p>a1</p>",
    ]
    assert split_lessons("") == [] and split_lessons(None) == []


def test_migration_keeps_both_lists_in_order_do_first():
    migration = importlib.import_module("cms.migrations.0012_lessons")
    lessons = migration.lessons_of({"lessons_do": "<ul><li>A</li><li>B</li></ul>", "lessons_dont": "<p>C</p>"})
    assert [(lesson["kind"], lesson["text"]) for lesson in lessons] == [
        ("do", "<p>A</p>"),
        ("do", "<p>B</p>"),
        ("dont", "<p>C</p>"),
    ]
    assert migration.inner_html("<p>Zie <b>dit</b></p>") == "Zie <b>dit</b>"


# --- Editing -------------------------------------------------------------------------------


def test_editors_edit_lessons_inline_on_the_profile(editor_client):
    page = profile("BEL")
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="lessons-TOTAL_FORMS"' in response.content.decode()
    home = page.get_parent().get_parent()
    assert not LessonIndexPage.can_create_at(home)  # one overview, and the demo has it
