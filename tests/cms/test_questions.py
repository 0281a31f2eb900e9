"""Questions and answers (/vragen/): pages, filters, JSON-LD, privacy, query budgets, and making the
accepted answer of a discussion question into a draft question."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.models import KnowledgeDocumentPage, QuestionIndexPage, QuestionPage, QuestionSource
from community.models import CategoryAccess, Post, Topic
from tests.factories import CategoryFactory, MemberFactory, PostFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db

INDEX_URL = "/vragen/"
BEL_ROLES = "Hoe verdeelde BEL de rollen van raden, colleges, algemeen en dagelijks bestuur?"
DURATION = "Hoe lang duurde het om de BEL Combinatie te realiseren?"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(response):
    scripts = soup(response).select('script[type="application/ld+json"]')
    return [json.loads(script.string) for script in scripts]


def listed_titles(response):
    return {a.get_text(strip=True) for a in soup(response).select(".kp-list .kp-card__title a")}


def add_question(title="Testvraag", live=True, **fields):
    index = QuestionIndexPage.objects.get()
    slug = f"testvraag-{QuestionPage.objects.count() + 1}"
    page = QuestionPage(title=title, slug=slug, summary="Kort.", live=live, **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return QuestionPage.objects.get(pk=page.pk)


# --- pages ----------------------------------------------------------------------------------


def test_the_overview_lists_the_demo_questions_and_describes_them_as_an_faq_page(client):
    response = client.get(INDEX_URL)
    assert response.status_code == 200
    assert BEL_ROLES in listed_titles(response) and DURATION in listed_titles(response)
    (faq,) = json_ld(response)
    assert faq["@type"] == "FAQPage"
    questions = {entry["name"]: entry for entry in faq["mainEntity"]}
    assert set(questions) == listed_titles(response)
    assert questions[DURATION]["acceptedAnswer"]["text"].startswith("Anderhalf jaar: van juni 2006 tot januari 2008")


def test_the_overview_is_in_the_main_menu(client):
    links = {a["href"] for a in soup(client.get("/")).select(".kp-nav__link")}
    assert INDEX_URL in links


def test_the_overview_filters_by_phase_theme_and_collaboration(client):
    start = listed_titles(client.get(INDEX_URL + "?phase=initieren-en-verkennen"))
    assert DURATION in start and BEL_ROLES not in start
    assert listed_titles(client.get(INDEX_URL + "?theme=financien-verrekening")) == {
        "Wat staat er in het verrekenmodel van de BEL Combinatie?"
    }
    assert BEL_ROLES in listed_titles(
        client.get(INDEX_URL + "?collaboration=bel-combinatie&phase=besluiten-en-inrichten")
    )
    assert not listed_titles(client.get(INDEX_URL + "?collaboration=bar-organisatie"))


@pytest.mark.parametrize("query", ["?phase=bestaat-niet", "?theme=%00", "?phase=a&phase=b", "?page=999", "?page=x"])
def test_bad_filter_values_give_a_page_not_an_error(client, query):
    assert client.get(INDEX_URL + query).status_code == 200


def test_a_question_page_shows_the_answer_its_sources_and_a_qa_page_description(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://kennisplatform.example"
    page = QuestionPage.objects.get(title=BEL_ROLES)
    response = client.get(page.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == BEL_ROLES
    document = KnowledgeDocumentPage.objects.get(title__startswith="De BEL werkt!")
    assert [a["href"] for a in html.select(".kp-sources a")] == [document.url]
    (data,) = json_ld(response)
    assert data["@type"] == "QAPage"
    question = data["mainEntity"]
    assert question["@type"] == "Question" and question["name"] == BEL_ROLES
    assert question["acceptedAnswer"]["@type"] == "Answer"
    assert "geen zeggenschap" in question["acceptedAnswer"]["text"]
    assert "author" not in question["acceptedAnswer"]  # nobody is credited for the demo answers
    assert data["url"].endswith(page.url)


def test_json_ld_cannot_be_broken_out_of(client):
    page = add_question(title="Wat als </script><script>alert(1)</script>?", credited_name="<b>Piet</b>")
    response = client.get(page.url)
    (data,) = json_ld(response)
    assert data["mainEntity"]["name"] == page.title
    assert data["mainEntity"]["acceptedAnswer"]["author"] == {"@type": "Person", "name": "<b>Piet</b>"}
    assert b"<script>alert(1)" not in response.content


def test_sources_to_unpublished_documents_are_left_out(client):
    document = KnowledgeDocumentPage.objects.get(title__startswith="De BEL werkt!")
    page = QuestionPage.objects.get(title=BEL_ROLES)
    QuestionSource.objects.create(page=page, external_url="https://example.org/bron", note="elders")
    document.unpublish()
    hrefs = [a["href"] for a in soup(client.get(page.url)).select(".kp-sources a")]
    assert hrefs == ["https://example.org/bron"]


# --- privacy --------------------------------------------------------------------------------


def test_unpublished_and_private_questions_are_nowhere(client):
    draft = add_question(title="Conceptvraag", live=False)
    private = add_question(title="Besloten vraag")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(INDEX_URL)
    titles = listed_titles(response)
    assert "Conceptvraag" not in titles and "Besloten vraag" not in titles
    faq_names = {entry["name"] for entry in json_ld(response)[0]["mainEntity"]}
    assert "Conceptvraag" not in faq_names and "Besloten vraag" not in faq_names
    assert client.get("/vragen/" + draft.slug + "/").status_code == 404
    assert client.get(private.url).status_code == 302  # to the login page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/vragen/" + draft.slug not in sitemap and private.url not in sitemap
    assert QuestionPage.objects.get(title=DURATION).url in sitemap


# --- query budgets --------------------------------------------------------------------------


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.mark.parametrize("filters", ["", "?phase=besluiten-en-inrichten&theme=governance"])
def test_the_overview_stays_within_its_query_budget(client, no_page_cache, django_assert_max_num_queries, filters):
    tagged = QuestionPage.objects.get(title=BEL_ROLES)
    for number in range(15):  # more questions, each with tags, do not mean more queries
        page = add_question(title=f"Extra vraag {number}", date=tagged.date)
        for name in ("collaborations", "municipalities", "themes", "phases"):
            getattr(page, name).set(getattr(tagged, name).all())
        page.save_revision().publish()
    client.get(INDEX_URL + filters)
    # Measured 22 (24 with two filters, which each look up their value) on 2026-11-26: the
    # site's menu, breadcrumbs and privacy checks plus one query per tag kind and per filter
    # list, however many questions the page shows.
    with django_assert_max_num_queries(24):
        assert client.get(INDEX_URL + filters).status_code == 200


def test_a_question_page_stays_within_its_query_budget(client, no_page_cache, django_assert_max_num_queries):
    url = QuestionPage.objects.get(title="Wat staat er in het verrekenmodel van de BEL Combinatie?").url
    client.get(url)
    # Measured 21 on 2026-11-26: the site's chrome, the tags (one query each), the sources with
    # one privacy check for all of them, and the discussion it came from.
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


# --- from an accepted answer to a draft question --------------------------------------------


@pytest.fixture
def reply():
    """The accepted answer (a reply by a member with a full name) of a question in a public topic."""
    topic = TopicFactory(title="Hoe verdelen jullie de ICT-kosten?", is_question=True)
    PostFactory(topic=topic, author=topic.author, body="Hoe doen jullie dat?")
    author = MemberFactory(first_name="Anna", last_name="de Vries")
    post = PostFactory(topic=topic, author=author, body="Wij verdelen naar **inwoneraantal**. <script>x</script>")
    Topic.objects.filter(pk=topic.pk).update(accepted_answer=post)
    return Post.objects.get(pk=post.pk)


def promote_url(post):
    return reverse("community:promote_post", args=[post.pk])


def test_members_and_visitors_cannot_promote_and_see_no_button(client, reply):
    assert client.post(promote_url(reply)).status_code == 302  # to the login page
    client.force_login(MemberFactory())
    assert client.post(promote_url(reply)).status_code == 403
    page = soup(client.get(reply.topic.get_absolute_url()))
    assert not page.select(f'form[action="{promote_url(reply)}"]')
    assert not QuestionPage.objects.filter(source_post=reply).exists()


def test_an_editor_makes_the_accepted_answer_into_a_draft_question_that_credits_and_links_back(client, reply):
    editor = StaffFactory()
    client.force_login(editor)
    topic_page = soup(client.get(reply.topic.get_absolute_url()))
    assert topic_page.select(f'form[action="{promote_url(reply)}"] button')
    opening = reply.topic.posts.order_by("created_at", "pk").first()
    assert not topic_page.select(f'form[action="{promote_url(opening)}"]')  # the question itself
    assert client.get(promote_url(reply)).status_code == 405

    response = client.post(promote_url(reply))
    question = QuestionPage.objects.get(source_post=reply)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[question.pk])
    assert not question.live and question.has_unpublished_changes
    assert question.title == "Hoe verdelen jullie de ICT-kosten?"
    assert question.question == "Hoe doen jullie dat?"  # the opening post asks it in full
    assert question.credited_name == "Anna de Vries"
    assert question.source_topic == reply.topic
    assert question.get_parent().specific_class is QuestionIndexPage
    answer = str(question.body)
    assert "inwoneraantal" in answer and "<script" not in answer
    assert client.get(response["Location"]).status_code == 200  # Wagtail's editor opens it
    assert question.url not in listed_titles(client.get(INDEX_URL))

    # A double submit opens the same draft.
    again = client.post(promote_url(reply))
    assert again["Location"] == response["Location"]
    assert QuestionPage.objects.filter(source_post=reply).count() == 1


@pytest.mark.parametrize(
    "case",
    ["members-only", "hidden post", "hidden topic", "opening post", "other reply", "answer unmarked", "no question"],
)
def test_refused_replies_get_a_message_and_no_draft(client, reply, case):
    post = reply
    if case == "other reply":  # a reply that is not the accepted answer
        post = PostFactory(topic=reply.topic, body="Wij ook.")
    elif case == "answer unmarked":
        Topic.objects.filter(pk=reply.topic_id).update(accepted_answer=None)
    elif case == "no question":
        Topic.objects.filter(pk=reply.topic_id).update(is_question=False)
    elif case == "members-only":
        category = CategoryFactory(access=CategoryAccess.MEMBERS)
        Topic.objects.filter(pk=reply.topic_id).update(category=category)
    elif case == "hidden post":
        reply.hidden = True
        reply.save()
    elif case == "hidden topic":
        Topic.objects.filter(pk=reply.topic_id).update(hidden=True)
    else:
        post = reply.topic.posts.order_by("created_at", "pk").first()
    client.force_login(StaffFactory())
    response = client.post(promote_url(post), follow=True)
    assert response.status_code in (200, 404)  # back at the topic (404 only if it is hidden)
    assert response.redirect_chain[0][0].endswith(f"#bericht-{post.pk}")
    assert not QuestionPage.objects.filter(source_post=post).exists()
    if case != "hidden topic":
        assert soup(response).select(".kp-messages, [role=alert], .messages") or response.context["messages"]


def test_only_the_accepted_answer_has_the_button(client, reply):
    other = PostFactory(topic=reply.topic, body="Wij ook.")
    client.force_login(StaffFactory())
    page = soup(client.get(reply.topic.get_absolute_url()))
    assert page.select(f'form[action="{promote_url(reply)}"]')
    assert not page.select(f'form[action="{promote_url(other)}"]')
    Topic.objects.filter(pk=reply.topic_id).update(accepted_answer=other)
    page = soup(client.get(reply.topic.get_absolute_url()))
    assert page.select(f'form[action="{promote_url(other)}"]')
    assert not page.select(f'form[action="{promote_url(reply)}"]')


def test_an_unknown_post_is_a_404(client):
    client.force_login(StaffFactory())
    assert client.post(reverse("community:promote_post", args=[999999])).status_code == 404


def test_a_published_question_survives_its_post_and_author_being_deleted(client, reply, no_page_cache):
    client.force_login(StaffFactory())
    client.post(promote_url(reply))
    question = QuestionPage.objects.get(source_post=reply)
    question.save_revision().publish()
    client.logout()
    credit = soup(client.get(question.url)).select_one(".kp-question__credit")
    assert "Anna de Vries" in credit.get_text() and credit.a["href"] == reply.topic.get_absolute_url()

    get_user_model().objects.filter(pk=reply.author_id).delete()
    reply.topic.delete()  # takes the post with it
    question.refresh_from_db()
    assert question.source_post is None and question.source_topic is None
    assert question.credited_name == "Anna de Vries"
    response = client.get(question.url)
    assert response.status_code == 200
    assert not soup(response).select(".kp-question__credit a")
    assert json_ld(response)[0]["mainEntity"]["acceptedAnswer"]["author"]["name"] == "Anna de Vries"


def test_an_editor_without_the_second_factor_is_sent_to_it_first(client, reply, settings):
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(StaffFactory())
    response = client.post(promote_url(reply))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not QuestionPage.objects.filter(source_post=reply).exists()
