"""Groups: the permission matrix (who sees a group's categories, topics and posts, wherever
they could show) and running a group (asking to join, approving, removing, managers).

Viewers: an anonymous visitor, a member outside the group, a member who asked but was not
let in yet, an approved group member, a group manager and a community moderator (who is in no
group but may read and moderate group content). Only the last three ever see it.
"""

import json

import pytest
from django.urls import reverse

from community import groups, notifications, posting
from community.models import GroupMembership
from community.viewer import Viewer
from tests.factories import MemberFactory

from .group_world import CATEGORY_NAME, READERS, ROLES, SECRET_TITLE, SECRET_WORD, join, make_group_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_group_world()


def shows_secret(response):
    content = response.content.decode()
    return SECRET_TITLE in content or SECRET_WORD in content


# --- The permission matrix -----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_category_list(world, client, role):
    response = world.login(client, role).get(reverse("community:categories"))
    assert response.status_code == 200
    assert (CATEGORY_NAME in response.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["category", "topic"])
def test_category_and_topic_pages(world, client, role, page):
    url = world.category.get_absolute_url() if page == "category" else world.topic.get_absolute_url()
    response = world.login(client, role).get(url)
    if role in READERS:
        assert response.status_code == 200
        assert SECRET_TITLE in response.content.decode()
    elif role == "anonymous":  # log in first; the page itself says nothing
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:  # it does not exist for them: 404, not a 403 that names it
        assert response.status_code == 404
        assert not shows_secret(response) and CATEGORY_NAME not in response.content.decode()


@pytest.mark.parametrize("role", ["outsider", "requested"])
def test_outsiders_cannot_post_follow_or_start_topics_in_a_group(world, client, role):
    world.login(client, role)
    topic, category = world.topic, world.category
    assert client.get(reverse("community:new_topic", args=[category.slug])).status_code == 404
    new = client.post(reverse("community:new_topic", args=[category.slug]), {"title": "Binnendringen", "body": "Hallo"})
    assert new.status_code == 404
    assert client.post(reverse("community:reply", args=[topic.pk]), {"body": "Ik lees mee"}).status_code == 404
    assert client.post(reverse("community:subscription", args=[topic.pk])).status_code == 404
    assert not topic.posts.filter(body="Ik lees mee").exists()
    assert not topic.subscriptions.filter(user=world.users[role]).exists()
    # The services refuse as well, whatever view calls them.
    with pytest.raises(posting.PostingRefused):
        posting.reply(world.users[role], topic, "Toch via de service")
    with pytest.raises(posting.PostingRefused):
        posting.start_topic(world.users[role], category, "Via de service", "Tekst")


def test_group_members_post_and_reply(world, client):
    world.login(client, "group_member")
    response = client.post(
        reverse("community:new_topic", args=[world.category.slug]), {"title": "Planning", "body": "Wie doet wat?"}
    )
    assert response.status_code == 302
    assert client.post(reverse("community:reply", args=[world.topic.pk]), {"body": "Eens."}).status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_group_page_shows_discussions_to_members_only(world, client, role):
    response = world.login(client, role).get(world.group.get_absolute_url())
    assert response.status_code == 200
    assert "Zwaluwgroep" in response.content.decode()  # that the group exists is no secret
    assert (SECRET_TITLE in response.content.decode()) == (role in READERS)
    assert (CATEGORY_NAME in response.content.decode()) == (role in READERS)
    listing = client.get(reverse("community:groups"))
    assert listing.status_code == 200 and "Zwaluwgroep" in listing.content.decode()
    assert not shows_secret(listing) and CATEGORY_NAME not in listing.content.decode()


@pytest.mark.parametrize("role", ["outsider", "requested", "group_member", "manager", "moderator"])
def test_profile_recent_topics(world, client, role):
    author = world.users["group_member"]
    response = world.login(client, role).get(reverse("community:member", args=[author.username]))
    assert response.status_code == 200
    assert (SECRET_TITLE in response.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ["outsider", "requested", "group_member", "manager", "moderator"])
