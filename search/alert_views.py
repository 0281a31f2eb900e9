"""Pages of search alerts: follow a search, confirm, unsubscribe (one click, RFC 8058), and a
member's own alerts. The logic is in search/alerts.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimit import client_address

from . import alerts
from .alert_forms import FollowSearchForm, FrequencyForm
from .models_alerts import SearchAlert


def _member(request):
    return request.user if request.user.is_authenticated and request.user.email else None


# The search page sets no cookies for anonymous visitors, so its form carries no CSRF token:
# an anonymous subscription only ever mails a confirmation (rate-limited), which anyone can
# ask for anyway. A member's alert is created at once, so for members the token is required.
_csrf = CsrfViewMiddleware(lambda request: None)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request):
    member = _member(request)
    if request.method == "POST" and request.user.is_authenticated:
        refused = _csrf.process_view(request, None, (), {})
        if refused is not None:
            return refused
    if request.method == "POST":
        form = FollowSearchForm(request.POST, member=member)
    else:
        form = FollowSearchForm(initial={"search": request.GET.urlencode()}, member=member)
    query_string = alerts.canonical_query_string(
        form.data.get("search", "") if form.is_bound else request.GET.urlencode()
    )
    status = 200
    if form.is_bound and form.is_valid():
        outcome = alerts.subscribe(
            form.cleaned_data.get("email", ""),
            query_string,
            form.cleaned_data["frequency"],
            user=member,
            client_address=client_address(request),
        )
        if outcome.status == "mailed":
            return redirect("search_alert_mailed")
        if outcome.status == "active":
            messages.success(
                request, _("You now follow this search. You will receive an e-mail when something new matches it.")
            )
            return redirect("search_alerts_account")
        if outcome.status == "limit":
            form.add_error(
                None, _("This address already follows the maximum number of searches. Stop following one first.")
            )
        else:
            status = 429
            form.add_error(None, _("Too many requests for this address. Please try again in an hour."))
    words, parts = alerts.describe(query_string)
    context = {
        "form": form,
        "words": words,
        "parts": parts,
        "search_url": alerts.search_url_of(query_string),
        "member": member,
    }
    return render(request, "search/alerts/follow.html", context, status=status)


def mailed(request):
    return render(request, "search/alerts/mailed.html")


def _invalid(request):
    return render(request, "search/alerts/invalid.html", status=404)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A button, not the link itself, confirms: mail scanners follow links."""
    alert = alerts.find(token)
    if alert is None:
        return _invalid(request)
    if request.method == "POST":
        alerts.confirm(alert)
    words, parts = alerts.describe(alert.query_string)
    context = {"alert": alert, "words": words, "parts": parts, "search_url": alerts.search_url(alert)}
    return render(request, "search/alerts/confirm.html", context)


@csrf_exempt  # one-click unsubscribe from the mail client (RFC 8058): no session, no form token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    alert = alerts.find(token)
    if request.method == "POST":
        if alert is not None:
            alerts.unsubscribe(alert)
        # Also when it was already gone (a second click): the outcome the visitor wanted.
        return render(request, "search/alerts/unsubscribe.html", {"done": True})
    if alert is None:
        return _invalid(request)
    words, parts = alerts.describe(alert.query_string)
    return render(request, "search/alerts/unsubscribe.html", {"alert": alert, "words": words, "parts": parts})


@login_required
@never_cache
def account(request):
    own = list(SearchAlert.objects.filter(user=request.user).order_by("-created_at"))
    rows = [(alert, *alerts.describe(alert.query_string), alerts.search_url(alert)) for alert in own]
    return render(request, "search/alerts/account.html", {"rows": rows, "frequencies": SearchAlert.Frequency.choices})


@login_required
@require_POST
def account_change(request, pk):
    alert = get_object_or_404(SearchAlert, pk=pk, user=request.user)
    if request.POST.get("action") == "delete":
        alerts.unsubscribe(alert)
        messages.success(request, _("You no longer follow this search."))
    else:
        form = FrequencyForm(request.POST)
        if form.is_valid():
            alerts.change_frequency(alert, form.cleaned_data["frequency"])
            messages.success(request, _("The frequency has been changed."))
    return redirect("search_alerts_account")
