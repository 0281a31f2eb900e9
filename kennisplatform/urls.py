"""Root URL configuration: admin, feeds, sitemap, robots.txt, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import feeds, views
from community.sitemaps import SITEMAPS
from core.health import health

urlpatterns = [
    # One login for members and editors: allauth's, with its rate limits and two-factor step.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # ... and one password reset: allauth's, rate-limited and the same for known and unknown
    # addresses (Wagtail's own has no limits and its timing told whether an address exists).
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", health, name="health"),
    path("", include("community.urls")),
    path("account/zoekmeldingen/", include("search.account_urls")),
    path("account/", include("allauth.urls")),
    path("zoeken/", include("search.urls")),
    path("", include("events.urls")),
    path("feeds/nieuws/", feeds.NewsFeed(), name="feed_news"),
    path("feeds/documenten/", feeds.DocumentFeed(), name="feed_documents"),
    path("", include("cms.api.urls")),
]

if settings.DEBUG:
    from django.views.static import serve

    # In development, what nginx serves in production: uploaded images only. Documents and
    # members' photos go through their views, which check who may see them.
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:original_images|images)/.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
