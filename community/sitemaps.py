"""Public discussion topics in sitemap.xml, next to Wagtail's pages. Members-only categories
and hidden topics are never listed (the same rule as search: ``Topic.is_public``)."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .models import Topic


class TopicSitemap(PageSitemap):
    """A Wagtail sitemap (it receives the request) that lists topics, not pages."""

    _urls = DjangoSitemap._urls  # Wagtail's asks each item for its page URLs

    def items(self):
        return Topic.objects.public().order_by("pk")

    def location(self, topic):
        return topic.get_absolute_url()

    def lastmod(self, topic):
        return topic.last_activity_at

    def get_urls(self, page=1, site=None, protocol=None):
        # The address editors gave the site (as for the pages), not whatever host was asked.
        root = urlsplit(self.get_wagtail_site().root_url)
        return super().get_urls(page=page, site=SimpleNamespace(domain=root.netloc), protocol=root.scheme)


SITEMAPS = {"pages": PageSitemap, "discussions": TopicSitemap}
