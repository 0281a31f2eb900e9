"""One group with a closed category, a topic in it and a viewer of every kind, for the
permission matrix (tests/community/test_groups.py and the search privacy tests).

The topic's title and its post's words are unlike anything in the demo, so a test can look
for them anywhere (pages, feeds, search) and know that finding them means a leak.
"""

from dataclasses import dataclass

from community.models import CategoryAccess, Group, GroupMembership
from tests.factories import CategoryFactory, MemberFactory, PostFactory, TopicFactory

SECRET_TITLE = "Reorganisatie afdeling zwaluwstaart"
SECRET_WORD = "zwaluwstaartplan"
CATEGORY_NAME = "Zwaluwgroep intern overleg"

# Who reads the group's content: approved members, its managers and community moderators.
READERS = {"group_member", "manager", "moderator"}
ROLES = ["anonymous", "outsider", "requested", "group_member", "manager", "moderator"]


@dataclass
class GroupWorld:
    group: Group
    category: object
    topic: object
    post: object
    users: dict

    def login(self, client, role):
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def join(group, user, role=GroupMembership.Role.MEMBER, status=GroupMembership.Status.APPROVED):
    return GroupMembership.objects.create(group=group, member=user, role=role, status=status)


def make_group_world():
    group = Group.objects.create(name="Zwaluwgroep", slug="zwaluwgroep", description="Voor de zwaluwen.")
    category = CategoryFactory(name=CATEGORY_NAME, slug="zwaluwgroep-intern", access=CategoryAccess.GROUP, group=group)
    users = {
        "outsider": MemberFactory(username="buitenstaander", with_profile=True),
        "requested": MemberFactory(username="aanvrager", with_profile=True),
        "group_member": MemberFactory(username="groepslid", with_profile=True),
        "manager": MemberFactory(username="beheerder", with_profile=True),
        "moderator": MemberFactory(username="moderatorx", groups=["Moderators"], with_profile=True),
    }
    join(group, users["requested"], status=GroupMembership.Status.REQUESTED)
    join(group, users["group_member"])
    join(group, users["manager"], role=GroupMembership.Role.MANAGER)
    topic = TopicFactory(category=category, title=SECRET_TITLE, author=users["group_member"])
    post = PostFactory(topic=topic, author=users["group_member"], body=f"Het {SECRET_WORD} voor de afdeling.")
    return GroupWorld(group, category, topic, post, users)
