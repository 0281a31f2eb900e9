"""RSS feeds of the newest news items and knowledge documents."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from cms.models import KnowledgeDocumentPage, NewsPage
from cms.queries import latest

FEED_LENGTH = 20


class KnowledgeItemFeed(Feed):
    feed_type = Rss201rev2Feed
    model = None

    def get_object(self, request, *args, **kwargs):
        # Feed instances are shared between requests: pass the request along as the "object"
        # instead of storing it on self.
        return request

    def link(self, request):
        return request.build_absolute_uri("/")

    def items(self, request):
        items = list(latest(self.model, FEED_LENGTH))
        for item in items:
            item.feed_link = item.get_full_url(request)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time.min))

    def item_categories(self, item):
        return [str(theme) for theme in item.themes.all()]


class NewsFeed(KnowledgeItemFeed):
    model = NewsPage
    title = _("Knowledge platform: news")
    description = _("The latest news about shared civil-service organisations.")


class DocumentFeed(KnowledgeItemFeed):
    model = KnowledgeDocumentPage
    title = _("Knowledge platform: documents")
    description = _("The newest documents in the library.")
