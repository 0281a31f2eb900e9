"""RSS feeds, sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Site

from cms.models import KnowledgeDocumentPage, NewsPage

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def site_url():
    """Feeds and the sitemap link to the address editors gave the site (SITE_URL in the demo)."""
    return Site.objects.get(is_default_site=True).root_url


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def test_news_feed_lists_news_newest_first_with_absolute_links(client):
    channel, items = rss_items(client, "/feeds/nieuws/")
    assert channel.findtext("title") == "Kennisplatform: nieuws"
    titles = [item.findtext("title") for item in items]
    assert titles == list(NewsPage.objects.live().order_by("-date").values_list("title", flat=True))
    first = items[0]
    assert first.findtext("link").startswith(site_url() + "/nieuws/")
    assert first.findtext("description")
    assert "2017" in first.findtext("pubDate")


def test_document_feed_lists_documents_with_themes(client):
    _, items = rss_items(client, "/feeds/documenten/")
    assert len(items) == KnowledgeDocumentPage.objects.live().count()
    verrekenen = next(i for i in items if i.findtext("title") == "Verrekenen in de BAR-samenwerking")
    assert "Financiën & verrekening" in [c.text for c in verrekenen.findall("category")]


def test_sitemap_lists_live_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]
    assert site_url() + "/documenten/verrekenen-in-de-bar-samenwerking/" in locations
    assert any(loc.endswith("/samenwerkingen/bel-combinatie/") for loc in locations)


def test_sitemap_lists_public_discussions_only(client):
    from community.models import Topic

    response = client.get("/sitemap.xml")
    locations = [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)]
    for topic in Topic.objects.select_related("category"):
        listed = site_url() + topic.get_absolute_url() in locations
        assert listed == topic.is_public, topic.title
    assert any(not topic.is_public for topic in Topic.objects.all())  # the demo has a members-only one


def test_robots_txt_points_to_sitemap_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
