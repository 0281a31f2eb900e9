"""The Atom feed of any search: /zoeken/atom/?<the search page's parameters>.

The newest public items the search finds (date order), through the same engines as the search
page, so nothing members-only, private or unpublished can be in it. Parameters are read as the
search page reads them: anything it does not understand is left out, never an error.
"""

from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .alerts import canonical_request
from .service import KnowledgeSearch

FEED_LENGTH = 20


class SearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        # Feed instances are shared between requests: the request is the "object".
        search = canonical_request(request.GET.urlencode())
        search.sort, search.page_size = "date", FEED_LENGTH
        return request, search

    def title(self, obj):
        _request, search = obj
        if search.query:
            return _("Knowledge platform: search for “%(query)s”") % {"query": search.query}
        return _("Knowledge platform: search results")

    def subtitle(self, obj):
        return _("The newest items matching this search.")

    def link(self, obj):
        request, search = obj
        query = urlencode([(name, value) for name, value in search.query_pairs() if name != "sort"])
        return request.build_absolute_uri(reverse("search") + (f"?{query}" if query else ""))

    def items(self, obj):
        request, search = obj
        results = KnowledgeSearch().search(search)
        # "Did you mean" results are close matches, not what was asked for: none in a feed.
        hits = [] if results.approximate else results.hits
        for hit in hits:
            hit.feed_link = request.build_absolute_uri(hit.url) if hit.url.startswith("/") else hit.url
        return hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return strip_tags(str(hit.snippet))

    def item_link(self, hit):
        return hit.feed_link

    def item_pubdate(self, hit):
        return timezone.make_aware(datetime.combine(hit.date, time.min)) if hit.date else None

    def item_categories(self, hit):
        return [hit.kind_label]
