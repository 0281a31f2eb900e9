"""The members' directory, profile pages and photos: verified members only, nothing written on
a GET, photos under random names served through a checked view (never by nginx), and no
photo file outliving its profile."""

import importlib
import io
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community import moderation, posting
from community.models import Flag, MemberProfile, ProfileVisibility
from tests.factories import PASSWORD, MemberFactory, UserFactory

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
RANDOM_NAME = re.compile(r"^avatars/[0-9a-f]{32}\.jpg$")


def photo(colour="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return SimpleUploadedFile("mijn-foto.png", buffer.getvalue(), "image/png")


def save_profile(client, **data):
    fields = {"first_name": "Anna", "last_name": "de Vries", "visibility": ProfileVisibility.MEMBERS, **data}
    return client.post(reverse("community:edit_profile"), fields)


def stored(name):
    return default_storage.exists(name)


# --- Directory and profile pages ---------------------------------------------------------
def test_only_verified_members_are_in_the_directory_and_have_a_profile_page(client, member, other_member):
    MemberProfile.objects.create(user=other_member, function="griffier")
    unverified = MemberFactory(username="onbevestigd", verified=False, first_name="Onbevestigd")
    MemberProfile.objects.create(user=unverified, function="spammer")
    client.force_login(member)
    html = client.get(reverse("community:directory")).content.decode()
    assert "griffier" in html and "Onbevestigd" not in html
    assert client.get(reverse("community:member", args=["bert"])).status_code == 200
    assert client.get(reverse("community:member", args=["onbevestigd"])).status_code == 404


def test_opening_a_profile_writes_nothing_and_staff_are_not_listed(client, member):
    staff = UserFactory(
        username="beheerder", email="beheer@example.org", is_staff=True, is_superuser=True, first_name="Beheer"
    )
    client.force_login(member)
    assert client.get(reverse("community:member", args=["beheerder"])).status_code == 404
    assert client.get(reverse("community:edit_profile")).status_code == 200
    assert not MemberProfile.objects.filter(user__in=[staff, member]).exists()
    assert "Beheer" not in client.get(reverse("community:directory")).content.decode()


def test_a_suspended_member_cannot_report_posts(client, member, other_member, moderator, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    post = topic.posts.get()
    moderation.suspend(moderator, other_member, "Herhaald melden")
    client.force_login(other_member)
    assert reverse("community:flag_post", args=[post.pk]) not in client.get(topic.get_absolute_url()).content.decode()
    assert client.post(reverse("community:flag_post", args=[post.pk]), {"reason": "spam"}).status_code == 403
    assert not Flag.objects.exists()


# --- Photos --------------------------------------------------------------------------------
def test_a_photo_gets_a_random_name_and_replacing_or_clearing_removes_the_old_file(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        assert save_profile(client, avatar=photo("red")).status_code == 302
    first = MemberProfile.objects.get(user=member).avatar.name
    assert RANDOM_NAME.match(first) and stored(first)
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, avatar=photo("blue"))
    second = MemberProfile.objects.get(user=member).avatar.name
    assert RANDOM_NAME.match(second) and second != first
    assert stored(second) and not stored(first)
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, **{"avatar-clear": "on"})
    assert not MemberProfile.objects.get(user=member).avatar and not stored(second)


def test_deleting_the_account_removes_the_photo(client, member, django_capture_on_commit_callbacks):
    client.force_login(member)
    save_profile(client, avatar=photo())
    name = MemberProfile.objects.get(user=member).avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:my_data"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and not stored(name)


@pytest.fixture
def anna_with_photo(client, member):
    client.force_login(member)
    save_profile(client, avatar=photo())
    client.logout()
    return MemberProfile.objects.get(user=member)


def test_photos_are_served_only_to_those_who_may_see_the_profile(client, anna_with_photo, other_member, moderator):
    profile = anna_with_photo
    url = reverse("community:member_photo", args=["anna"])
    assert client.get(url).status_code == 302 and "/account/login/" in client.get(url)["Location"]
    client.force_login(MemberFactory(username="onbevestigd", verified=False))
    assert client.get(url).status_code == 404
    client.force_login(other_member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    page = client.get(reverse("community:member", args=["anna"])).content.decode()
    assert profile.avatar_url in page and "/media/avatars/" not in page
    profile.visibility = ProfileVisibility.HIDDEN
    profile.save()
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    client.force_login(profile.user)
    assert client.get(url).status_code == 200
    form = client.get(reverse("community:edit_profile")).content.decode()
    assert profile.avatar_url in form and "/media/avatars/" not in form


@pytest.mark.parametrize("config", ["nginx.conf.example", "nginx/compose.conf.template"])
def test_nginx_never_serves_photos(config):
    text = (DEPLOY / config).read_text()
    block = re.search(r"location \^~ /media/avatars/ \{(.*?)\}", text, re.S)
    assert block and block.group(1).strip() == "return 404;"
    served = re.findall(r"^\s*(?:alias|root)\s+(\S+);", text, re.M)
    assert not any("avatars" in path or path.rstrip("/").endswith("media") for path in served)


def test_photos_stored_under_guessable_names_are_renamed(member, django_capture_on_commit_callbacks):
    old = default_storage.save("avatars/avatar.jpg", ContentFile(b"\xff\xd8 oude foto"))
    MemberProfile.objects.create(user=member, avatar=old)
    migration = importlib.import_module("community.migrations.0006_avatar_random_names")
    with django_capture_on_commit_callbacks(execute=True):
        migration.rename_existing_photos(django_apps, None)
    new = MemberProfile.objects.get(user=member).avatar.name
    assert RANDOM_NAME.match(new) and not stored(old)
    with default_storage.open(new) as renamed:
        assert renamed.read() == b"\xff\xd8 oude foto"
    assert Path(django_settings.MEDIA_ROOT, new).is_file()
