"""From a discussion topic to the knowledge item that both search engines search.

Only topics in public categories that moderators have not hidden become items, and only
their visible posts are read, so nothing members-only or hidden can reach search results,
counts or suggestions. Authors are left out: a member's name is theirs to show or not.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator

from community.models import Post, Topic

from .items import complete, plain_text, save_item
from .models import KnowledgeItem

SUMMARY_WORDS = 50


def topics_with_content():
    """Topics with what ``extract_topic`` reads, fetched in a few queries."""
    return Topic.objects.select_related("category__theme", "category__collaboration", "phase").prefetch_related(
        Prefetch(
            "posts", queryset=Post.objects.filter(hidden=False).order_by("created_at", "pk"), to_attr="visible_posts"
        ),
        "category__collaboration__municipalities__successors",
    )


def searchable_topics():
    return topics_with_content().public()


def extract_topic(topic, province_of=None):
    """Field values and tags of a topic from ``topics_with_content``; None when it has no
    visible post left to show."""
    posts = topic.visible_posts
    if not posts:
        return None
    category = topic.category
    collaborations = [category.collaboration] if category.collaboration else []
    fields = {
        "kind": KnowledgeItem.Kind.DISCUSSION,
        "title": topic.title,
        "url": topic.get_absolute_url(),
        # The newest activity: a reply may be saved a moment before its topic's timestamp.
        "date": timezone.localtime(max(topic.last_activity_at, posts[-1].created_at)).date(),
        "summary": Truncator(plain_text(posts[0].body_html)).words(SUMMARY_WORDS),
        "body": plain_text(*(post.body_html for post in posts)),
        "document_type": None,
        # A question with a visible accepted answer: "beantwoord" in the results.
        "answered": topic.is_question and topic.accepted_answer_id in {post.pk for post in posts},
    }
    tags = {
        "collaborations": collaborations,
        "municipalities": [m for c in collaborations for m in c.municipalities.all()],
        "themes": [category.theme] if category.theme else [],
        "phases": [topic.phase] if topic.phase else [],
    }
    return complete(fields, tags, province_of)


def sync_topic_items(topic_ids):
    """Bring the knowledge items of these topics in line with them (read in one go): save the
    public ones, remove those that are not (or no longer) public or no longer exist."""
    topics = {topic.pk: topic for topic in topics_with_content().filter(pk__in=topic_ids)}
    for topic_id in topic_ids:
        topic = topics.get(topic_id)
        extracted = extract_topic(topic) if topic is not None and topic.is_public else None
        if extracted is None:
            KnowledgeItem.objects.filter(topic_id=topic_id).delete()
        else:
            save_item({"topic_id": topic_id}, *extracted)
