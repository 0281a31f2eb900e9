"""Running a group: members ask to join (managers get a mail), managers approve (the member
gets a mail), decline, remove, appoint and demote; the last manager stays; nobody else may do
any of it; bad addresses and double submits do no harm."""

import pytest
from django.core import mail
from django.urls import reverse

from community import groups
from community.models import GroupMembership
from tests.factories import MemberFactory

from .group_world import make_group_world

pytestmark = pytest.mark.django_db
Status, Role = GroupMembership.Status, GroupMembership.Role


@pytest.fixture
def world(db):
    return make_group_world()


def manage(client, world, action, membership):
    pk = membership if isinstance(membership, (int, str)) else membership.pk
    return client.post(reverse("community:group_manage", args=[world.group.slug]), {"action": action, "membership": pk})


def membership(world, role):
    return GroupMembership.objects.get(group=world.group, member=world.users[role])


def test_asking_twice_mails_the_managers_once(world, client, django_capture_on_commit_callbacks):
    world.login(client, "outsider")
    url = reverse("community:group_join", args=[world.group.slug])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
        assert client.post(url).status_code == 302
    asked = GroupMembership.objects.get(group=world.group, member=world.users["outsider"])
    assert asked.status == Status.REQUESTED and asked.role == Role.MEMBER
    assert [m.to for m in mail.outbox] == [[world.users["manager"].email]]
    assert reverse("community:group_manage", args=[world.group.slug]) in mail.outbox[0].body


def test_only_members_ask(world, client):
    unverified = MemberFactory(verified=False)
    client.force_login(unverified)
    assert client.post(reverse("community:group_join", args=[world.group.slug])).status_code == 302
    assert not GroupMembership.objects.filter(member=unverified).exists()
    client.logout()
    response = client.post(reverse("community:group_join", args=[world.group.slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    with pytest.raises(groups.GroupRefused):
        groups.request_to_join(world.group, unverified)


def test_approving_lets_in_and_mails_once(world, client, django_capture_on_commit_callbacks):
    world.login(client, "manager")
    asked = membership(world, "requested")
    with django_capture_on_commit_callbacks(execute=True):
        assert manage(client, world, "approve", asked).status_code == 302
        assert manage(client, world, "approve", asked).status_code == 302  # double submit
    asked.refresh_from_db()
    assert asked.status == Status.APPROVED and asked.approved_by == world.users["manager"]
    assert [m.to for m in mail.outbox] == [[world.users["requested"].email]]
    client.force_login(world.users["requested"])
    assert client.get(world.topic.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", ["outsider", "requested", "group_member", "moderator"])
@pytest.mark.parametrize("action", list(groups.ACTIONS))
def test_only_managers_manage(world, client, role, action):
    world.login(client, role)
    target = membership(world, "requested" if action in ("approve", "decline") else "group_member")
    assert client.get(reverse("community:group_manage", args=[world.group.slug])).status_code == 403
    assert manage(client, world, action, target).status_code == 403
    before = (target.status, target.role)
    target.refresh_from_db()
    assert (target.status, target.role) == before
    with pytest.raises(groups.PermissionDenied):
        groups.ACTIONS[action](world.group, world.users[role], target.pk)


def test_the_managers_page_needs_a_login(world, client):
    response = client.get(reverse("community:group_manage", args=[world.group.slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_decline_remove_appoint_demote(world, client):
    world.login(client, "manager")
    assert manage(client, world, "decline", membership(world, "requested")).status_code == 302
    assert not GroupMembership.objects.filter(member=world.users["requested"]).exists()
    member = membership(world, "group_member")
    manage(client, world, "appoint", member)
    member.refresh_from_db()
    assert member.is_manager
    manage(client, world, "demote", membership(world, "manager"))  # the other manager remains
    assert not membership(world, "manager").is_manager
    client.force_login(world.users["group_member"])
    manage(client, world, "remove", membership(world, "manager"))
    assert not GroupMembership.objects.filter(member=world.users["manager"]).exists()


def test_a_request_cannot_be_made_manager_and_decline_leaves_members_alone(world):
    manager = world.users["manager"]
    with pytest.raises(groups.GroupRefused):
        groups.appoint(world.group, manager, membership(world, "requested").pk)
    groups.decline(world.group, manager, membership(world, "group_member").pk)
    assert membership(world, "group_member").approved


def test_the_last_manager_stays(world, client):
    only = membership(world, "manager")
    for refuse in (
        lambda: groups.leave(world.group, world.users["manager"]),
        lambda: groups.demote(world.group, world.users["manager"], only.pk),
        lambda: groups.remove(world.group, world.users["manager"], only.pk),
    ):
        with pytest.raises(groups.GroupRefused):
            refuse()
    world.login(client, "manager")
    assert client.post(reverse("community:group_leave", args=[world.group.slug])).status_code == 302
    assert manage(client, world, "demote", only).status_code == 302
    assert membership(world, "manager").is_manager


def test_leaving_and_withdrawing(world, client):
    for role in ("group_member", "requested"):
        world.login(client, role)
        for _twice in range(2):
            assert client.post(reverse("community:group_leave", args=[world.group.slug])).status_code == 302
        assert not GroupMembership.objects.filter(member=world.users[role]).exists()
        assert client.get(world.topic.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/groepen/bestaat-niet/",
        "/groepen/bestaat-niet/beheer/",
        "/groepen/%F0%9F%98%80/",
        "/groepen/bestaat-niet/aanvragen/",
        "/groepen/bestaat-niet/verlaten/",
    ],
)
def test_unknown_groups_are_404(world, client, url):
    client.force_login(world.users["manager"])
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code == 404


@pytest.mark.parametrize(
    "action, membership_id",
    [("approve", "abc"), ("approve", "-1"), ("approve", "99999999999999999999999"), ("explode", "1"), ("", "")],
)
def test_bad_manage_input_is_404(world, client, action, membership_id):
    world.login(client, "manager")
    assert manage(client, world, action, membership_id).status_code == 404


def test_memberships_of_another_group_are_out_of_reach(world, client):
    from community.models import Group

    other = Group.objects.create(name="Andere groep", slug="andere-groep")
    stranger = GroupMembership.objects.create(group=other, member=MemberFactory(), status=Status.REQUESTED)
    world.login(client, "manager")
    response = manage(client, world, "approve", stranger)
    assert response.status_code == 302  # "already handled": nothing of this group by that id
    stranger.refresh_from_db()
    assert stranger.status == Status.REQUESTED


def test_join_and_leave_want_post(world, client):
    world.login(client, "outsider")
    assert client.get(reverse("community:group_join", args=[world.group.slug])).status_code == 405
    assert client.get(reverse("community:group_leave", args=[world.group.slug])).status_code == 405


def test_editors_create_groups_and_group_categories_in_wagtail(world, editor_client):
    for url in (
        "/admin/snippets/community/group/",
        "/admin/snippets/community/group/add/",
        "/admin/snippets/community/groupmembership/",
        "/admin/snippets/community/groupmembership/add/",
        f"/admin/snippets/community/category/edit/{world.category.pk}/",
    ):
        assert editor_client.get(url).status_code == 200, url


def test_a_group_category_names_its_group_and_only_it_does(world):
    from django.core.exceptions import ValidationError

    from community.models import CategoryAccess

    category = world.category
    category.group = None
    with pytest.raises(ValidationError):
        category.full_clean()
    category.group, category.access = world.group, CategoryAccess.PUBLIC
    with pytest.raises(ValidationError):
        category.full_clean()
