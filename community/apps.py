from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from . import avatars
        from .models import MemberProfile

        # A replaced, cleared or deleted profile photo leaves no file behind.
        pre_save.connect(avatars.remember_replaced_photo, sender=MemberProfile, dispatch_uid="avatar_remember")
        post_save.connect(avatars.delete_replaced_photo, sender=MemberProfile, dispatch_uid="avatar_replaced")
        post_delete.connect(
            avatars.delete_photo_of_deleted_profile, sender=MemberProfile, dispatch_uid="avatar_deleted"
        )
