"""No public URL answers 5xx to a bad query string (security review #10, item 10).

Every URL pattern of the site is found by walking the URL resolver (the admin aside, which is
for staff); the Wagtail page tree adds one live page of every page type and each of its
routable sub-routes. Each is requested once per payload below, with the payload in every
query parameter the site reads (``KNOWN``) and in parameters it does not know, by an
anonymous visitor and by a logged-in member. Bad values must be ignored or refused (4xx),
never a server error. Path arguments are real objects of the demo site where they exist.
"""

import re
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models

pytestmark = pytest.mark.django_db

# Every query parameter some view reads, and some no view reads.
KNOWN = (
    "page",
    "q",
    "type",
    "sort",
    "year",
    "theme",
    "collaboration",
    "municipality",
    "province",
    "document_type",
    "citeer",
    "function",
    "next",
    "days",
)
UNKNOWN = ("zz", "utm_source")
PAYLOADS = {
    "junk": quote("<x>'\";--%{}\x00\x1b"),  # markup, quotes, SQL, NUL (PostgreSQL refuses it)
    "huge": "9" * 10_000,
    "repeated": None,  # name=1&name=2
    "negative": "-1",
    "overflow": "99999999999999999999",
    "non_utf8": "%ff%fe",
}
SKIPPED = ("admin/",)  # the Wagtail admin: staff only, behind login and a second factor
ADMIN_LOGIN = "admin/login/"  # our redirect to the site's login: public
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Regex patterns have no converters to fill: an example path each (a new one fails below).
REGEX_EXAMPLES = {
    "account/^confirm-email/(?P<key>[-:\\w]+)/$": "/account/confirm-email/abc/",
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "/account/password/reset/key/1-abc/",
    "^media/(?P<path>(?:original_images|images)/.+)$": "/media/images/bestaat-niet.png",
    "^admin/password_reset/": "/admin/password_reset/",
    "documents/^(\\d+)/(.*)$": "{document}",
}
# (case, payload): reason, for a known 500 that is being fixed elsewhere (none today).
XFAIL = {}


def url_patterns(patterns=None, prefix=""):
    """(route, name) of every pattern below the root URLconf."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        else:
            yield route, pattern.name


def cases():
    """Everything to request: URL patterns, then the page tree by type and sub-route."""
    found = []
    for route, name in url_patterns():
        if route.startswith(SKIPPED) and route != ADMIN_LOGIN or name == "wagtail_serve":
            continue
        if (route, name) == (ADMIN_LOGIN, "wagtailadmin_login"):
            continue  # shadowed by our redirect above: never reached
        found.append(("url", route, name))
    for model in get_page_models():
        if model is Page:
            continue
        found.append(("page", model._meta.label, ""))
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_resolver().url_patterns:
                if str(pattern.pattern):  # "" is the page itself
                    found.append(("route", model._meta.label, str(pattern.pattern)))
    return found


def case_id(case):
    kind, first, second = case
    return f"{kind}:{second or first}" if kind == "url" else f"{kind}:{first}{':' + second if second else ''}"


def query_string(payload):
    names = KNOWN + UNKNOWN
    if payload == "repeated":
        return "&".join(f"{name}=1&{name}=2" for name in names)
    return "&".join(f"{name}={PAYLOADS[payload]}" for name in names)


class Site:
    """Real objects of the demo site for path arguments, looked up once per test."""

    def __init__(self):
        from cms.models import LibraryFile, Municipality
        from community.models import Topic
        from community.notifications import unsubscribe_token
        from events.models import EventPage, EventRegistration, RegistrationStatus

        self.member = member()
        self.topic = Topic.objects.public().order_by("pk").first()
        self.post = self.topic.posts.order_by("pk").first()
        self.category = self.topic.category.slug
        self.municipality = Municipality.objects.order_by("pk").first().slug
        document = LibraryFile.objects.order_by("pk").first()
        self.document = f"/documents/{document.pk}/{document.filename}"
        event = EventPage.objects.live().filter(start__gte=timezone.now()).first() or EventPage.objects.live().first()
        self.registration = EventRegistration.objects.create(
            event=event,
            name="Gast",
            email="gast@voorbeeld.nl",
            status=RegistrationStatus.CONFIRMED,
        ).token
        self.unsubscribe = unsubscribe_token(self.topic.pk, self.member.pk)

    def argument(self, url_name, name):
        if name == "pk":
            return self.post.pk if url_name in ("edit_post", "flag_post", "moderation_post") else self.topic.pk
        if name == "token":
            return self.unsubscribe if url_name == "unsubscribe" else self.registration
        return {
            "slug": self.category
            if url_name in ("category", "new_topic")
            else "bel-combinatie"  # the demo's group
            if url_name.startswith("group")
            else self.municipality,
            "username": self.member.username,
        }.get(name, 1)  # restriction ids and the like: a number

    def path(self, case):
        kind, first, second = case
        if kind == "url":
            if first in REGEX_EXAMPLES:
                return REGEX_EXAMPLES[first].format(document=self.document)
            assert "^" not in first, f"a new regex URL pattern needs an example in REGEX_EXAMPLES: {first}"
            return "/" + CONVERTER.sub(lambda m: str(self.argument(second, m["name"])), first)
        page = live_page(first)
        return page.url + (
            CONVERTER.sub(lambda m: str(self.argument("municipality", m["name"])), second) if second else ""
        )


def member():
    user = get_user_model().objects.create_user("robuust", "robuust@voorbeeld.nl")  # no password to hash
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def live_page(label):
    from django.apps import apps

    model = apps.get_model(label)
    page = model.objects.live().public().order_by("path").first()
    assert page is not None, f"the demo site has no live {label}: add one so it is tested"
    return page


def outcome(client, url):
    """The status code, or the exception a view raised (a 500 in production)."""
    try:
        return client.get(url).status_code
    except Exception as error:
        return f"{type(error).__name__}: {str(error)[:200]}"


def params():
    for case in cases():
        for payload in PAYLOADS:
            reason = XFAIL.get((case_id(case), payload)) or XFAIL.get((case_id(case), "*"))
            marks = [pytest.mark.xfail(strict=False, reason=reason)] if reason else []
            yield pytest.param(case, payload, id=f"{case_id(case)}-{payload}", marks=marks)


@pytest.mark.parametrize("case,payload", list(params()))
def test_no_server_error_for_bad_query_parameters(client, settings, case, payload):
    settings.ELASTICSEARCH_URL = ""  # the database engine; the search tests cover Elasticsearch
    site = Site()
    url = f"{site.path(case)}?{query_string(payload)}"
    anonymous = outcome(client, url)
    client.force_login(site.member)
    logged_in = outcome(client, url)
    failures = {
        who: result
        for who, result in (("anonymous", anonymous), ("member", logged_in))
        if not isinstance(result, int) or result >= 500
    }
    assert not failures, f"{url[:120]}…: {failures}"


def test_every_pattern_and_page_type_is_covered():
    """The walk finds the site's own URLs, and page types with sub-routes add those."""
    ids = {case_id(case) for case in cases()}
    for expected in (
        "url:search",
        "url:search_autocomplete",
        "url:topic",
        "url:directory",
        "url:feed_news",
        "url:sitemap",
        "url:account_login",
        "url:registration_confirm",
        "url:wagtaildocs_serve",
        "page:cms.DocumentLibraryPage",
        "route:events.EventPage:ical/",
        "route:cms.MunicipalityIndexPage:<slug:slug>/",
    ):
        assert expected in ids
    assert not any(identifier.startswith("url:wagtailadmin") for identifier in ids)
