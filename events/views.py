"""Registration views: the form on the event page, the e-mailed links, "my registrations",
and the calendar downloads. The decisions are made in ``registration`` and ``availability``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.queries import first_visible
from events.models import EventIndexPage, EventRegistration, RegistrationStatus
from events.queries import upcoming_events

from . import limits
from . import registration as service
from .availability import guests_welcome, registration_state, seats_left
from .calendar import event_ics, feed_ics
from .forms import RegistrationForm

CHECK_EMAIL_SESSION_KEY = "event_registration_email"
# "Cancel" on "my registrations" opens the cancel page with this, so it returns there afterwards.
FROM_MY_REGISTRATIONS = ("terug", "mijn-aanmeldingen")


def _member(request):
    return request.user if request.user.is_authenticated and request.user.email else None


def registration_context(request, event, form=None, refusal=None):
    member = _member(request)
    existing = None
    if member is not None:
        existing = (
            event.registrations.filter(email=member.email.lower()).exclude(status=RegistrationStatus.CANCELLED).first()
        )
    # The places are counted once, for the state and for "3 left".
    seats = seats_left(event) if event.registration_enabled else None
    state = registration_state(event, seats=seats)
    may_register = state.accepts_registrations and existing is None and (member is not None or guests_welcome(event))
    if form is None and may_register:
        form = RegistrationForm(event=event, member=member)
    return {
        "registration_state": state.value,
        "seats_left": seats,
        "member_registration": existing,
        "registration_form": form if may_register else None,
        "members_only": not guests_welcome(event),
        "refusal": refusal,
        "retention_months": settings.REGISTRATION_RETENTION_MONTHS,
    }


@require_POST
def register(request, event):
    member = _member(request)
    if member is None and not guests_welcome(event):
        return redirect_to_login(event.url)
    form = RegistrationForm(request.POST, event=event, member=member)
    if not form.is_valid():
        return event.render(request, context_overrides=registration_context(request, event, form=form))
    if member is None and not limits.guest_may_register(request, form.cleaned_data["email"]):
        # Nothing saved or sent; the form keeps what they typed.
        response = event.render(
            request, context_overrides=registration_context(request, event, form=form, refusal=limits.TOO_MANY)
        )
        response.status_code = 429
        return response
    details = {
        "name": form.cleaned_data["name"],
        "organisation": form.cleaned_data["organisation"],
        "answers": form.answers(),
    }
    try:
        if member is not None:
            outcome = service.register_member(event, member, **details)
        else:
            outcome = service.register_guest(event, email=form.cleaned_data["email"], **details)
    except service.RegistrationRefused as refused:
        # Keep what they typed; say why.
        return event.render(
            request, context_overrides=registration_context(request, event, form=form, refusal=refused.message)
        )
    if member is None:
        # Redirect, so reloading the next page does not post the form (and send the mail) again.
        request.session[CHECK_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
        return redirect(event.url + event.reverse_subpage("registration_sent"))
    registration = outcome.registration
    if outcome.already_registered:
        messages.info(request, _("You were already registered for this event."))
    elif registration.status == RegistrationStatus.WAITLISTED:
        messages.success(
            request, _("The event is full; you are on the waiting list. We will e-mail you when a place comes free.")
        )
    else:
        messages.success(
            request,
            _("You are registered. A confirmation with a calendar invitation is on its way to %(email)s.")
            % {"email": registration.email},
        )
    return redirect(event.url + "#aanmelden")


def registration_sent(request, event):
    email = request.session.get(CHECK_EMAIL_SESSION_KEY)
    if not email:
        return redirect(event.url)
    return render(
        request,
        "events/check_your_email.html",
        {
            "event": event,
            "email": email,
            "resend_minutes": settings.EVENT_MAIL_RESEND_MINUTES,
        },
    )


def _registration_or_404(token):
    return get_object_or_404(EventRegistration.objects.select_related("event"), token=token, anonymised_at__isnull=True)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links do not register anyone."""
    registration = _registration_or_404(token)
    context = {"registration": registration, "event": registration.event}
    if request.method == "POST":
        try:
            outcome = service.confirm_address(registration)
        except service.RegistrationRefused as refused:
            context["refusal"] = refused.message
        else:
            context.update(registration=outcome.registration, done=True)
    return render(request, "events/confirm.html", context)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """GET asks (from the e-mail, the event page or "my registrations"), POST cancels."""
    registration = _registration_or_404(token)
    context = {
        "registration": registration,
        "event": registration.event,
        "someone_waiting": registration.event.registrations.filter(status=RegistrationStatus.WAITLISTED).exists(),
        "from_my_registrations": request.GET.get(FROM_MY_REGISTRATIONS[0]) == FROM_MY_REGISTRATIONS[1],
    }
    if request.method == "POST" and registration.status != RegistrationStatus.CANCELLED:
        context.update(registration=service.cancel(registration), done=True)
        if request.POST.get("next") == "my_registrations":
            messages.success(
                request, _("Your registration for %(event)s has been cancelled.") % {"event": registration.event.title}
            )
            return redirect("my_registrations")
    return render(request, "events/cancel.html", context)


@login_required
def my_registrations(request):
    registrations = (
        EventRegistration.objects.filter(email=request.user.email.lower(), anonymised_at__isnull=True)
        .exclude(status=RegistrationStatus.PENDING)
        .select_related("event")
        .order_by("-event__start")
    )
    return render(
        request,
        "events/my_registrations.html",
        {
            "registrations": registrations,
            "now": timezone.now(),
            "events_index": first_visible(EventIndexPage),
        },
    )


def event_calendar_file(request, event):
    response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def upcoming_calendar_feed(request, index_page):
    events = upcoming_events().descendant_of(index_page)
    response = HttpResponse(
        feed_ics(events, name=f"{settings.WAGTAIL_SITE_NAME}: {index_page.title}"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
