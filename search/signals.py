"""Keep the search index in step with the page tree (publish, unpublish, move, delete and
privacy changes), with the text read from document files, with municipalities' names and
mergers, and with the discussions (posts, moderation, category access); all pass through
``search.indexing``."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.file_text import document_text_read
from cms.models import Collaboration, KnowledgeDocumentPage, Municipality, PublicationPage
from community.models import Category, Post, Topic

from . import indexing, synonyms
from .models import SynonymGroup

# Topic fields that do not show in search: saving only these leaves the item as it is.
UNSEARCHED_TOPIC_FIELDS = {"locked", "pinned"}


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_change(sender, instance, **kwargs):
    indexing.page_changed(instance)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    indexing.subtree_changed(instance)


@receiver(post_delete)
def on_delete(sender, instance, **kwargs):
    # Sent for each model in a page's inheritance chain; handling it twice is harmless.
    if isinstance(instance, Page):
        indexing.page_deleted(instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_change(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes because its page was deleted
        return
    indexing.subtree_changed(page)


@receiver(post_save, sender=Topic)
def on_topic_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= UNSEARCHED_TOPIC_FIELDS:
        return
    indexing.topics_changed([instance.pk])


@receiver(post_delete, sender=Topic)
def on_topic_deleted(sender, instance, **kwargs):
    indexing.topic_deleted(instance.pk)


@receiver(post_save, sender=Post)
def on_post_saved(sender, instance, **kwargs):
    # Posts are only deleted with their topic (members' posts outlive their accounts).
    indexing.topics_changed([instance.topic_id])


@receiver(post_save, sender=Category)
def on_category_saved(sender, instance, created, **kwargs):
    if not created:  # its access, theme or collaboration may have changed
        indexing.topics_changed(list(instance.topics.values_list("pk", flat=True)))


@receiver(document_text_read)
def on_document_text_read(sender, file_id, **kwargs):
    """A file's text was (re)read: the search rows of the pages that carry it follow."""
    for model in (KnowledgeDocumentPage, PublicationPage):
        for page in model.objects.filter(file_id=file_id):
            indexing.page_changed(page)


@receiver(post_save, sender=Municipality)
def on_municipality_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:  # a new municipality tags nothing yet
        indexing.municipality_changed(instance)


@receiver(post_save, sender=Collaboration)
def on_collaboration_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:  # a new collaboration tags nothing yet
        indexing.collaboration_changed(instance)


@receiver(m2m_changed, sender=Municipality.successors.through)
def on_successors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    merged = Municipality.objects.filter(pk__in=pk_set) if reverse and pk_set else [instance]
    for municipality in merged:
        indexing.municipality_changed(municipality)


# The synonym list is cached (search.synonyms); a new group works at the next search.
post_save.connect(synonyms.forget_groups, sender=SynonymGroup, dispatch_uid="search-synonyms-saved")
post_delete.connect(synonyms.forget_groups, sender=SynonymGroup, dispatch_uid="search-synonyms-deleted")
