"""From a discussion reply to a draft question and answer (the rules live in ``cms.promote``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import promote

from ..models import Post


@login_required
@require_POST
def promote_post(request, pk):
    if not promote.can_promote(request.user):
        raise PermissionDenied
    try:
        question, created = promote.promote(request.user, pk)
    except Post.DoesNotExist:
        raise Http404 from None
    except promote.PromotionRefused as refused:
        messages.error(request, refused.message)
        post = Post.objects.get(pk=pk)
        return redirect(f"{reverse('community:topic', args=[post.topic_id])}#bericht-{post.pk}")
    if created:
        messages.success(request, _("A draft question was made from this reply. Edit and publish it here."))
    else:
        messages.info(request, _("This reply was already made into a question: here is that page."))
    return redirect("wagtailadmin_pages:edit", question.pk)
