"""The accessibility statement (issue #13, item 8): every page's footer links to it, and the
demo's statement names the norm, its status and how the site is tested, without claims it
cannot back (no audit yet, no invented contact address)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def footer_links(client, url="/"):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    return {a.get_text(strip=True): a["href"] for a in soup.select("footer a")}


def test_every_footer_links_to_the_statement(client):
    for url in ("/", "/zoeken/", "/account/login/"):
        assert footer_links(client, url)["Toegankelijkheidsverklaring"] == "/toegankelijkheid/"


def test_the_statement_says_norm_status_tests_and_limits(client):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.h1.get_text(strip=True) == "Toegankelijkheidsverklaring"
    text = soup.select_one("main").get_text(" ", strip=True)
    for expected in ("WCAG", "2.1", "AA", "Status C", "axe-core", "toetsenbord", "nog niet"):
        assert expected in text, expected


def test_no_link_when_the_site_has_no_statement_address(client, settings):
    settings.ACCESSIBILITY_STATEMENT_URL = ""
    assert "Toegankelijkheidsverklaring" not in footer_links(client)
