"""The "published between" date range: reading ``from``/``to`` (good, bad and odd dates, a
reversed range), and what it does on both engines (the ``engine`` fixture: the database
engine and a real Elasticsearch): it narrows the hits and every facet count, combines with
facets and text, drops items without a date, and its links keep everything else.

The demo content is the oracle: ``KnowledgeItem`` holds every item's date, and the range
used is cut from the middle of the demo's own dates, so it always has items inside and out.
"""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from django.utils import timezone

from search.dates import SWAPPED, InvalidDate, parse_date, read_range, years_before
from search.models import KnowledgeItem
from search.query import SearchRequest
from search.urlstate import date_filter
from tests.factories import NewsPageFactory

from .helpers import all_titles, facet, reindex_everything, run
from .search_page import checkbox, get, hit_titles, html, params

# --- Reading dates (no database) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        (" 2013-06-01 ", date(2013, 6, 1)),
        ("1000-01-01", date(1000, 1, 1)),
        ("9999-12-31", date(9999, 12, 31)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_good_and_empty_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2024-13-45",
        "2023-02-29",
        "2024-00-10",
        "abc",
        "0000-01-01",
        "0999-12-31",
        "99999-01-01",
        "2024-1-5",
        "20240131",
        "2024-W05-3",
        "2024-01-31T10:00",
        "2024-01-31\x00",
        "2024\x00-01-31",
        "２０２４-01-31",  # full-width digits are digits to Python
        "-2024-01-31",
        "x" * 10_000,
        "2024-01-31" * 1_000,
    ],
)
def test_malformed_dates_are_refused(value):
    with pytest.raises(InvalidDate):
        parse_date(value)


def test_a_bad_date_is_dropped_with_a_notice_and_the_other_kept():
    dates = read_range("2024-13-45", "2020-12-31")
    assert (dates.start, dates.end) == (None, date(2020, 12, 31))
    assert len(dates.notices) == 1
    assert read_range("", "").notices == ()
    assert not read_range("", "")


def test_a_start_after_the_end_is_swapped_and_said():
    dates = read_range("2020-12-31", "2018-01-01")
    assert (dates.start, dates.end) == (date(2018, 1, 1), date(2020, 12, 31))
    assert dates.notices == (SWAPPED,)
    same_day = read_range("2020-05-05", "2020-05-05")
    assert (same_day.start, same_day.end, same_day.notices) == (date(2020, 5, 5), date(2020, 5, 5), ())


def test_years_before_keeps_the_day_and_survives_a_leap_day():
    assert years_before(date(2026, 11, 26), 1) == date(2025, 11, 26)
    assert years_before(date(2026, 11, 26), 5) == date(2021, 11, 26)
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_the_request_reads_and_writes_the_range():
    request = SearchRequest.from_querydict(QueryDict("q=gr&to=2014-01-01&from=2019-03-04&type=document&page=3"))
    assert (request.date_from, request.date_to) == (date(2014, 1, 1), date(2019, 3, 4))
    assert request.has_filters
    assert request.query_pairs() == [("q", "gr"), ("type", "document"), ("from", "2014-01-01"), ("to", "2019-03-04")]
    empty = SearchRequest.from_querydict(QueryDict("from=&to="))
    assert (empty.date_from, empty.date_to, empty.notices, empty.has_filters) == (None, None, (), False)
    assert empty.query_pairs() == []


def test_quick_choices_set_from_keep_the_rest_and_drop_to():
    request = SearchRequest.from_querydict(
        QueryDict("q=gr&collaboration=bel-combinatie&sort=date&from=2001-01-01&to=2002-01-01&page=4")
    )
    links = date_filter(request, today=date(2026, 11, 26))
    kept = [("collaboration", "bel-combinatie"), ("q", "gr"), ("sort", "date")]
    assert [params(link.url) for link in links.choices] == [
        sorted([*kept, ("from", "2025-11-26")]),
        sorted([*kept, ("from", "2021-11-26")]),
    ]
    assert not any(link.current for link in links.choices)
    assert params(links.chip.url) == kept  # removing the range keeps everything else
    chosen = SearchRequest.from_querydict(QueryDict("from=2025-11-26"))
    assert [link.current for link in date_filter(chosen, today=date(2026, 11, 26)).choices] == [True, False]


# --- The range on both engines --------------------------------------------------------------


