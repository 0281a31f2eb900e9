"""A discussion can be about a phase of the route (issue #13, item 3): its author picks the
phase, the phase page lists it, and search finds it under that phase. A members-only or hidden
discussion never shows on the public phase page."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms.models import Phase, PhasePage
from community import posting
from community.models import Topic
from search.discussions import extract_topic, topics_with_content

pytestmark = pytest.mark.django_db


def phase_page_topics(client, phase):
    page = PhasePage.objects.get(phase=phase)
    soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
    section = soup.select_one("section[aria-labelledby=phase-discussions]")
    return [a.get_text(strip=True) for a in section.select("li a")] if section else []


def test_the_author_picks_the_phase_when_starting_a_topic(client, member, public_category):
    client.force_login(member)
    url = reverse("community:new_topic", args=[public_category.slug])
    response = client.post(url, {"title": "Wie stelt de GR op?", "phase": "besluiten-en-inrichten", "body": "Vraag"})
    assert response.status_code == 302
    assert Topic.objects.get(title="Wie stelt de GR op?").phase.slug == "besluiten-en-inrichten"


def test_an_unknown_phase_is_a_form_error_and_the_text_stays(client, member, public_category):
    client.force_login(member)
    url = reverse("community:new_topic", args=[public_category.slug])
    response = client.post(url, {"title": "Titel blijft", "phase": "<verzonnen>", "body": "Tekst blijft"})
    assert response.status_code == 400
    assert "phase" in response.context["form"].errors
    assert "Tekst blijft" in response.content.decode() and not Topic.objects.filter(title="Titel blijft").exists()


def test_the_phase_page_lists_public_discussions_about_it_only(client, member, public_category, members_category):
    phase = Phase.objects.get(number=2)
    posting.start_topic(member, public_category, "Openbaar over fase 2", "Tekst", phase=phase)
    posting.start_topic(member, members_category, "Besloten over fase 2", "Tekst", phase=phase)
    hidden = posting.start_topic(member, public_category, "Verborgen over fase 2", "Tekst", phase=phase)
    Topic.objects.filter(pk=hidden.pk).update(hidden=True)
    posting.start_topic(member, public_category, "Over fase 1", "Tekst", phase=Phase.objects.get(number=1))
    assert phase_page_topics(client, phase) == ["Openbaar over fase 2"]


def test_a_topic_carries_its_phase_into_search(member, public_category):
    phase = Phase.objects.get(number=3)
    topic = posting.start_topic(member, public_category, "Over doorontwikkelen", "Tekst", phase=phase)
    _, tags = extract_topic(topics_with_content().get(pk=topic.pk))
    assert tags["phases"] == [phase]
    untagged = posting.start_topic(member, public_category, "Zonder fase", "Tekst")
    assert extract_topic(topics_with_content().get(pk=untagged.pk))[1]["phases"] == []


def test_deleting_a_phase_keeps_the_discussion(member, public_category):
    phase = Phase.objects.create(name="Tijdelijke fase", slug="tijdelijk", number=9)
    topic = posting.start_topic(member, public_category, "Blijft bestaan", "Tekst", phase=phase)
    phase.delete()
    topic.refresh_from_db()
    assert topic.phase is None
