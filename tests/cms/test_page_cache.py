"""The anonymous page cache: fast repeat views, fresh after every change, never personal."""

import pytest
from django.test import Client

from cms.models import Collaboration, NewsPage
from core.page_cache import HEADER
from events import registration
from events.models import EventPage
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_a_second_anonymous_view_comes_from_the_cache(client):
    url = NewsPage.objects.live().first().url
    first, second = fetch(client, url), fetch(client, url)
    assert first[HEADER] == "miss" and second[HEADER] == "hit"
    assert first.content == second.content
    assert "Content-Security-Policy" in second.headers  # outer middleware still runs on a hit


def test_publishing_shows_at_once(client):
    news = NewsPage.objects.live().first()
    fetch(client, news.url)
    news.title = "Nieuwe titel na publicatie"
    news.save_revision().publish()
    response = fetch(client, news.url)
    assert response[HEADER] == "miss" and "Nieuwe titel na publicatie" in response.content.decode()


def test_a_taxonomy_edit_reaches_the_pages_that_show_it(client):
    collaboration = Collaboration.objects.get(short_name="BEL")
    fetch(client, "/samenwerkingen/")
    assert fetch(client, "/samenwerkingen/")[HEADER] == "hit"
    collaboration.website = "https://www.bel-combinatie.nl/nieuw"
    collaboration.save()
    assert fetch(client, "/samenwerkingen/")[HEADER] == "miss"


def test_members_are_never_served_from_or_into_the_cache(client):
    url = NewsPage.objects.live().first().url
    member = MemberFactory(username="ineke", first_name="Ineke", last_name="Jansen")
    member_client = Client()
    member_client.force_login(member)
    for _ in range(2):
        response = fetch(member_client, url)
        assert HEADER not in response.headers and "Mijn profiel" in response.content.decode()
    anonymous = fetch(client, url)
    assert anonymous[HEADER] == "miss" and "Mijn profiel" not in anonymous.content.decode()
    assert HEADER not in fetch(member_client, url).headers  # nor do they read the anonymous copy


def event_open_for_registration():
    return next(e for e in EventPage.objects.live() if "csrfmiddlewaretoken" in Client().get(e.url).content.decode())


def test_pages_with_a_form_are_never_stored(client):
    event = event_open_for_registration()
    for visitor in (client, Client()):
        assert HEADER not in fetch(visitor, event.url).headers


def test_a_registration_updates_the_places_left_on_cached_pages(client):
    event = event_open_for_registration()
    fetch(client, "/evenementen/")
    fetch(client, "/evenementen/")
    registration.register_member(event, MemberFactory(username="joost"), name="Joost")
    assert fetch(client, "/evenementen/")[HEADER] == "miss"


def test_search_discussions_and_account_pages_are_not_cached(client):
    for url in ("/zoeken/?q=verrekenen", "/discussies/", "/account/login/"):
        fetch(client, url)
        assert HEADER not in fetch(client, url).headers, url


def test_it_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = NewsPage.objects.live().first().url
    fetch(client, url)
    assert HEADER not in fetch(client, url).headers


def test_unconfirmed_registrations_leave_cached_pages_alone(client):
    event = next(
        e
        for e in EventPage.objects.live()
        if e.audience == "everyone" and "csrfmiddlewaretoken" in Client().get(e.url).content.decode()
    )
    fetch(client, "/evenementen/")
    assert fetch(client, "/evenementen/")[HEADER] == "hit"
    pending = registration.register_guest(event, name="Gijs", email="gijs@laren.nl").registration
    registration.register_guest(event, name="Nep", email="gijs@laren.nl")  # the loop of the review
    registration.cancel(registration.register_guest(event, name="Els", email="els@laren.nl").registration)
    assert fetch(client, "/evenementen/")[HEADER] == "hit"  # no place was taken or given back
    registration.confirm_address(pending)
    assert fetch(client, "/evenementen/")[HEADER] == "miss"  # the places left changed


def test_only_a_change_in_the_places_taken_starts_a_new_generation(client):
    from events.models import EventRegistration

    event = next(
        e
        for e in EventPage.objects.live()
        if e.audience == "everyone" and "csrfmiddlewaretoken" in Client().get(e.url).content.decode()
    )
    taken = registration.register_member(event, MemberFactory(username="joost"), name="Joost").registration
    pending = registration.register_guest(event, name="Gijs", email="gijs@laren.nl").registration
    fetch(client, "/evenementen/")
    renamed = EventRegistration.objects.get(pk=taken.pk)
    renamed.name = "Joost Bakker"  # an editor's correction: names are on no public page
    renamed.save()
    EventRegistration.objects.get(pk=pending.pk).delete()
    assert fetch(client, "/evenementen/")[HEADER] == "hit"
    EventRegistration.objects.get(pk=taken.pk).delete()  # a place comes free
    assert fetch(client, "/evenementen/")[HEADER] == "miss"