def test_mention_suggestions_carry_no_group_content(world, client, role):
    response = world.login(client, role).get(reverse("community:mention_suggestions"), {"q": "groep"})
    assert response.status_code == 200
    assert not shows_secret(response) and CATEGORY_NAME not in response.content.decode()


def test_notifications_reach_only_those_who_may_read(world):
    """Mentions and subscriptions in a group topic mail readers only (``Viewer.can_read``)."""
    for role in ("outsider", "requested", "manager", "moderator"):
        world.topic.subscriptions.create(user=world.users[role])
    names = " ".join(f"@{world.users[role].username}" for role in ("outsider", "requested", "manager", "moderator"))
    post = posting.reply(world.users["group_member"], world.topic, f"Kijk even mee {names}")
    mailed = {user.username for user, _why in notifications.recipients(post)}
    assert mailed == {world.users["manager"].username, world.users["moderator"].username}


def test_a_removed_member_loses_reading_mail_and_editing_at_once(world, client):
    member, manager = world.users["group_member"], world.users["manager"]
    world.topic.subscriptions.get_or_create(user=member)
    groups.remove(world.group, manager, GroupMembership.objects.get(member=member).pk)
    assert not Viewer(member).can_read(world.topic)
    later = posting.reply(manager, world.topic, "Na het vertrek")
    assert member not in [user for user, _why in notifications.recipients(later)]
    world.login(client, "group_member")
    assert client.get(world.topic.get_absolute_url()).status_code == 404
    assert client.get(reverse("community:edit_post", args=[world.post.pk])).status_code == 403


@pytest.mark.parametrize("url", ["/feeds/nieuws/", "/feeds/documenten/", "/sitemap.xml"])
def test_feeds_and_sitemap_never_list_group_topics(world, client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not shows_secret(response)
    assert world.topic.get_absolute_url() not in response.content.decode()


def test_the_api_says_nothing_of_groups(world, client):
    for url in ("/api/v1/samenwerkingen/", "/api/v1/documenten/", "/samenwerkingen.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert not shows_secret(response) and CATEGORY_NAME not in response.content.decode()


def test_my_data_lists_memberships_and_own_posts_only(world, client):
    outsider = world.login(client, "outsider").get(reverse("community:download_my_data"))
    assert not shows_secret(outsider)
    client.force_login(world.users["group_member"])
    data = json.loads(client.get(reverse("community:download_my_data")).content)
    assert data["groups"] == [
        {"group": "Zwaluwgroep", "role": "member", "status": "approved", "asked": data["groups"][0]["asked"]}
    ]
    assert SECRET_TITLE in [topic["title"] for topic in data["topics_started"]]  # their own words


def test_the_viewer_reads_its_groups_once(world, django_assert_num_queries):
    viewer = Viewer(world.users["group_member"])
    assert viewer.member and not viewer.moderator  # the roles: asked before counting
    with django_assert_num_queries(1):  # the viewer's groups, whatever is asked after
        assert viewer.can_read(world.topic) and viewer.can_read_category(world.category)
        assert viewer.in_group(world.group.pk) and not viewer.manages(world.group.pk)
        readable = viewer.readable_topics(type(world.topic).objects.all())
    assert world.topic in readable
    unverified = MemberFactory(verified=False)
    join(world.group, unverified)
    assert not Viewer(unverified).can_read(world.topic)  # an approved row is not enough: a member


def test_the_demo_group_is_linked_from_its_collaboration(client):
    from community.models import Group

    group = Group.objects.get(slug="bel-combinatie")
    assert group.collaboration.short_name == "BEL"
    assert group.categories.get().access == "group"
    assert group.memberships.get().is_manager
    response = client.get("/samenwerkingen/bel-combinatie/")
    assert response.status_code == 200
    assert f'href="{group.get_absolute_url()}"' in response.content.decode()
