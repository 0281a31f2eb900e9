"""The site's plumbing every area uses: request and task logs, the health check, the mail
outbox, rate limits, security headers, staff two-factor, the page cache, media storage,
backups. Content, events, search and community keep their own domain code."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    # Unchanged from when this was the "kennisplatform" app: what the admin calls it.
    verbose_name = "Kennisplatform"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django_tasks.signals import task_finished
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from . import page_cache, security  # noqa: F401  (security connects the second-factor receivers)
        from .logs import log_task

        task_finished.connect(log_task, dispatch_uid="core.log_task")
        # Any change to content starts a new page-cache generation (page_cache.WATCHED_APPS).
        for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.on_model_change, dispatch_uid=f"page_cache_{id(signal)}")
