"""Accepted answers and helpful votes (issue #14, item 4): who may mark a reply as the answer
and who may vote, what the topic page and the topic list show, bad input, double submits and
the page's queries. Search ("beantwoord" on both engines) is in tests/search/test_answered.py,
promoting the accepted answer in tests/cms/test_questions.py."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import answers, moderation
from community.models import HelpfulVote, ModerationAction, Post, Topic
from community.viewer import Viewer
from tests.factories import MemberFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def question(member, other_member, public_category):
    """A question by ``member`` with its opening post and a reply by ``other_member``."""
    topic = TopicFactory(
        category=public_category, author=member, title="Hoe verdelen jullie de kosten?", is_question=True
    )
    PostFactory(topic=topic, author=member, body="Welke verdeelsleutel gebruiken jullie?")
    PostFactory(topic=topic, author=other_member, body="Wij verdelen naar inwoneraantal.")
    return topic


def opening(topic):
    return topic.posts.order_by("created_at", "pk").first()


def answer(topic):
    return topic.posts.order_by("created_at", "pk")[1]


def mark_url(post):
    return reverse("community:mark_answer", args=[post.pk])


def vote_url(post):
    return reverse("community:vote_helpful", args=[post.pk])


def accepted_id(topic):
    return Topic.objects.values_list("accepted_answer_id", flat=True).get(pk=topic.pk)


# --- asking a question ----------------------------------------------------------------------


def test_a_member_starts_a_topic_as_a_question(client, member, public_category):
    client.force_login(member)
    response = client.post(
        reverse("community:new_topic", args=[public_category.slug]),
        {"title": "Wie heeft ervaring met een DVO?", "body": "Graag jullie tips.", "is_question": "on"},
    )
    topic = Topic.objects.get(title="Wie heeft ervaring met een DVO?")
    assert response.status_code == 302 and topic.is_question
    client.post(reverse("community:new_topic", args=[public_category.slug]), {"title": "Mededeling", "body": "Tekst"})
    assert not Topic.objects.get(title="Mededeling").is_question


def test_the_author_and_a_moderator_switch_the_question_others_cannot(client, question, other_member, moderator):
    url = reverse("community:set_question", args=[question.pk])
    client.force_login(other_member)
    assert client.post(url, {"is_question": "0"}).status_code == 403
    assert client.post(url, {"is_question": "x"}).status_code == 400
    client.force_login(moderator)
    Topic.objects.filter(pk=question.pk).update(accepted_answer=answer(question))
    assert client.post(url, {"is_question": "0"}).status_code == 302
    question.refresh_from_db()
    assert not question.is_question and question.accepted_answer_id is None  # off forgets the answer
    client.force_login(question.author)
    client.post(url, {"is_question": "1"})
    client.post(url, {"is_question": "1"})  # a double submit changes nothing more
    question.refresh_from_db()
    assert question.is_question
    assert client.post(reverse("community:set_question", args=[999999]), {"is_question": "1"}).status_code == 404


# --- marking the answer ---------------------------------------------------------------------


def test_the_author_marks_a_reply_and_the_page_shows_it_under_the_question(client, question):
    reply = answer(question)
    client.force_login(question.author)
    page = soup(client.get(question.get_absolute_url()))
    assert page.select(f'form[action="{mark_url(reply)}"] button')
    assert not page.select(f'form[action="{mark_url(opening(question))}"]')  # the question itself

    response = client.post(mark_url(reply), {"mark": "1"})
    assert response.status_code == 302 and response["Location"].endswith(f"#bericht-{reply.pk}")
    assert accepted_id(question) == reply.pk
    assert not ModerationAction.objects.exists()  # the author's own choice is not moderation

    client.logout()
    page = soup(client.get(question.get_absolute_url()))
    box = page.select_one(f"#bericht-{opening(question).pk} #antwoord")  # right under the question
    assert box is not None and "inwoneraantal" in box.get_text()
    assert page.select_one(f"#bericht-{reply.pk} .kp-badge--answered")
    assert page.select_one(".kp-question-state .kp-badge--answered")
    assert not page.select(f'form[action="{mark_url(reply)}"]')  # visitors get no buttons


def test_a_moderator_marks_and_unmarks_and_both_are_logged(client, question, moderator):
    reply = answer(question)
    client.force_login(moderator)
    client.post(mark_url(reply), {"mark": "1"})
    client.post(mark_url(reply), {"mark": "1"})  # a double submit: one mark, one log entry
    assert accepted_id(question) == reply.pk
    assert list(ModerationAction.objects.values_list("kind", "post_id", "topic_id")) == [
        (ModerationAction.Kind.ACCEPT, reply.pk, question.pk)
    ]
    client.post(mark_url(reply), {"mark": "0"})
    client.post(mark_url(reply), {"mark": "0"})
    assert accepted_id(question) is None
    assert ModerationAction.objects.filter(kind=ModerationAction.Kind.UNACCEPT).count() == 1


def test_the_mark_can_move_to_another_reply(client, question, moderator):
    first = answer(question)
    second = PostFactory(topic=question, author=moderator, body="Of naar gebruik.")
    client.force_login(question.author)
    client.post(mark_url(first), {"mark": "1"})
    client.post(mark_url(second), {"mark": "1"})
    assert accepted_id(question) == second.pk
    client.post(mark_url(first), {"mark": "0"})  # not the answer (any more): nothing changes
    assert accepted_id(question) == second.pk


@pytest.mark.parametrize("who", ["other member", "suspended author", "unverified author"])
def test_others_may_not_mark(client, question, other_member, moderator, who):
    reply = answer(question)
    if who == "other member":
        client.force_login(other_member)
    elif who == "suspended author":
        moderation.suspend(moderator, question.author, "Even pauze")
        client.force_login(question.author)
    else:
        question.author.emailaddress_set.update(verified=False)
        client.force_login(question.author)
    assert not soup(client.get(question.get_absolute_url())).select(f'form[action="{mark_url(reply)}"]')
    assert client.post(mark_url(reply), {"mark": "1"}).status_code == 403
    assert accepted_id(question) is None


def test_visitors_are_sent_to_log_in_and_get_and_bad_ids_are_harmless(client, question, member):
    reply = answer(question)
    response = client.post(mark_url(reply), {"mark": "1"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(member)
    assert client.get(mark_url(reply)).status_code == 405
    assert client.post(reverse("community:mark_answer", args=[999999]), {"mark": "1"}).status_code == 404
    assert client.post(reverse("community:vote_helpful", args=[999999])).status_code == 404
    assert client.post(mark_url(reply), {"mark": "ja"}).status_code == 400
    assert client.post(vote_url(reply), {"helpful": "ja"}).status_code in (400, 403)
    assert client.get("/discussies/bericht/abc/antwoord/").status_code == 404
    assert accepted_id(question) is None


def test_a_topic_that_asks_no_question_gets_no_answer(client, question):
    Topic.objects.filter(pk=question.pk).update(is_question=False)
    client.force_login(question.author)
    assert not soup(client.get(question.get_absolute_url())).select(
        ".kp-post__answer-actions form[action$='/antwoord/']"
    )
    assert client.post(mark_url(answer(question)), {"mark": "1"}).status_code == 403


@pytest.mark.parametrize("case", ["opening post", "hidden reply"])
def test_the_opening_post_and_hidden_replies_are_refused(client, question, moderator, case):
    post = opening(question) if case == "opening post" else answer(question)
    if case == "hidden reply":
        moderation.hide_post(moderator, post, "Off-topic")
    client.force_login(question.author)
    response = client.post(mark_url(post), {"mark": "1"}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert accepted_id(question) is None


def test_a_post_of_another_topic_is_refused(question, moderator):
    elsewhere = PostFactory()
    with pytest.raises(answers.AnswerRefused):
        answers.mark_answer(Viewer(moderator), question, elsewhere)


def test_members_only_and_hidden_topics_stay_closed(client, question, members_category, moderator, other_member):
    reply = answer(question)
    Topic.objects.filter(pk=question.pk).update(category=members_category)
    response = client.post(mark_url(reply), {"mark": "1"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    Topic.objects.filter(pk=question.pk).update(hidden=True)
    client.force_login(question.author)  # hidden: only moderators see it
    assert client.post(mark_url(reply), {"mark": "1"}).status_code == 404
    client.force_login(other_member)
    assert client.post(vote_url(reply), {"helpful": "1"}).status_code == 404
    assert accepted_id(question) is None and not HelpfulVote.objects.filter(post=reply).exists()


def test_a_hidden_accepted_answer_is_no_longer_shown_as_the_answer(client, question, moderator):
    reply = answer(question)
    Topic.objects.filter(pk=question.pk).update(accepted_answer=reply)
    moderation.hide_post(moderator, reply, "Bevat persoonsgegevens")
    page = soup(client.get(question.get_absolute_url()))
    assert not page.select("#antwoord") and not page.select(".kp-badge--answered")
    listing = soup(client.get(question.category.get_absolute_url()))
    assert not listing.select(".kp-badge--answered")


def test_the_topic_list_says_answered(client, question):
    listing = client.get(question.category.get_absolute_url())
    assert not soup(listing).select(".kp-badge--answered")
    Topic.objects.filter(pk=question.pk).update(accepted_answer=answer(question))
    rows = soup(client.get(question.category.get_absolute_url())).select("tbody tr")
    (row,) = [row for row in rows if row.a.get_text() == question.title]
    assert row.select_one(".kp-badge--answered")


# --- helpful votes --------------------------------------------------------------------------


def test_one_vote_per_member_a_second_press_takes_it_back(client, question, moderator):
    reply = answer(question)
    client.force_login(question.author)
    assert client.post(vote_url(reply), {"helpful": "1"}).status_code == 302
    client.post(vote_url(reply), {"helpful": "1"})  # a double submit
    assert HelpfulVote.objects.filter(post=reply).count() == 1
    button = soup(client.get(question.get_absolute_url())).select_one(f'form[action="{vote_url(reply)}"] button')
    assert button["aria-pressed"] == "true" and "(1)" in button.get_text()
    client.post(vote_url(reply), {"helpful": "0"})  # the button now says "take back"
    assert not HelpfulVote.objects.filter(post=reply).exists()
    client.post(vote_url(reply))  # no value: a toggle
    client.force_login(moderator)
    client.post(vote_url(reply))
    assert HelpfulVote.objects.filter(post=reply).count() == 2


def test_counts_are_shown_to_everyone(client, question, moderator):
    reply = answer(question)
    answers.vote_helpful(Viewer(question.author), reply)
    answers.vote_helpful(Viewer(moderator), reply)
    page = soup(client.get(question.get_absolute_url()))
    assert not page.select(f'form[action="{vote_url(reply)}"]')  # visitors cannot vote
    assert "2" in page.select_one(f"#bericht-{reply.pk} .kp-helpful-count").get_text()


@pytest.mark.parametrize("who", ["own post", "suspended", "unverified"])
def test_no_vote_on_your_own_post_nor_by_who_may_not_post(client, question, other_member, moderator, who):
    reply = answer(question)  # other_member's
    voter = other_member if who == "own post" else question.author
    if who == "suspended":
        moderation.suspend(moderator, voter, "Even pauze")
    elif who == "unverified":
        voter.emailaddress_set.update(verified=False)
    client.force_login(voter)
    assert not soup(client.get(question.get_absolute_url())).select(f'form[action="{vote_url(reply)}"]')
    assert client.post(vote_url(reply), {"helpful": "1"}).status_code == 403
    assert not HelpfulVote.objects.filter(post=reply).exists()


def test_a_members_votes_are_in_their_data_and_go_with_their_account(question, other_member):
    from community.privacy import delete_account, export_member_data

    answers.vote_helpful(Viewer(question.author), answer(question))
    (vote,) = export_member_data(question.author)["helpful_votes"]
    assert vote["topic"] == question.title and vote["post_id"] == answer(question).pk
    author_id = question.author.pk
    delete_account(question.author)
    assert not HelpfulVote.objects.filter(member_id=author_id).exists()


def test_votes_on_hidden_posts_are_refused(client, question, moderator):
    reply = answer(question)
    moderation.hide_post(moderator, reply, "Spam")
    client.force_login(question.author)
    assert client.post(vote_url(reply), {"helpful": "1"}).status_code == 403


# --- queries --------------------------------------------------------------------------------


def _queries(client, topic):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(topic.get_absolute_url()).status_code == 200
    return len(captured)


def _answered_question(category, authors, count):
    topic = TopicFactory(category=category, author=authors[0], is_question=True)
    posts = [PostFactory(topic=topic, author=authors[number % len(authors)]) for number in range(count)]
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=posts[1])
    voters = [MemberFactory() for _ in range(3)]
    HelpfulVote.objects.bulk_create(HelpfulVote(post=post, member=voter) for post in posts for voter in voters)
    return Topic.objects.get(pk=topic.pk)


@pytest.mark.parametrize("who", ["visitor", "member", "author", "moderator"])
def test_votes_and_the_answer_cost_no_query_per_post(client, who, member, other_member, moderator, public_category):
    authors = [member, other_member]
    few, many = _answered_question(public_category, authors, 5), _answered_question(public_category, authors, 20)
    if who != "visitor":
        client.force_login({"member": other_member, "author": member, "moderator": moderator}[who])
    for post in Post.objects.filter(topic__in=[few, many], author=member):
        if who == "member":
            answers.vote_helpful(Viewer(other_member), post)
    _queries(client, few)
    assert _queries(client, many) == _queries(client, few)
