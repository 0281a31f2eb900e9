"""What pages keep per content generation (private sections, section pages, menu, breadcrumbs,
the Site) follows every change at once, with the page cache on or off, for visitors and
members alike; and a page cache store that fails slows pages down but never breaks them."""

import pytest
from django.core.cache import caches
from django.test import Client, override_settings
from wagtail.models import Page, PageViewRestriction, Site

from cms import queries
from cms.models import DocumentLibraryPage, HomePage, KnowledgeDocumentPage, NewsIndexPage, NewsPage
from core import page_cache
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[300, 0], ids=["page cache on", "page cache off"])
def page_cache_seconds(request, settings):
    settings.PAGE_CACHE_SECONDS = request.param
    return request.param


@pytest.fixture(params=["visitor", "member"])
def client_of(request):
    client = Client()
    if request.param == "member":
        client.force_login(MemberFactory())
    return client


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_section_made_private_leaves_listings_and_the_menu_at_once(page_cache_seconds, client_of):
    news = NewsPage.objects.live().order_by("-date", "-pk").first()
    index = NewsIndexPage.objects.get()
    assert news.title in html(client_of, "/") and f'href="{index.url}"' in html(client_of, "/")

    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)

    home = html(client_of, "/")
    assert news.title not in home  # the home page's news fragment
    assert f'href="{index.url}"' not in home  # the main menu and the "all news" link
    assert queries.first_visible(NewsIndexPage) is None
    assert not queries.visible(NewsPage).filter(pk=news.pk).exists()


def test_a_private_page_is_still_refused_and_so_is_an_alias_of_it(client, page_cache_seconds):
    document = KnowledgeDocumentPage.objects.live().first()
    assert client.get(document.url).status_code == 200
    PageViewRestriction.objects.create(page=document, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(document.url).status_code == 302  # to the login page

    alias = document.create_alias(parent=HomePage.objects.get(), update_slug="een-alias-van-het-document")
    assert client.get(alias.url).status_code == 302


def test_unpublishing_a_section_page_takes_it_out_of_every_page(page_cache_seconds, client_of):
    library = DocumentLibraryPage.objects.get()
    assert queries.first_visible(DocumentLibraryPage) == library
    library.unpublish()
    assert queries.first_visible(DocumentLibraryPage) is None
    assert f'href="{library.url}"' not in html(client_of, "/")


def test_the_menu_and_breadcrumbs_follow_a_renamed_page(page_cache_seconds, client_of):
    library = DocumentLibraryPage.objects.get()
    document = KnowledgeDocumentPage.objects.live().child_of(library).first()
    assert library.title in html(client_of, document.url)

    library.title = "Bibliotheek met een nieuwe naam"
    library.save_revision().publish()

    page = html(client_of, document.url)
    assert "Bibliotheek met een nieuwe naam" in page
    assert page.count("Bibliotheek met een nieuwe naam") >= 2  # the menu and the breadcrumbs


def test_a_new_site_is_served_at_once(client, settings, page_cache_seconds):
    settings.ALLOWED_HOSTS = ["*"]
    home, news_index = HomePage.objects.get(), NewsIndexPage.objects.get()
    assert f">{home.title}</h1>" in html_for(client, "kennis.example.nl")  # the default site
    Site.objects.create(hostname="kennis.example.nl", root_page=news_index)
    assert f">{news_index.title}</h1>" in html_for(client, "kennis.example.nl")  # its own root


def html_for(client, host):
    response = client.get("/", HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


def test_the_generation_is_kept_per_database():
    key = page_cache._generation_key()
    assert key.startswith(page_cache.GENERATION_KEY)
    first = page_cache.current_generation()
    assert page_cache.current_generation() == first
    Page.objects.get(depth=1)  # reading changes nothing
    NewsPage.objects.live().first().save_revision().publish()
    assert page_cache.current_generation() != first


class BrokenCache(caches["pages"].__class__):
    """A cache server that is down: every call fails."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache down")

    set = add = get


BROKEN = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "counters"},
    "pages": {"BACKEND": "tests.cms.test_content_generation.BrokenCache", "LOCATION": "pages"},
    "template_fragments": {
        "BACKEND": "core.cache_backends.ForgivingCache",
        "OPTIONS": {"CACHE": {"BACKEND": "tests.cms.test_content_generation.BrokenCache", "LOCATION": "fragments"}},
    },
}


def test_a_cache_that_is_down_slows_pages_but_never_breaks_them(client_of):
    news = NewsPage.objects.live().order_by("-date", "-pk").first()
    with override_settings(CACHES=BROKEN, PAGE_CACHE_SECONDS=300):  # Django builds the caches anew
        assert news.title in html(client_of, "/")
        assert news.title in html(client_of, NewsIndexPage.objects.get().url)
        news.title = "Nieuws terwijl de cache plat ligt"
        news.save_revision().publish()  # saving still works; the generation cannot be kept
        assert "Nieuws terwijl de cache plat ligt" in html(client_of, "/")


def test_a_change_starts_a_generation_again_when_it_commits(django_capture_on_commit_callbacks):
    """Another process may read between the change and the commit: what it kept then (the old
    view restrictions) must not outlive the commit."""
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=NewsIndexPage.objects.get(), restriction_type="login")
        during = page_cache.current_generation()
    assert page_cache.current_generation() != during
