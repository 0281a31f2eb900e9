"""Security headers on every page type, with the production settings that add HSTS and
secure cookies (kennisplatform/settings/production.py; test_settings.py proves that
`check --deploy` is clean with them)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.models import (
    CollaborationPage,
    KnowledgeDocumentPage,
    LibraryFile,
    Municipality,
    MunicipalityIndexPage,
    NewsPage,
    PublicationPage,
    StandardPage,
)
from community.models import Topic
from events.models import EventPage
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_transport(settings):
    """What production.py adds on top of base: HSTS and cookies sent over HTTPS only."""
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_secure_headers(response, url):
    assert response.status_code in (200, 302, 404), f"{url}: {response.status_code}"
    policy = directives(response)
    assert policy["script-src"] == ["'self'"], url  # no inline scripts, no third parties
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], url
    assert policy["frame-ancestors"] == ["'none'"], url
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", url
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert response.headers["X-Frame-Options"] == "DENY", url
    assert "camera=()" in response.headers["Permissions-Policy"], url
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", url


def public_urls():
    urls = [
        "/",
        "/zoeken/?q=verrekenmodel&type=document",
        "/zoeken/suggesties/?q=ver",
        "/discussies/",
        "/account/login/",
        "/account/signup/",
        "/sitemap.xml",
        "/robots.txt",
        "/feeds/nieuws/",
        "/bestaat-niet/",
    ]
    for model in (StandardPage, CollaborationPage, KnowledgeDocumentPage, PublicationPage, NewsPage, EventPage):
        page = model.objects.live().first()
        urls += [page.url, page.get_parent().url]
    urls.append(MunicipalityIndexPage.objects.get().municipality_url(Municipality.objects.first()))
    urls.append(Topic.objects.filter(category__access="public").first().get_absolute_url())
    return urls


def test_every_public_page_type_sends_the_security_headers(client, production_transport):
    for url in public_urls():
        assert_secure_headers(client.get(url, secure=True), url)


def test_member_pages_send_them_and_cookies_are_secure(client, production_transport):
    member = MemberFactory(username="hedwig")
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD}, secure=True)
    assert response.cookies["sessionid"]["secure"] and response.cookies["sessionid"]["httponly"]
    assert response.cookies["csrftoken"]["secure"]
    for url in ["/leden/", "/account/mijn-gegevens/", "/account/2fa/", reverse("community:member", args=["hedwig"])]:
        assert_secure_headers(client.get(url, secure=True), url)


def test_document_downloads_are_attachments_that_run_nothing(client, production_transport):
    url = LibraryFile.objects.first().url
    assert url.startswith("/documents/")  # Wagtail's serve view, never MEDIA_URL
    response = client.get(url, secure=True)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert directives(response)["default-src"] == ["'none'"]  # Wagtail's own, stricter policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" in response.headers


def test_the_admin_alone_may_run_wagtails_inline_scripts_and_frame_previews(client, production_transport):
    editor = MemberFactory(username="redacteur", groups=["Editors"])
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    policy = directives(client.get("/admin/", secure=True))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["form-action"] == ["'self'"]
