"""Wagtail hooks of the site's infrastructure: the anonymous page cache and the administrators'
view of unsent e-mail."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import page_cache

from .admin_views import MANAGE_PERMISSION, UnsentMailView


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    page_cache.mark_cacheable(request, page)


class UnsentMailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MANAGE_PERMISSION)


@hooks.register("register_admin_urls")
def register_unsent_mail_url():
    return [path("onverzonden-mail/", UnsentMailView.as_view(), name="unsent_mail")]


@hooks.register("register_settings_menu_item")
def register_unsent_mail_menu_item():
    return UnsentMailMenuItem(
        _("Unsent e-mail"), reverse("unsent_mail"), name="unsent-mail", icon_name="mail", order=900
    )
