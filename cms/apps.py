from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_save

        from cms.file_text import file_saved
        from cms.models import LibraryFile

        post_save.connect(file_saved, sender=LibraryFile, dispatch_uid="cms.file_text.file_saved")
