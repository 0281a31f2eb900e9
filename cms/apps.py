from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import page_cache

        for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
            signal.connect(page_cache.on_model_change, dispatch_uid=f"page_cache_{id(signal)}")
