"""Mentions people can use (issue #16): every member's @name is on their profile and posts,
the message box suggests members after "@" (a JSON endpoint with the directory's rules), the
preview says which @names match nobody, and quoting a post mails nobody named in the quote."""

import re
from html import unescape

import pytest
from django.core.cache import caches
from django.urls import reverse

from community import posting
from community.models import MemberProfile, Post, ProfileVisibility
from tests.factories import MemberFactory

SUGGEST = "community:mention_suggestions"


@pytest.fixture(autouse=True)
def fresh_counters(db):
    caches["default"].clear()  # the rate-limit counters


@pytest.fixture
def peter(db):
    # Not a demo member's name (the test database holds the demo's Peter, Marieke and Sandra).
    user = MemberFactory(username="pim.van-dijk", first_name="Pim", last_name="van Dijk")
    MemberProfile.objects.create(user=user, function="concerncontroller", organisation="BAR-organisatie")
    return user


def suggested(client, typed):
    response = client.get(reverse(SUGGEST), {"q": typed})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    return [member["username"] for member in response.json()["members"]]


# --- The @name is shown ------------------------------------------------------------------
def test_the_profile_and_the_posts_show_the_members_mention_name(client, member, other_member, peter, public_category):
    topic = posting.start_topic(peter, public_category, "Verrekenen", "Hoe doen jullie dat?")
    client.force_login(member)
    profile = client.get(reverse("community:member", args=[peter.username])).content.decode()
    assert re.search(r'class="kp-handle[^"]*">[^<]*<strong>@pim\.van-dijk</strong>', profile)
    page = client.get(topic.get_absolute_url()).content.decode()
    meta = re.search(r'<header class="kp-post__meta">(.*?)</header>', page, re.S).group(1)
    assert '<span class="kp-handle">@pim.van-dijk</span>' in meta
    directory = client.get(reverse("community:directory")).content.decode()
    assert '<span class="kp-handle">@pim.van-dijk</span>' in directory
    client.logout()  # the @name is a tool for members; visitors see names only
    assert "kp-handle" not in client.get(topic.get_absolute_url()).content.decode()


def test_a_username_that_cannot_be_mentioned_shows_no_mention_name(client, member):
    short = MemberFactory(username="xo", first_name="Xo")  # two letters: a post would not read "@xo" as a mention
    MemberProfile.objects.create(user=short)
    client.force_login(member)
    assert "kp-handle" not in client.get(reverse("community:member", args=["xo"])).content.decode()
    assert suggested(client, "xo") == []


# --- Suggestions while typing ------------------------------------------------------------
def test_suggestions_are_the_directorys_members_whose_name_starts_so(client, member, peter):
    MemberProfile.objects.create(user=member)
    hidden = MemberFactory(username="pien", first_name="Pien", last_name="Verborgen")
    MemberProfile.objects.create(user=hidden, visibility=ProfileVisibility.HIDDEN)
    unverified = MemberFactory(username="pieter", verified=False, first_name="Pieter")
    MemberProfile.objects.create(user=unverified)
    gone = MemberFactory(username="pim", first_name="Pim", is_active=False)
    MemberProfile.objects.create(user=gone)
    client.force_login(member)
    response = client.get(reverse(SUGGEST), {"q": "Pi"})
    assert response.json() == {
        "members": [
            {"username": "pim.van-dijk", "name": "Pim van Dijk", "detail": "concerncontroller, BAR-organisatie"},
        ]
    }
    assert "private" in response["Cache-Control"]
    # By first name, last name (also its second word), username and a part of it after "-" or ".".
    for typed in ("pim", "@Pim", "va", "dijk", "pim.v", "van-d"):
        assert suggested(client, typed) == ["pim.van-dijk"], typed
    assert suggested(client, "anna") == []  # never the writer themself
    assert suggested(client, "ijk") == []  # the middle of a word is not a start


