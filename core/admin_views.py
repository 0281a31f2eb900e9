"""The administrators' view of the mail outbox (Settings → Unsent e-mail): what waits for a
retry and what was given up on, with "send again". Bodies are not shown: they are other
people's mail."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.pagination import paginate

from . import outbox
from .models import OutgoingMail

MANAGE_PERMISSION = "core.change_outgoingmail"


class UnsentMailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/unsent_mail.html"
    page_title = _("Unsent e-mail")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MANAGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def post(self, request):
        try:
            chosen = [int(pk) for pk in request.POST.getlist("mail")]
        except ValueError:
            chosen = []
        given_up = OutgoingMail.objects.filter(next_attempt_at__isnull=True)
        if request.POST.get("all") == "given-up":
            again = outbox.send_again(given_up)
        else:
            again = outbox.send_again(given_up.filter(pk__in=chosen))
        messages.success(
            request,
            ngettext("%(count)d e-mail will be sent again.", "%(count)d e-mails will be sent again.", again)
            % {"count": again},
        )
        return redirect("unsent_mail")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = OutgoingMail.objects.filter(attempts__gt=0).order_by("-created_at", "-pk")
        context.update(
            {
                "page": paginate(self.request, rows, per_page=50),
                "given_up": OutgoingMail.objects.filter(next_attempt_at__isnull=True).count(),
                "waiting": OutgoingMail.objects.filter(next_attempt_at__isnull=False).count(),
            }
        )
        return context
