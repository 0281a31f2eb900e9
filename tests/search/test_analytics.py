"""Search analytics for editors: the figures, the admin report and who may see it."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from search import analytics
from search.models import SearchQueryLog, SynonymGroup
from tests.factories import UserFactory

from .helpers import all_titles


def log(query, results, days_ago=0):
    entry = SearchQueryLog.objects.create(query=query, results=results, engine="database")
    SearchQueryLog.objects.filter(pk=entry.pk).update(searched_at=timezone.now() - timedelta(days=days_ago))


@pytest.fixture
def searches(db):
    SearchQueryLog.objects.all().delete()
    for _ in range(5):
        log("verrekenmodel", 12)
    for _ in range(3):
        log("gemeenschappelijke regeling", 4, days_ago=2)
    log("parkeervergunning", 0, days_ago=1)
    log("parkeervergunning", 0)
    log("hondenbelasting", 0, days_ago=3)
    log("oude vraag", 7, days_ago=60)


def member_of(group_name):
    user = UserFactory(username=f"{group_name.lower()}-user", email="lid@example.org")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_log_holds_no_personal_data():
    fields = {field.name for field in SearchQueryLog._meta.get_fields()}
    assert fields == {"id", "query", "filters", "results", "engine", "searched_at"}


def test_popular_queries_are_counted_within_the_period(searches):
    since = analytics.period_start(7)
    popular = analytics.popular_queries(since)
    assert [(row["query"], row["searches"]) for row in popular] == [
        ("verrekenmodel", 5),
        ("gemeenschappelijke regeling", 3),
        ("parkeervergunning", 2),
        ("hondenbelasting", 1),
    ]
    assert popular[0]["average_results"] == 12
    assert "oude vraag" in [row["query"] for row in analytics.popular_queries(analytics.period_start(90))]


def test_zero_result_queries_only_lists_what_found_nothing(searches):
    rows = analytics.zero_result_queries(analytics.period_start(7))
    assert [(row["query"], row["searches"]) for row in rows] == [("parkeervergunning", 2), ("hondenbelasting", 1)]


def test_summary_and_daily_activity_include_quiet_days(searches):
    since = analytics.period_start(7)
    assert analytics.summary(since) == {"searches": 11, "zero_results": 3, "distinct": 4, "zero_share": 27}
    days = analytics.daily_activity(since)
    assert len(days) == 7
    assert days[-1].day == timezone.localdate()
    assert (days[-1].searches, days[-1].zero_results) == (6, 1)
    assert sum(day.searches for day in days) == 11
    assert any(day.searches == 0 for day in days)


def test_an_editor_sees_the_report_with_chart_and_tables(client, searches):
    client.force_login(member_of("Editors"))
    response = client.get(reverse("search_analytics"), {"days": 7})
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-analytics__chart" in html and html.count("<rect") == 14  # 7 days, two bars each
    assert re.search(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+"', html)  # SVG numbers, not "2,4"
    assert "verrekenmodel" in html and "parkeervergunning" in html
    assert "oude vraag" not in html
    assert "Zoekvragen zonder resultaten" in html


def test_the_report_says_so_when_nobody_searched(editor_client):
    SearchQueryLog.objects.all().delete()
    response = editor_client.get(reverse("search_analytics"), {"days": "not-a-number"})
    assert response.status_code == 200
    assert response.context["days"] == analytics.DEFAULT_PERIOD
    html = response.content.decode()
    assert "search-analytics__chart" not in html
    assert "Er is in deze periode nog niet gezocht." in html


def test_the_report_is_for_editors_only(client, db):
    assert client.get(reverse("search_analytics")).status_code == 302  # to the admin login
    user = UserFactory(username="bezoeker", email="bezoeker@example.org")
    client.force_login(user)
    assert client.get(reverse("search_analytics")).status_code != 200


def test_the_reports_menu_links_to_the_report(client, searches):
    client.force_login(member_of("Moderators"))
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("search_analytics") in response.content.decode()


def test_a_synonym_added_in_the_admin_works_at_once(editor_client, database_engine):
    assert "Verrekenen in de BAR-samenwerking" not in all_titles("q=geldstromen")
    response = editor_client.post(
        reverse("wagtailsnippets_knowledge_search_synonymgroup:add"),
        {"terms": "geldstromen, verrekenen"},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="geldstromen, verrekenen").exists()
    assert "Verrekenen in de BAR-samenwerking" in all_titles("q=geldstromen")


# --- Synonyms are text, never regex templates (security review #10, item 14) ----------------


@pytest.mark.parametrize(
    "terms", [r"verrekenmodel, geld\1stromen", r"verrekenmodel, \g<0>kosten", r"verrekenmodel, a\\b"]
)
def test_a_synonym_with_regex_escapes_does_not_break_searching(engine, terms):
    # Saved behind the admin's validation, as an old row or a bulk import could be.
    SynonymGroup.objects.create(terms=terms)
    assert "Verrekenen in de BAR-samenwerking" in all_titles("q=verrekenmodel")


def test_expand_puts_the_synonym_in_literally():
    from search.synonyms import expand

    assert expand("verrekenmodel bar", groups=[["verrekenmodel", r"geld\1stromen"]])[:2] == [
        "verrekenmodel bar",
        r"geld\1stromen bar",
    ]


@pytest.mark.parametrize("terms", [r"GR, geld\1stromen", r"GR, \g<0>", "GR", "GR, gr", "GR, ***", "GR, " + "x" * 101])
def test_the_admin_refuses_synonyms_that_are_no_words(editor_client, terms):
    response = editor_client.post(reverse("wagtailsnippets_knowledge_search_synonymgroup:add"), {"terms": terms})
    assert response.status_code == 200  # the form again, with the error
    assert not SynonymGroup.objects.filter(terms=terms).exists()


# --- Retention of the query log ---------------------------------------------------------------


def test_purge_search_log_deletes_only_searches_past_the_retention(db, settings):
    from django.core.management import call_command

    SearchQueryLog.objects.all().delete()
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    log("te oud", 3, days_ago=31)
    log("net binnen", 3, days_ago=29)
    log("vandaag", 0)
    out = io.StringIO()
    call_command("purge_search_log", stdout=out)
    assert set(SearchQueryLog.objects.values_list("query", flat=True)) == {"net binnen", "vandaag"}
    assert "Deleted 1 " in out.getvalue()
    call_command("purge_search_log", "--days", "1", stdout=io.StringIO())
    assert list(SearchQueryLog.objects.values_list("query", flat=True)) == ["vandaag"]


def test_the_retention_defaults_to_a_year():
    from kennisplatform.settings import base

    assert base.SEARCH_LOG_RETENTION_DAYS == 365


def test_purge_search_log_runs_daily_in_cron_and_in_the_scheduler():
    from pathlib import Path

    from deploy import scheduler

    root = Path(__file__).resolve().parents[2]
    assert "kennisplatform-manage purge_search_log" in (root / "deploy/cron/kennisplatform").read_text()
    when = {tuple(command): when for command, when, _ in scheduler.JOBS}
    assert isinstance(when[("purge_search_log",)], str)  # a daily "HH:MM"


def test_a_misspelt_search_counts_as_one_without_results(engine, client):
    """The page shows close matches, but editors must still see that the words as typed found
    nothing (a missing synonym, a term the site does not use)."""
    SearchQueryLog.objects.all().delete()
    response = client.get("/zoeken/", {"q": "verekenmodel"})
    assert response.context["results"].total > 0
    assert list(SearchQueryLog.objects.values_list("query", "results")) == [("verekenmodel", 0)]
