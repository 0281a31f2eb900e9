"""Following a ``next`` parameter only to this site, never to an address someone put in a link."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, candidate):
    """``candidate`` when it points into this site (same host, same scheme or safer), else None."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return None


def redirect_to_next(request, default, *args, **kwargs):
    """Redirect to the ``next`` of the form (or query) when it is safe, else to ``default``."""
    target = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    return redirect(target) if target else redirect(default, *args, **kwargs)
