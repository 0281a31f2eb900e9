"""Admin view for document files: "Read text again" (the edit view's button posts here)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from cms import file_text


@require_POST
def reread_document_text(request, pk):
    """Queue a new reading of one file's text; needs the change permission on that document."""
    document = get_object_or_404(get_document_model(), pk=pk)
    permission_policy = policy_registry.get_by_type(get_document_model())
    if not permission_policy.user_has_permission_for_instance(request.user, "change", document):
        raise PermissionDenied
    with transaction.atomic():
        get_document_model().objects.filter(pk=pk).update(text_status=document.TextStatus.PENDING, text_reason="")
        file_text.schedule(pk)
    messages.success(request, _("The text of this file will be read again."))
    return redirect("wagtaildocs:edit", pk)
