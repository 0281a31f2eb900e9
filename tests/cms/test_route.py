"""The route by phase (/fasen/): the overview, the phase pages, and what each phase page
assembles from tags (cms/route.py): only live, public items of its own phase, newest first."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from cms import route
from cms.models import Collaboration, CollaborationPage, KnowledgeDocumentPage, Phase, PhaseIndexPage, PhasePage
from tests.factories import DocumentPageFactory, MemberFactory, NewsPageFactory
from tests.test_query_budgets import within_budget

pytestmark = pytest.mark.django_db


def phase(number):
    return Phase.objects.get(number=number)


def tagged(page, *phases):
    """``page`` tagged with ``phases``, as an editor publishes it."""
    page.phases = list(phases)
    page.save_revision().publish()
    return page


def document(number, **kwargs):
    return tagged(DocumentPageFactory(**kwargs), phase(number))


def test_overview_lists_the_three_phases_in_order_with_their_description(client):
    response = client.get("/fasen/")
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'href="/fasen/{p.slug}/"') for p in Phase.objects.order_by("number")]
    assert positions == sorted(positions) and len(positions) == 3
    for p in Phase.objects.all():
        assert p.description and p.description in html


def test_overview_is_in_the_main_menu(client):
    html = client.get("/nieuws/").content.decode()
    assert 'href="/fasen/"' in html


@pytest.mark.parametrize("number", [1, 2, 3])
def test_phase_pages_render_questions_decisions_and_checklist(client, number):
    page = PhasePage.objects.get(phase__number=number)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert page.questions and page.decisions and page.checklist
    assert page.questions[0].value in html
    assert page.decisions[0].value["text"] in html
    assert html.count("<li><strong>") == len(page.decisions)  # each decision says who takes it
    assert page.decisions[0].value.by_label()
    assert f'<ul class="kp-checklist"><li>{page.checklist[0].value}</li>' in html
    assert '<nav class="utrecht-breadcrumb-nav kp-breadcrumbs"' in html and 'href="/fasen/"' in html
    assert 'type="checkbox"' not in html  # a checklist to read: nothing pretends to be tickable


def test_previous_and_next_phase_links(client):
    first, second, third = (PhasePage.objects.get(phase__number=n) for n in (1, 2, 3))
    html = client.get(first.url).content.decode()
    assert f'rel="next" href="{second.url}"' in html and 'rel="prev"' not in html
    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html and f'rel="next" href="{third.url}"' in html
    html = client.get(third.url).content.decode()
    assert f'rel="prev" href="{second.url}"' in html and 'rel="next"' not in html


def test_an_unpublished_phase_page_drops_out_of_the_overview_and_the_navigation(client):
    PhasePage.objects.get(phase__number=2).unpublish()
    html = client.get("/fasen/").content.decode()
    assert f'href="/fasen/{phase(2).slug}/"' not in html
    html = client.get(PhasePage.objects.get(phase__number=1).url).content.decode()
    assert f'rel="next" href="/fasen/{phase(3).slug}/"' in html


def test_holdings_hold_live_public_items_of_the_phase_only():
    shown = document(1)
    unpublished = document(1)
    unpublished.unpublish()
    private = document(1)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    other_phase = document(2)
    untagged = DocumentPageFactory()

    ids = {page.pk for page in route.holdings_for(phase(1))["documents"]["items"]}
    assert shown.pk in ids
    assert not ids & {unpublished.pk, private.pk, other_phase.pk, untagged.pk}


def test_phase_page_shows_the_tagged_item_and_not_the_others(client):
    shown = document(1, title="Zichtbaar fasedocument")
    private = document(1, title="Besloten fasedocument")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    other_phase = document(3, title="Document van een andere fase")
    html = client.get(PhasePage.objects.get(phase__number=1).url).content.decode()
    assert shown.url in html
    assert private.url not in html and other_phase.url not in html


def test_holdings_are_newest_first_limited_and_link_to_search_for_more():
    today = datetime.date.today()
    older = document(2, date=today - datetime.timedelta(days=400))
    newer = document(2, date=today)
    holdings = route.holdings_for(phase(2))
    items = holdings["documents"]["items"]
    assert items[0].pk == newer.pk
    assert older.pk not in [item.pk for item in items[:1]]
    assert len(items) <= route.HOLDINGS_PER_KIND
    assert holdings["documents"]["more_url"] == f"/zoeken/?phase={phase(2).slug}&type=document"
    # Each item once, even when tagged with the phase and found through several relations.
    dates = [item.date for item in items]
    assert dates == sorted(dates, reverse=True) and len({i.pk for i in items}) == len(items)


def test_holdings_count_each_kind_separately():
    news = tagged(NewsPageFactory(), phase(3))
    holdings = route.holdings_for(phase(3))
    assert news.pk in [item.pk for item in holdings["news"]["items"]]
    assert news.pk not in [item.pk for item in holdings["documents"]["items"]]
    assert holdings["news"]["more_url"].endswith("&type=news")


def test_collaborations_in_the_phase_link_to_public_profiles_only(client):
    bel = Collaboration.objects.get(short_name="BEL")
    bar = Collaboration.objects.get(short_name="BAR")
    for collaboration in (bel, bar):
        collaboration.phase = phase(2)
        collaboration.save()
    PageViewRestriction.objects.create(page=bar.profile, restriction_type=PageViewRestriction.LOGIN)
    rows = {row["collaboration"].short_name: row["profile"] for row in route.holdings_for(phase(2))["collaborations"]}
    assert rows["BEL"] == CollaborationPage.objects.get(collaboration=bel)
    assert rows["BAR"] is None  # listed, but no link to a page visitors may not see
    html = client.get(PhasePage.objects.get(phase__number=2).url).content.decode()
    assert bel.profile.url in html and bar.profile.url not in html and bar.name in html


def test_timelines_only_for_collaborations_whose_decision_and_start_are_known(client):
    Collaboration.objects.create(
        short_name="Z1", name="Later besloten", slug="z1", form="netwerk", decided_on="2010", started_on="2011-03-01"
    )
    Collaboration.objects.create(short_name="Z2", name="Alleen besloten", slug="z2", form="netwerk", decided_on="2012")
    timelines = route.holdings_for(phase(1))["timelines"]
    names = [row["collaboration"].short_name for row in timelines]
    assert names == ["BEL", "Z1"]  # by decision date; BAR (start only) and Z2 (decision only) left out
    bel = timelines[0]
    assert (bel["decided_on"], bel["started_on"]) == ("2006-06", "2008-01")
    html = client.get(PhasePage.objects.get(phase__number=2).url).content.decode()
    assert '<time datetime="2006-06">' in html and '<time datetime="2008-01">' in html
    assert "Alleen besloten" not in html


def test_demo_items_are_tagged_with_their_phases():
    gr = KnowledgeDocumentPage.objects.get(title="Gemeenschappelijke regeling BEL Combinatie")
    assert list(gr.phases.values_list("number", flat=True)) == [2]
    assert gr.get_latest_revision().as_object().phases.count() == 1  # the editor sees the tag too


@pytest.mark.parametrize(
    "url",
    [
        "/fasen/bestaat-niet/",
        "/fasen/initieren-en-verkennen/bestaat-niet/",
        "/fasen/initieren-en-verkennen/%00/",
        "/fasen/%E2%80%AE/",
    ],
)
def test_unknown_addresses_under_the_route_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_page_types_can_only_be_placed_on_the_route():
    assert PhaseIndexPage.max_count == 1
    assert PhasePage.parent_page_types == ["cms.PhaseIndexPage"]


@pytest.mark.parametrize("member", [False, True])
def test_phase_page_query_budget(client, settings, member, django_assert_max_num_queries):
    """Queries per request (visitor, member): 26 and 30 as measured on 2026-11-26 with the demo
    content (4 of them for the lessons and the link to their overview, one each for the
    questions and the discussions), whatever number of items is tagged (no query per item)."""
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        document(2)
    tagged(NewsPageFactory(), phase(2))
    if member:
        client.force_login(MemberFactory())
    budget = 30 if member else 26
    within_budget(client, PhasePage.objects.get(phase__number=2).url, budget, django_assert_max_num_queries)