def test_moderators_may_also_mention_members_with_hidden_profiles(client, moderator):
    hidden = MemberFactory(username="pien", first_name="Pien")
    MemberProfile.objects.create(user=hidden, visibility=ProfileVisibility.HIDDEN)
    client.force_login(moderator)
    assert suggested(client, "pie") == ["pien"]
    client.force_login(MemberFactory(username="lid"))
    assert suggested(client, "pie") == []


def test_at_most_eight_suggestions_in_name_order(client, member):
    for index in range(12):
        user = MemberFactory(username=f"lid{index:02d}", first_name=f"Lid {index:02d}")
        MemberProfile.objects.create(user=user)
    client.force_login(member)
    assert suggested(client, "li") == [f"lid{index:02d}" for index in range(8)]


@pytest.mark.parametrize("typed", ["", "@", " ", "\x00", "pe\x00", "x" * 5000, "%", "_", "' OR 1=1 --", "１２"])
def test_junk_gives_no_suggestions_and_no_error(client, member, peter, typed):
    client.force_login(member)
    assert suggested(client, typed) == []


def test_suggestions_are_for_members_only_and_rate_limited(client, member, peter, monkeypatch):
    assert client.get(reverse(SUGGEST), {"q": "pe"}).status_code == 302  # to the login
    client.force_login(MemberFactory(username="nieuw", verified=False))
    assert client.get(reverse(SUGGEST), {"q": "pe"}).status_code == 403
    client.force_login(member)
    assert client.post(reverse(SUGGEST), {"q": "pe"}).status_code == 405
    monkeypatch.setattr("community.views.directory.MENTION_SUGGESTIONS_PER_MINUTE", 3)
    assert [client.get(reverse(SUGGEST), {"q": "pe"}).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_message_box_carries_what_the_suggestions_script_needs(client, member, public_category):
    client.force_login(member)
    html = client.get(reverse("community:new_topic", args=[public_category.slug])).content.decode()
    textarea = re.search(r"<textarea[^>]*>", html).group(0)
    assert f'data-mention-url="{reverse(SUGGEST)}"' in textarea
    assert re.search(r'<script src="[^"]*js/mentions(\.[0-9a-f]+)?\.js" defer>', html)


# --- The preview ---------------------------------------------------------------------------
def test_preview_of_a_new_topic_renders_it_names_unknown_mentions_and_saves_nothing(
    client, member, peter, public_category
):
    client.force_login(member)
    body = "Wat denkt **@pim.van-dijk** ervan? En @Pieterjan? En @pim.van-dijk nog eens."
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]),
        {"title": "Verrekenen", "body": body, "voorbeeld": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and not public_category.topics.exists()
    preview = re.search(r'<section class="kp-preview".*?</section>', html, re.S).group(0)
    rendered = re.search(
        r'<div class="utrecht-rich-text kp-post__body kp-preview__body">(.*?)</div>', preview, re.S
    ).group(1)
    assert rendered.strip() == posting.render_body(body).strip()  # the same renderer as posting
    unknown = re.search(r'class="kp-alert kp-alert--warning kp-preview__unknown".*?</div>', preview, re.S).group(0)
    assert "<strong>@pieterjan</strong>" in unknown and "pim.van-dijk" not in unknown
    assert "Wat denkt **@pim.van-dijk** ervan?" in re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    # Posting it for real needs the other button.
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]), {"title": "Verrekenen", "body": body}
    )
    assert response.status_code == 302 and public_category.topics.count() == 1


def test_preview_without_unknown_names_has_no_warning(client, member, peter, public_category):
    client.force_login(member)
    html = client.post(
        reverse("community:new_topic", args=[public_category.slug]),
        {"title": "T", "body": "Dank @pim.van-dijk", "voorbeeld": "1"},
    ).content.decode()
    assert "kp-preview__body" in html and "kp-preview__unknown" not in html


