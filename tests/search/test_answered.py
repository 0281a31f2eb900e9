"""A question topic with an accepted answer is "beantwoord" in search results, on both engines;
marking, removing, hiding the answer or the topic no longer asking re-derive the item."""

import pytest
from bs4 import BeautifulSoup

from community import answers, moderation
from community.models import Topic
from community.viewer import Viewer
from tests.factories import MemberFactory

from .conftest import refresh
from .helpers import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


PUBLIC_TOPIC = "Verrekenen op basis van inwoneraantallen of op productniveau?"


def settle():
    from search import elastic

    if elastic.is_configured():
        refresh(elastic.client())


def hit(query="q=verdeelsleutel"):
    return next(hit for hit in run(query).hits if hit.title == PUBLIC_TOPIC)


def answered_on_page(client):
    page = BeautifulSoup(client.get("/zoeken/?q=verdeelsleutel").content.decode(), "html.parser")
    card = next(card for card in page.select(".kp-card") if PUBLIC_TOPIC in card.get_text())
    return bool(card.select(".kp-badge--answered"))


def test_the_demo_question_is_answered_and_follows_its_mark(engine, client, django_capture_on_commit_callbacks):
    moderator = MemberFactory(username="mod", groups=["Moderators"])
    topic = Topic.objects.get(title=PUBLIC_TOPIC)
    reply = topic.accepted_answer  # the demo marks Sandra's reply (community/demo_answers.py)
    assert topic.is_question and reply is not None
    assert hit().answered and hit("type=discussion").answered and answered_on_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        answers.mark_answer(Viewer(moderator), topic, None)
    settle()
    assert not hit().answered and not answered_on_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        answers.mark_answer(Viewer(moderator), topic, reply)
    settle()
    assert hit().answered and answered_on_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(moderator, reply, "Bevat persoonsgegevens")
    settle()
    assert not hit("type=discussion").answered  # a hidden answer answers nothing

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(moderator, reply)
    settle()
    assert hit("type=discussion").answered


def test_a_topic_that_stops_asking_is_no_longer_answered_and_the_other_topic_never_was(
    engine, django_capture_on_commit_callbacks
):
    moderator = MemberFactory(username="mod", groups=["Moderators"])
    other = "Hoe informeren jullie drie raden tegelijk?"
    assert not next(h for h in run("type=discussion").hits if h.title == other).answered
    topic = Topic.objects.get(title=PUBLIC_TOPIC)
    with django_capture_on_commit_callbacks(execute=True):
        answers.set_question(Viewer(moderator), topic, False)
    settle()
    assert not hit().answered
    with django_capture_on_commit_callbacks(execute=True):
        answers.set_question(Viewer(moderator), topic, True)
    settle()
    assert not hit().answered  # asking again does not bring the forgotten answer back
