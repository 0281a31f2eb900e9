"""From a discussion topic to the knowledge item that both search engines search.

Only topics in public categories that moderators have not hidden become items, and only
their visible posts are read, so nothing members-only or hidden can reach search results,
counts or suggestions. Authors are left out: a member's name is theirs to show or not.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import Truncator

from community.models import CategoryAccess, Post, Topic

from .items import complete, plain_text, save_item
from .models import KnowledgeItem

SUMMARY_WORDS = 50


def topics_with_content():
    """Topics with what ``extract_topic`` reads, fetched in a few queries."""
    return Topic.objects.select_related("category__theme", "category__collaboration").prefetch_related(
        Prefetch("posts", queryset=Post.objects.filter(hidden=False).order_by("created_at", "pk"), to_attr="visible_posts"),
        "category__collaboration__municipalities",
    )


def searchable_topics():
    return topics_with_content().filter(category__access=CategoryAccess.PUBLIC, hidden=False)


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
    }
    tags = {
        "collaborations": collaborations,
        "municipalities": [m for c in collaborations for m in c.municipalities.all()],
        "themes": [category.theme] if category.theme else [],
    }
    return complete(fields, tags, province_of)


def sync_topic_item(topic):
    """Bring the knowledge item of ``topic`` in line with it; return it, or None if the topic
    is not (or no longer) public."""
    topic_id = topic.pk
    topic = topics_with_content().filter(pk=topic_id).first()
    extracted = extract_topic(topic) if topic and topic.is_public else None
    if extracted is None:
        KnowledgeItem.objects.filter(topic_id=topic_id).delete()
        return None
    return save_item({"topic_id": topic_id}, *extracted)
