"""The markup that lets the site work on a phone (issue #16): the menu behind a "Menu"
disclosure, filters behind a "Filteren" panel that says how many are on, tables that stack with
each cell named after its column, and the library's note that sends visitors to the search for
what the library's dropdowns do not do. The browser tests (tests/e2e/test_phones.py) check how
it looks and behaves; these check what the server sends, without JavaScript."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from cms.filters import LibraryFilter
from community import moderation, posting
from community.models import Category
from events import registration as registrations
from events.models import EventPage
from search.query import FACET_BY_NAME
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- The main menu -----------------------------------------------------------------------------


def test_the_menus_fold_behind_one_disclosure(client):
    soup = soup_of(client, "/documenten/")
    menu = soup.select_one("header details.kp-menu")
    assert menu is not None and not menu.has_attr("open")  # closed unless opened (CSS shows it on wide screens)
    assert menu.find(True, recursive=False).name == "summary"  # the disclosure's button comes first
    # Both navigations are inside; the search box stays out of it (visible on a phone).
    assert menu.select_one("nav.kp-account-nav") and menu.select_one("nav.kp-nav a[aria-current]")
    assert soup.select_one("header form.kp-header-search").find_parent("details") is None


# --- Filter panels ------------------------------------------------------------------------------


def filter_panel(soup):
    panel = soup.select_one("details#filters.kp-filter-panel")
    assert panel is not None and not panel.has_attr("open")
    return panel


def active_count(panel):
    """The number in the summary ("Filteren (2 actief)"), or 0 when it says no number."""
    text = panel.select_one("summary #filters-active").get_text(strip=True)
    return int(text.strip("()").split()[0]) if text else 0


def test_search_filters_sit_behind_the_panel_with_the_number_that_is_on(client):
    soup = soup_of(client, "/zoeken/?q=verrekenen&collaboration=bar-organisatie&year=2013&year=2099")
    panel = filter_panel(soup)
    assert panel.select("input[type=checkbox][name=collaboration]")
    # The year nobody has is shown (checked, count 0), so it counts: what the chips show.
    assert active_count(panel) == len(soup.select(".kp-chips a.kp-chip")) == 3
    assert active_count(filter_panel(soup_of(client, "/zoeken/?q=verrekenen"))) == 0
    # The results are not in the panel: on a phone they come right after its button.
    assert soup.select_one(".kp-hits").find_parent("details") is None


def test_without_javascript_the_buttons_apply_and_land_on_the_count(client):
    soup = soup_of(client, "/zoeken/?q=verrekenen")
    count = soup.select_one("#resultaten")
    assert count["role"] == "status" and "kp-count" in count["class"]
    for button in (soup.select_one(".kp-facets__apply"), soup.select_one(".kp-sort__apply")):
        assert button["type"] == "submit" and button["formaction"] == "/zoeken/#resultaten"
        assert button.find_parent("form")["id"] == "search-form"
    # Nothing submits on its own: the sort select changes nothing until applied (search.js
    # applies mouse choices at once and keyboard choices on Enter).
    assert not soup.select("[data-autosubmit]") and not soup.select_one("#search-sort").has_attr("onchange")


def test_the_library_uses_the_same_panel_and_says_why_it_has_dropdowns(client):
    soup = soup_of(client, "/documenten/?collaboration=bar-organisatie&year=2013&theme=bestaat-niet")
    panel = filter_panel(soup)
    form = panel.select_one("form.kp-filters")
    assert form["action"].endswith("#resultaten") and soup.select_one("#resultaten")
    assert {s["name"] for s in form.select("select")} == {"document_type", "collaboration", "municipality", "theme"}
    assert active_count(panel) == 2  # the theme nobody has does not apply
    link = form.select_one(".kp-filters__note a")
    assert urlsplit(link["href"]).path == reverse("search")
    assert sorted(parse_qsl(urlsplit(link["href"]).query)) == [
        ("collaboration", "bar-organisatie"),
        ("type", "document"),
        ("year", "2013"),
    ]
    # The search it links to shows those documents, with the filters ticked.
    search = soup_of(client, link["href"])
    assert search.select_one("input[name=collaboration][value=bar-organisatie]").has_attr("checked")
    assert search.select(".kp-hits li")


def test_every_library_filter_is_a_search_filter_of_the_same_name():
    """So the note's link can carry the library's filters to the search as they are."""
    assert set(LibraryFilter.base_filters) <= set(FACET_BY_NAME)


def test_the_members_directory_uses_the_same_panel(client):
    client.force_login(MemberFactory(username="filterlid"))
    soup = soup_of(client, "/leden/?collaboration=bar-organisatie&function=")
    panel = filter_panel(soup)
    assert panel.select_one("form.kp-filters select[name=collaboration]")
    assert active_count(panel) == 1
    assert active_count(filter_panel(soup_of(client, "/leden/?collaboration=bestaat-niet"))) == 0


# --- Tables -------------------------------------------------------------------------------------


@pytest.fixture
def tables(client):
    """A member with a topic and a registration, a moderator with a log line; the URLs of the
    tables they see."""
    member = MemberFactory(username="tabellid", first_name="Tine", last_name="Tabel")
    moderator = MemberFactory(username="tabelmoderator", groups=["Moderators"])
    category = Category.objects.filter(access="public").first()
    topic = posting.start_topic(member, category, "Gestart en bevestigd", "Een onderwerp met een tabel.")
    moderation.set_pinned(moderator, topic, True)
    event = EventPage.objects.live().filter(registration_enabled=True, start__gt=timezone.now()).first()
    registrations.register_member(event, member, name="Tine Tabel")
    return [
        (member, category.get_absolute_url()),
        (member, reverse("my_registrations")),
        (moderator, reverse("community:moderation_log")),
    ]


def test_every_table_stacks_on_a_phone_with_each_cell_named_after_its_column(client, tables):
    for user, url in tables:
        client.force_login(user)
        table = soup_of(client, url).select_one("main table")
        assert "kp-table--stack" in table["class"], url
        # A column whose name is for screen readers only (the cancel buttons) names no cell.
        headers = [
            " ".join(th.get_text().split()) if th.find(string=True, recursive=False) else None
            for th in table.select("thead th")
        ]
        rows = table.select("tbody tr")
        assert rows, url
        for row in rows:
            for header, cell in zip(headers, row.find_all("td"), strict=False):
                # Each cell is named after its column, except the row's title, which needs no name.
                if "kp-table__title" in cell.get("class", []):
                    assert not cell.has_attr("data-label"), url
                else:
                    assert cell.get("data-label") == header, (url, header, str(cell)[:80])
            # The roles keep the table a table where display: block would drop that.
            assert row["role"] == "row" and all(td["role"] == "cell" for td in row.find_all("td"))