def demo_range():
    """A range from the middle of the demo's dates: items before, inside and after it."""
    dates = sorted(KnowledgeItem.objects.exclude(date=None).values_list("date", flat=True))
    start, end = dates[len(dates) // 4], dates[(3 * len(dates)) // 4]
    assert dates[0] < start < end < dates[-1], "the demo needs spread-out dates"
    return start, end


def in_range(start, end, **lookups):
    return set(KnowledgeItem.objects.filter(date__gte=start, date__lte=end, **lookups).values_list("title", flat=True))


def range_query(start, end, **others):
    return urlencode({**others, "from": start.isoformat(), "to": end.isoformat()})


@pytest.mark.django_db
def test_a_range_narrows_the_hits_to_the_dates_inside(engine):
    start, end = demo_range()
    expected = in_range(start, end)
    assert expected and expected < all_titles()
    assert all_titles(range_query(start, end)) == expected
    assert all_titles(urlencode({"from": start.isoformat()})) == set(
        KnowledgeItem.objects.filter(date__gte=start).values_list("title", flat=True)
    )
    assert all_titles(urlencode({"to": end.isoformat()})) == set(
        KnowledgeItem.objects.filter(date__lte=end).values_list("title", flat=True)
    )


@pytest.mark.django_db
def test_both_ends_are_included(engine):
    NewsPageFactory(title="Grensgeval begin", date=date(2011, 3, 1))
    NewsPageFactory(title="Grensgeval eind", date=date(2011, 3, 31))
    NewsPageFactory(title="Grensgeval erna", date=date(2011, 4, 1))
    NewsPageFactory(title="Grensgeval ervoor", date=date(2011, 2, 28))
    reindex_everything()
    found = all_titles(range_query(date(2011, 3, 1), date(2011, 3, 31), q="grensgeval"))
    assert found == {"Grensgeval begin", "Grensgeval eind"}


@pytest.mark.django_db
def test_a_range_narrows_every_facet_count(engine):
    start, end = demo_range()
    results = run(range_query(start, end), page_size=1)
    everything = run("", page_size=1)
    kinds = facet(results, "type")
    assert sum(value.count for value in kinds.values()) == results.total  # one kind per item
    assert results.total < everything.total
    for name in ("type", "collaboration", "year"):
        narrowed, full = facet(results, name), facet(everything, name)
        if name == "year":  # whole years may fall inside the range; the years outside it drop out
            assert set(full) - {key for key, value in narrowed.items() if value.count}, name
        else:
            assert any(value.count < full[key].count for key, value in narrowed.items()), name
        for key, value in narrowed.items():
            assert value.count == run(range_query(start, end, **{name: key}), page_size=1).total, (name, key)
    # Only years inside the range keep a count.
    assert {int(key) for key, value in facet(results, "year").items() if value.count} <= set(
        range(start.year, end.year + 1)
    )


@pytest.mark.django_db
def test_a_range_combines_with_a_facet_and_a_query(engine):
    start, end = demo_range()
    bar = all_titles("collaboration=bar-organisatie")
    assert all_titles(range_query(start, end, collaboration="bar-organisatie")) == bar & in_range(start, end)
    gemeenten = all_titles("q=gemeenten")
    combined = all_titles(range_query(start, end, q="gemeenten", collaboration="bar-organisatie"))
    assert combined == gemeenten & bar & in_range(start, end)
    assert gemeenten & in_range(start, end), "the query should keep hits inside the range"


@pytest.mark.django_db
def test_items_without_a_date_drop_out(engine):
    profiles = all_titles("type=collaboration")
    assert profiles and not KnowledgeItem.objects.filter(kind="collaboration").exclude(date=None).exists()
    wide = urlencode({"from": "1000-01-01", "to": "9999-12-31"})
    assert not all_titles(f"{wide}&type=collaboration")
    assert "collaboration" not in facet(run(wide), "type")
    assert all_titles(wide) == set(KnowledgeItem.objects.exclude(date=None).values_list("title", flat=True))


# --- The search page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_shows_the_range_in_labelled_date_fields(engine, client):
    soup = html(get(client, "q=gemeenten&from=2012-01-01&to=2019-12-31"))
    fieldset = soup.find("fieldset", attrs={"data-facet": "date"})
    assert fieldset.find("legend")
    for name, value in (("from", "2012-01-01"), ("to", "2019-12-31")):
        field = fieldset.find("input", attrs={"name": name})
        assert field["type"] == "date" and field["value"] == value
        assert fieldset.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert fieldset.find("button", attrs={"type": "submit"})


@pytest.mark.django_db
def test_quick_choice_links_carry_the_right_from(engine, client):
    soup = html(get(client, "q=gemeenten&collaboration=bar-organisatie&sort=date&to=2015-01-01"))
    links = [a["href"] for a in soup.select(".kp-daterange__quick a")]
    today = timezone.localdate()
    kept = [("collaboration", "bar-organisatie"), ("q", "gemeenten"), ("sort", "date")]
    assert [params(link) for link in links] == [
        sorted([*kept, ("from", years_before(today, 1).isoformat())]),
        sorted([*kept, ("from", years_before(today, 5).isoformat())]),
    ]
    chosen = get(client, links[1].removeprefix("?"))
    assert chosen.context["search"].date_from == years_before(today, 5)
    assert chosen.context["search"].date_to is None
    assert html(chosen).select(".kp-daterange__quick a[aria-current]")[0]["href"] == links[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    ["2024-13-45", "abc", "x" * 10_000, "2020-01-01%00", "%00", "0000-01-01", "99999-01-01", "2020-02-30"],
)
def test_bad_dates_give_the_page_with_a_notice_and_keep_the_other_filters(engine, client, bad):
    good = get(client, "q=gemeenten&collaboration=bar-organisatie&to=2019-12-31")
    response = get(client, f"q=gemeenten&collaboration=bar-organisatie&to=2019-12-31&from={bad}")
    soup = html(response)
    assert len(soup.select(".kp-date-notice")) == 1
    assert checkbox(soup, "collaboration", "bar-organisatie").has_attr("checked")
    assert soup.find("input", attrs={"name": "to"})["value"] == "2019-12-31"
    assert soup.find("input", attrs={"name": "from"})["value"] == ""
    assert hit_titles(response) == hit_titles(good)
    for link in [a["href"] for a in soup.select(".kp-chips a, .kp-pagination a, .kp-daterange__quick a")]:
        assert ("from", bad) not in params(link)


@pytest.mark.django_db
def test_a_reversed_range_is_swapped_with_a_notice(engine, client):
    straight = get(client, "from=2012-01-01&to=2019-12-31")
    reversed_ = get(client, "from=2019-12-31&to=2012-01-01")
    assert hit_titles(reversed_) == hit_titles(straight)
    assert len(html(reversed_).select(".kp-date-notice")) == 1 and not html(straight).select(".kp-date-notice")
    assert html(reversed_).find("input", attrs={"name": "from"})["value"] == "2012-01-01"


@pytest.mark.django_db
def test_paging_and_facet_links_keep_the_range(engine, client):
    start, end = demo_range()
    response = get(client, range_query(start, end, sort="date"))
    assert response.context["results"].page_count > 1, "the range should hold more than a page"
    dates = {("from", start.isoformat()), ("to", end.isoformat())}
    next_page = html(response).select_one(".kp-pagination a[rel=next]")["href"]
    assert set(params(next_page)) == {*dates, ("sort", "date"), ("page", "2")}
    for value in response.context["facets"][0].values:
        assert dates <= set(params(value.toggle_url))
    page_two = get(client, next_page.removeprefix("?"))
    assert page_two.context["search"].date_from == start and page_two.context["search"].page == 2
    assert hit_titles(page_two) and not set(hit_titles(page_two)) & set(hit_titles(response))


@pytest.mark.django_db
def test_the_range_is_an_active_filter_with_a_chip_that_removes_it(engine, client):
    start, end = demo_range()
    response = get(client, range_query(start, end, type="document"))
    soup = html(response)
    date_chip = soup.select_one(".kp-chips a.kp-chip--dates")
    assert params(date_chip["href"]) == [("type", "document")]
    assert str(start.year) in date_chip.get_text() and str(end.year) in date_chip.get_text()
    type_chip = next(chip for chip in soup.select(".kp-chips a.kp-chip") if chip is not date_chip)
    assert set(params(type_chip["href"])) == {("from", start.isoformat()), ("to", end.isoformat())}
    assert response.context["active_filters"] == 2
    only_dates = html(get(client, range_query(start, end)))
    assert only_dates.select(".kp-chips a.kp-chip--dates") and len(only_dates.select(".kp-chips a.kp-chip")) == 1


@pytest.mark.django_db
def test_the_search_page_with_a_range_is_never_served_from_the_page_cache(database_engine, client, settings):
    """The anonymous page cache keeps Wagtail pages only; the search page is always fresh, so
    ``from``/``to`` need no place among its known parameters."""
    settings.PAGE_CACHE_SECONDS = 300
    for _ in range(2):
        response = get(client, "from=2012-01-01&to=2019-12-31")
        assert "X-Page-Cache" not in response
    assert response.context["search"].date_from == date(2012, 1, 1)