def test_preview_of_a_reply_and_of_an_edit_saves_nothing(
    client, member, other_member, public_category, mailoutbox, django_capture_on_commit_callbacks
):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Eerste bericht")
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("community:reply", args=[topic.pk]), {"body": "Eens, @anna en @niemand", "voorbeeld": "1"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and topic.posts.count() == 1 and mailoutbox == []
    # In the reply section, under its heading, above the form that keeps the text.
    assert (
        html.index('id="reply-heading"')
        < html.index('<h3 class="utrecht-heading-3" id="voorbeeld-kop">')
        < html.index("Eens, @anna en @niemand</textarea>")
    )
    assert "<strong>@niemand</strong>" in html and "@anna</strong>" not in html

    post = posting.reply(other_member, topic, "Eerste versie")
    response = client.post(
        reverse("community:edit_post", args=[post.pk]), {"body": "Tweede *versie*", "voorbeeld": "1"}
    )
    assert response.status_code == 200 and "<em>versie</em>" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "Eerste versie" and post.edited_at is None


def test_preview_says_when_there_are_too_many_mentions(client, member, public_category, settings):
    settings.COMMUNITY_MAX_MENTIONS_PER_POST = 2
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]),
        {"title": "T", "body": "@een @twee @drie", "voorbeeld": "1"},
    )
    assert response.status_code == 200
    preview = re.search(r'<section class="kp-preview".*?</section>', response.content.decode(), re.S).group(0)
    assert posting.preview("@een @twee @drie").problem in preview


def test_an_empty_preview_shows_the_form_errors(client, member, public_category):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]), {"title": "", "body": "", "voorbeeld": "1"}
    )
    assert response.status_code == 400 and "kp-preview" not in response.content.decode()


# --- Quoting ---------------------------------------------------------------------------------
def test_quoting_a_post_does_not_mail_the_members_named_in_the_quote(
    client, member, other_member, public_category, mailoutbox, django_capture_on_commit_callbacks
):
    sandra = MemberFactory(username="sandra.t", first_name="Sandra")
    peter = MemberFactory(username="peter.t", first_name="Peter")
    starter = MemberFactory(username="starter")
    topic = posting.start_topic(starter, public_category, "Verdeelsleutels", "Wie heeft ervaring?")
    quoted = posting.reply(peter, topic, "Vraag het @sandra.t, zij weet het.")
    # Peter and Sandra follow nothing: only a mention would mail them.
    topic.subscriptions.filter(user__in=[peter, sandra]).delete()
    client.force_login(other_member)
    page = client.get(topic.get_absolute_url(), {"citeer": quoted.pk}).content.decode()
    start = unescape(re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S).group(1))
    assert start.startswith("> **@peter.t**:\n> Vraag het @sandra.t")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:reply", args=[topic.pk]), {"body": start + "Goed idee."})
    assert response.status_code == 302
    reply = Post.objects.filter(topic=topic, author=other_member).get()
    assert reply.body.startswith("> **@peter.t**:")
    assert sorted(m.to[0] for m in mailoutbox) == [starter.email]  # the follower only: no Peter, no Sandra


# --- Wording around posting ------------------------------------------------------------------
def test_the_help_text_explains_formatting_without_the_word_markdown(client, member, public_category):
    client.force_login(member)
    html = client.get(reverse("community:new_topic", args=[public_category.slug])).content.decode()
    assert "Markdown" not in html and "**" in html
    assert re.search(r'<button type="submit" name="voorbeeld" value="1"', html)


def test_starting_a_topic_and_replying_say_it_was_posted(client, member, public_category):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]),
        {"title": "Onderwerp", "body": "Tekst"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert messages and messages[0] in {"Your topic has been posted.", "Uw onderwerp is geplaatst."}
    topic = public_category.topics.get()
    response = client.post(reverse("community:reply", args=[topic.pk]), {"body": "Nog iets"}, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages and messages[0] in {"Your reply has been posted.", "Uw reactie is geplaatst."}


def test_a_categorys_breadcrumb_names_it_once(client, public_category):
    html = client.get(public_category.get_absolute_url()).content.decode()
    trail = re.search(r'<nav class="utrecht-breadcrumb-nav.*?</nav>', html, re.S).group(0)
    assert trail.count(public_category.name) == 1
    assert len(re.findall(r'class="utrecht-breadcrumb-nav__item"', trail)) == 3  # home, discussions, the category
