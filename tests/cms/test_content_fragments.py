"""Content blocks kept until content changes (``{% content_cache %}``, issue #15) never show
what a visitor may not see and never outlive the content: an item made private or unpublished
leaves a kept listing at once, an edit shows at once, and a preview of a draft neither takes
the published block nor leaves the draft behind for visitors."""

import pytest
from wagtail.models import PageViewRestriction

from cms.models import CollaborationPage, NewsIndexPage, Theme
from cms.models.lessons import Lesson
from tests.factories import DocumentPageFactory, MemberFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the blocks are kept for members and editors too


@pytest.fixture
def member_client(client):
    client.force_login(MemberFactory())
    return client


def listing(client):
    response = client.get(NewsIndexPage.objects.get().url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_an_item_made_private_leaves_a_kept_listing(client, who):
    if who == "member":
        client.force_login(MemberFactory())
    item = NewsPageFactory(title="Nieuws dat privé wordt")
    assert item.url in listing(client)
    assert item.url in listing(client)  # now kept
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert item.url not in listing(client)


def test_an_unpublished_item_leaves_a_kept_listing(member_client):
    item = NewsPageFactory(title="Nieuws dat teruggetrokken wordt")
    assert item.url in listing(member_client)
    item.unpublish()
    assert item.url not in listing(member_client)


def test_a_published_edit_shows_in_a_kept_listing(member_client):
    item = NewsPageFactory(title="Oude titel van het bericht")
    assert "Oude titel van het bericht" in listing(member_client)
    item.title = "Nieuwe titel van het bericht"
    item.save_revision().publish()
    page = listing(member_client)
    assert "Nieuwe titel van het bericht" in page and "Oude titel van het bericht" not in page


def test_a_preview_shows_the_draft_tags_and_leaves_the_published_ones_kept(member_client):
    themes = list(Theme.objects.order_by("name")[:2])
    document = DocumentPageFactory(themes=[themes[0]])
    assert themes[0].name in member_client.get(document.url).content.decode()  # the tags are kept now

    draft = document.specific
    draft.themes = [themes[1]]  # in memory, as the admin's preview has it
    preview = draft.make_preview_request().content.decode()
    assert themes[1].name in preview and themes[0].name not in preview

    public = member_client.get(document.url).content.decode()
    assert themes[0].name in public and themes[1].name not in public


def test_a_preview_of_a_profile_shows_its_draft_lessons_only_to_the_editor(member_client):
    profile = CollaborationPage.objects.live().get(slug="bel-combinatie")
    assert member_client.get(profile.url).status_code == 200  # the profile's blocks are kept now

    draft = CollaborationPage.objects.get(pk=profile.pk)
    draft.lessons.add(Lesson(kind=Lesson.Kind.DO, text="<p>Een les die nog concept is</p>"))
    assert "Een les die nog concept is" in draft.make_preview_request().content.decode()
    assert "Een les die nog concept is" not in member_client.get(profile.url).content.decode()
