"""Keep the search index in step with the page tree: publish, unpublish, move, delete and
privacy changes all pass through ``search.indexing``."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing


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
