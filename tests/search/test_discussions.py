"""Public discussion topics are knowledge items; members-only and hidden ones never show.

Both engines, real Elasticsearch: what the demo's members-only "Griffiersoverleg" holds
must not reach hits, facet counts, "did you mean" or the suggestions, and moderation or a
category turning members-only takes a topic out of search after the commit.
"""

import pytest
from django.urls import reverse

from community import moderation, posting
from community.models import Category, CategoryAccess, Topic
from search import elastic
from search.models import KnowledgeItem
from search.service import KnowledgeSearch
from tests.factories import MemberFactory

from .conftest import refresh
from .helpers import all_titles, facet, run

pytestmark = pytest.mark.django_db

PUBLIC_TOPIC = "Verrekenen op basis van inwoneraantallen of op productniveau?"
MEMBERS_TOPIC = "Agenda volgende intervisie"


def settle():
    """Run the after-commit flush and make Elasticsearch's copy searchable."""
    if elastic.is_configured():
        refresh(elastic.client())


def test_public_topics_are_found_by_the_words_of_their_posts(engine, client):
    results = run("q=verdeelsleutel")  # a word from the replies, not from the title
    hit = next(hit for hit in results.hits if hit.title == PUBLIC_TOPIC)
    topic = Topic.objects.get(title=PUBLIC_TOPIC)
    assert hit.url == reverse("community:topic", args=[topic.pk])
    assert hit.kind_label == "Discussie"
    discussions = run("type=discussion")
    assert {hit.title for hit in discussions.hits} == {PUBLIC_TOPIC, "Hoe informeren jullie drie raden tegelijk?"}
    # The category's theme tags the topic, so the theme facet finds it as well.
    themes = facet(run("type=discussion"), "theme")
    assert themes["financien-verrekening"].count == 1
    page = client.get("/zoeken/?q=verdeelsleutel")
    assert PUBLIC_TOPIC.encode() in page.content


def test_members_only_topics_never_reach_search(engine, client):
    assert not run("q=auditcommissie").hits  # only the members-only topic has this word
    assert all(hit.kind != "discussion" for hit in run("q=intervisie", page_size=50).hits)
    assert facet(run(""), "type")["discussion"].count == 2
    assert "auditcommissie" not in run("q=auditcomissie").suggestion
    assert MEMBERS_TOPIC not in all_titles("")
    suggestions = client.get("/zoeken/suggesties/?q=Agenda").json()["suggestions"]
    assert MEMBERS_TOPIC not in [s["title"] for s in suggestions]
    assert not KnowledgeItem.objects.filter(topic__title=MEMBERS_TOPIC).exists()


def test_a_new_reply_is_searchable_and_a_hidden_one_is_not(engine, django_capture_on_commit_callbacks):
    member = MemberFactory(username="carla")
    topic = Topic.objects.get(title=PUBLIC_TOPIC)
    with django_capture_on_commit_callbacks(execute=True):
        post = posting.reply(member, topic, "Wij gebruiken het zaaksysteem als bron voor de urenverantwoording.")
    settle()
    assert all_titles("q=urenverantwoording") == {PUBLIC_TOPIC}
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(MemberFactory(username="mod", groups=["Moderators"]), post, "Off-topic")
    settle()
    assert not all_titles("q=urenverantwoording")
    assert PUBLIC_TOPIC in all_titles("q=verdeelsleutel")  # the rest of the topic stays


def test_hiding_the_opening_post_takes_the_topic_out_and_restoring_brings_it_back(
    engine,
    django_capture_on_commit_callbacks,
):
    moderator = MemberFactory(username="mod", groups=["Moderators"])
    opening = Topic.objects.get(title=PUBLIC_TOPIC).posts.order_by("created_at", "pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(moderator, opening, "Bevat persoonsgegevens")
    settle()
    assert PUBLIC_TOPIC not in all_titles("q=verdeelsleutel")
    assert facet(run(""), "type")["discussion"].count == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(moderator, opening)
    settle()
    assert PUBLIC_TOPIC in all_titles("q=verdeelsleutel")


def test_a_category_turning_members_only_or_a_move_there_takes_topics_out(engine, django_capture_on_commit_callbacks):
    category = Category.objects.get(slug="financien-en-verrekening")
    category.access = CategoryAccess.MEMBERS
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    settle()
    assert PUBLIC_TOPIC not in all_titles("q=verdeelsleutel")

    topic = Topic.objects.get(title="Hoe informeren jullie drie raden tegelijk?")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_topic(
            MemberFactory(username="mod", groups=["Moderators"]), topic, Category.objects.get(slug="griffiersoverleg")
        )
    settle()
    assert not all_titles("type=discussion")


def test_deleting_a_topic_removes_it(engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Topic.objects.get(title=PUBLIC_TOPIC).delete()
    settle()
    assert PUBLIC_TOPIC not in all_titles("type=discussion")
    assert not KnowledgeItem.objects.filter(kind=KnowledgeItem.Kind.DISCUSSION, title=PUBLIC_TOPIC).exists()


def test_a_topic_in_a_bar_category_is_found_with_the_bar_filter(engine, django_capture_on_commit_callbacks):
    """An editor gives a category a collaboration and a theme in the admin: its topics are then
    found under that collaboration (and its municipalities) and that theme."""
    from cms.models import Collaboration, Theme

    category = Category.objects.get(slug="sturing-en-de-raden")
    topic = "Hoe informeren jullie drie raden tegelijk?"
    assert topic not in all_titles("collaboration=bar-organisatie")
    category.collaboration = Collaboration.objects.get(slug="bar-organisatie")
    category.theme = Theme.objects.get(slug="dienstverlening")
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    settle()
    assert all_titles("type=discussion&collaboration=bar-organisatie") == {topic}
    assert topic in all_titles("collaboration=bar-organisatie&municipality=ridderkerk&theme=dienstverlening")
    assert facet(run("type=discussion"), "collaboration")["bar-organisatie"].count == 1
    assert topic not in all_titles("collaboration=bel-combinatie")


def test_a_category_given_to_a_group_or_a_move_there_takes_topics_out(engine, django_capture_on_commit_callbacks):
    from community.models import Group

    group = Group.objects.create(name="Zwaluwgroep", slug="zwaluwgroep")
    category = Category.objects.get(slug="financien-en-verrekening")
    category.access, category.group = CategoryAccess.GROUP, group
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    settle()
    assert PUBLIC_TOPIC not in all_titles("q=verdeelsleutel")
    assert not KnowledgeItem.objects.filter(topic__title=PUBLIC_TOPIC).exists()

    topic = Topic.objects.get(title="Hoe informeren jullie drie raden tegelijk?")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_topic(MemberFactory(username="mod", groups=["Moderators"]), topic, category)
    settle()
    assert not all_titles("type=discussion")
    assert topic.title not in [s["title"] for s in KnowledgeSearch().autocomplete("Hoe informeren")]
