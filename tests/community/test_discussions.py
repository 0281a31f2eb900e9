"""Discussions: reading by access, posting, quoting, editing, subscriptions and mentions."""

import re

import pytest
from django.urls import reverse

from community import posting
from community.models import NotificationMode, Post, TopicSubscription
from tests.factories import MemberFactory


def test_members_start_a_topic_and_others_reply(
    client, member, other_member, public_category, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=["test-verrekening"]),
        {"title": "Hoe verdelen jullie de ICT-kosten?", "body": "Wij gebruiken **inwoneraantallen**."},
    )
    topic = public_category.topics.get()
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("community:reply", args=[topic.pk]), {"body": "Bij ons per product, @anna."})
    assert response.status_code == 302
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "<strong>inwoneraantallen</strong>" in html
    assert f'href="{reverse("community:member", args=["anna"])}"' in html  # the mention is a link
    assert [m.to for m in mailoutbox] == [[member.email]]  # subscribed as starter and mentioned: one mail
    assert "Bij ons per product" in mailoutbox[0].body
    assert "/discussies/afmelden/" in mailoutbox[0].body and mailoutbox[0].extra_headers["List-Unsubscribe"]


def test_the_unsubscribe_link_works_without_logging_in(
    client, member, other_member, public_category, django_capture_on_commit_callbacks, mailoutbox
):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(other_member, topic, "Antwoord")
    path = re.search(r"https?://[^/]+(/discussies/afmelden/\S+)", mailoutbox[0].body).group(1)
    assert client.get(path).status_code == 200 and TopicSubscription.objects.filter(user=member).exists()
    client.post(path)  # no session, no CSRF token: one-click (RFC 8058)
    assert TopicSubscription.objects.get(user=member, topic=topic).mode == NotificationMode.OFF  # muted
    assert client.get(path[:-3] + "xx/").status_code == 404  # a tampered token: a page saying so


def test_members_only_categories_are_invisible_to_visitors(client, member, members_category, public_category):
    topic = posting.start_topic(member, members_category, "Vertrouwelijk", "Alleen voor leden")
    assert "Besloten overleg (test)" not in client.get(reverse("community:categories")).content.decode()
    assert client.get(topic.get_absolute_url()).status_code == 302  # to the login
    assert client.get(members_category.get_absolute_url()).status_code == 302
    client.force_login(member)
    assert "Alleen voor leden" in client.get(topic.get_absolute_url()).content.decode()


def test_unverified_accounts_cannot_read_members_only_or_post(client, members_category, public_category, member):
    unverified = MemberFactory(username="nieuw", verified=False)
    topic = posting.start_topic(member, members_category, "Vertrouwelijk", "Alleen voor leden")
    client.force_login(unverified)
    assert client.get(topic.get_absolute_url()).status_code == 404
    with pytest.raises(posting.PostingRefused):
        posting.start_topic(unverified, public_category, "Spam", "Koop nu")


def test_quoting_prefills_the_reply(client, member, other_member, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Eerste regel\nTweede regel")
    client.force_login(other_member)
    post = topic.posts.get()
    html = client.get(f"{topic.get_absolute_url()}?citeer={post.pk}").content.decode()
    reply = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    # By username: a full name in a quote would outlive the author's deleted account.
    assert "&gt; **@anna**:" in reply and "&gt; Tweede regel" in reply and "Anna" not in reply


def test_editing_shows_an_edited_mark_and_only_the_author_may(client, member, other_member, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Eerste versie")
    post = topic.posts.get()
    client.force_login(other_member)
    assert client.post(reverse("community:edit_post", args=[post.pk]), {"body": "Gekaapt"}).status_code == 403
    client.force_login(member)
    client.post(reverse("community:edit_post", args=[post.pk]), {"body": "Tweede versie"})
    post.refresh_from_db()
    assert post.body == "Tweede versie" and post.edited_at
    assert "gewijzigd" in client.get(topic.get_absolute_url()).content.decode()


def test_locked_topics_take_no_replies(member, other_member, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Tekst")
    topic.locked = True
    topic.save()
    with pytest.raises(posting.PostingRefused):
        posting.reply(other_member, topic, "Toch nog iets")


def test_new_members_have_limits(public_category, settings):
    settings.COMMUNITY_NEW_MEMBER_POSTS_PER_HOUR = 3
    newcomer = MemberFactory(username="nieuwkomer", joined_days_ago=1)
    with pytest.raises(posting.PostingRefused) as refused:
        posting.start_topic(newcomer, public_category, "Links", "https://a.nl https://b.nl https://c.nl")
    assert "link" in refused.value.message
    topic = posting.start_topic(newcomer, public_category, "Vraag", "Een gewone vraag")
    posting.reply(newcomer, topic, "Aanvulling")
    posting.reply(newcomer, topic, "Nog een aanvulling")
    with pytest.raises(posting.PostingRefused):
        posting.reply(newcomer, topic, "En nog een")
    veteran = MemberFactory(username="veteraan", joined_days_ago=400)
    posting.start_topic(veteran, public_category, "Links", "https://a.nl https://b.nl https://c.nl")


def test_replies_keep_the_newest_activity_first(member, other_member, public_category, client):
    older = posting.start_topic(member, public_category, "Ouder onderwerp", "Tekst")
    posting.start_topic(member, public_category, "Nieuwer onderwerp", "Tekst")
    posting.reply(other_member, older, "Nieuwe activiteit")
    html = client.get(public_category.get_absolute_url()).content.decode()
    assert html.index("Ouder onderwerp") < html.index("Nieuwer onderwerp")


def test_a_deleted_author_leaves_a_readable_thread(client, member, other_member, public_category):
    topic = posting.start_topic(member, public_category, "Onderwerp", "Mijn bijdrage")
    posting.reply(other_member, topic, "Een antwoord")
    member.delete()
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Mijn bijdrage" in html and "verwijderde gebruiker" in html
    assert Post.objects.filter(topic=topic).count() == 2


def test_invalid_input_keeps_the_text(client, member, public_category):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=["test-verrekening"]), {"title": "", "body": "Mijn lange tekst"}
    )
    assert response.status_code == 400
    assert "Mijn lange tekst" in response.content.decode() and "Controleer het formulier" in response.content.decode()


def test_editors_give_a_category_a_collaboration_and_a_theme_in_the_admin(client, editor, public_category):
    from cms.models import Collaboration, Theme

    client.force_login(editor)
    url = reverse("wagtailsnippets_community_category:edit", args=[public_category.pk])
    html = client.get(url).content.decode()
    assert 'name="collaboration"' in html and 'name="theme"' in html
    bar, theme = Collaboration.objects.get(slug="bar-organisatie"), Theme.objects.first()
    response = client.post(
        url,
        {
            "name": public_category.name,
            "slug": public_category.slug,
            "access": "public",
            "collaboration": bar.pk,
            "theme": theme.pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 302
    public_category.refresh_from_db()
    assert public_category.collaboration == bar and public_category.theme == theme
