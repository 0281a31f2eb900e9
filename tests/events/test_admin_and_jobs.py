"""The organiser's side: the registrations in the admin, exports, messages, cancelling, and
the scheduled jobs (reminders, removal of personal data)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from events import registration as service
from events.models import EventRegistration, RegistrationStatus
from events.retention import months_before
from tests.factories import EventPageFactory, UserFactory

INDEX = "events_eventregistration:index"


@pytest.fixture
def editor_member(db):
    user = UserFactory(username="redactie", email="redactie@vng.nl")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def filled_event(make_member):
    event = EventPageFactory(capacity=2, questions=[])
    service.register_member(
        event, make_member("Anna de Vries", "anna@bar.nl"), name="Anna de Vries", organisation="BAR-organisatie"
    )
    service.register_member(
        event, make_member("Bert Bos", "bert@bel.nl"), name='=HYPERLINK("http://x")', answers={"Dieet": "vegetarisch"}
    )
    service.register_member(event, make_member("Cor Kok", "cor@over.nl"), name="Cor Kok")  # waiting list
    return event


def test_editors_see_search_and_filter_registrations(client, editor_member, filled_event):
    client.force_login(editor_member)
    response = client.get(reverse(INDEX), {"event": filled_event.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna de Vries" in html and "Cor Kok" in html
    assert "Anna de Vries" not in client.get(reverse(INDEX), {"event": filled_event.pk, "q": "cor"}).content.decode()
    waiting = client.get(reverse(INDEX), {"event": filled_event.pk, "status": "waitlisted"}).content.decode()
    assert "Cor Kok" in waiting and "Anna de Vries" not in waiting


def test_the_admin_cannot_add_registrations_past_the_limit(client, editor, filled_event):
    client.force_login(editor)  # even a superuser
    assert client.get(reverse("events_eventregistration:add")).status_code in (302, 403)


def test_visitors_cannot_see_registrations(client, db, filled_event):
    assert client.get(reverse(INDEX)).status_code == 302
    user = UserFactory(username="lid", email="lid@example.org")
    client.force_login(user)
    assert client.get(reverse(INDEX)).status_code in (302, 403)


def test_csv_export_is_safe_for_spreadsheets(client, editor_member, filled_event):
    client.force_login(editor_member)
    response = client.get(reverse(INDEX), {"event": filled_event.pk, "export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("Evenement,Naam,E-mailadres")
    assert "anna@bar.nl" in body and "BAR-organisatie" in body
    assert body.splitlines()[0].endswith(",Dieet") and ",vegetarisch" in body  # a column per question
    assert "'=HYPERLINK" in body  # a formula is text, not a formula
    assert "Bevestigd" in body and "Op de wachtlijst" in body and "confirmed" not in body
    assert "+00:00" not in body and "." not in body.splitlines()[1].split(",")[5]  # local time, whole seconds


def test_xlsx_export_has_every_registration(client, editor_member, filled_event):
    client.force_login(editor_member)
    response = client.get(reverse(INDEX), {"event": filled_event.pk, "export": "xlsx"})
    workbook = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    rows = list(workbook.active.values)
    assert len(rows) == 4  # heading + three
    assert {row[2] for row in rows[1:]} == {"anna@bar.nl", "bert@bel.nl", "cor@over.nl"}


def test_the_event_edit_screen_shows_the_numbers(client, editor_member, filled_event):
    client.force_login(editor_member)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[filled_event.pk])).content.decode()
    assert "Aanmeldingen tot nu toe" in html
    assert reverse("event_message_attendees", args=[filled_event.pk]) in html


def test_a_message_reaches_confirmed_attendees_only(client, editor_member, filled_event, sending, mailoutbox):
    client.force_login(editor_member)
    mailoutbox.clear()
    with sending():
        response = client.post(
            reverse("event_message_attendees", args=[filled_event.pk]),
            {"subject": "Parkeren bij het stadhuis", "body": "Parkeer op P2."},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["anna@bar.nl", "bert@bel.nl"]
    assert mailoutbox[0].subject == "Parkeren bij het stadhuis" and "Parkeer op P2." in mailoutbox[0].body
    assert PageLogEntry.objects.filter(page=filled_event, action="cms.event.message").exists()


def test_cancelling_from_the_admin_needs_a_reason_and_a_confirmation(
    client, editor_member, filled_event, sending, mailoutbox
):
    client.force_login(editor_member)
    url = reverse("event_cancel", args=[filled_event.pk])
    response = client.post(url, {"reason": "Te weinig sprekers."})  # no confirmation ticked
    assert response.status_code == 200 and "Dit is een verplicht veld." in response.content.decode()
    filled_event.refresh_from_db()
    assert not filled_event.is_cancelled
    mailoutbox.clear()
    with sending():
        client.post(url, {"reason": "Te weinig sprekers.", "confirm": "on"})
    assert len(mailoutbox) == 3
    assert PageLogEntry.objects.filter(page=filled_event, action="cms.event.cancel").exists()


def test_only_editors_of_the_page_may_message_or_cancel(client, db, filled_event):
    user = UserFactory(username="lid", email="lid@example.org", is_staff=True)
    client.force_login(user)
    assert client.post(
        reverse("event_cancel", args=[filled_event.pk]), {"reason": "x", "confirm": "on"}
    ).status_code in (302, 403)
    filled_event.refresh_from_db()
    assert not filled_event.is_cancelled


def test_reminders_go_out_once(make_member, sending, mailoutbox):
    soon = EventPageFactory(start=timezone.now() + timedelta(days=1), questions=[])
    later = EventPageFactory(start=timezone.now() + timedelta(days=20), questions=[])
    for event in (soon, later):
        service.register_member(event, make_member(f"Lid {event.pk}", f"lid{event.pk}@bar.nl"), name="Lid")
    mailoutbox.clear()
    out = io.StringIO()
    with sending():
        call_command("send_event_reminders", "--days", "2", stdout=out)
        call_command("send_event_reminders", "--days", "2", stdout=io.StringIO())
    assert "1 reminder" in out.getvalue()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [f"lid{soon.pk}@bar.nl"]
    assert "Herinnering" in mailoutbox[0].subject and mailoutbox[0].attachments


def test_personal_data_is_removed_after_the_retention_period(make_member):
    old = EventPageFactory(start=timezone.now() - timedelta(days=400), questions=[])
    recent = EventPageFactory(start=timezone.now() - timedelta(days=10), questions=[])
    for event in (old, recent):
        EventRegistration.objects.create(
            event=event,
            name="Anna",
            email=f"anna{event.pk}@bar.nl",
            organisation="BAR",
            answers={"Dieet": "geen"},
            status=RegistrationStatus.CONFIRMED,
            user=make_member("Anna", f"anna{event.pk}@bar.nl"),
        )
    out = io.StringIO()
    call_command("purge_registrations", "--months", "6", stdout=out)
    call_command("purge_registrations", "--months", "6", stdout=io.StringIO())  # safe to repeat
    gone = old.registrations.get()
    assert (gone.name, gone.email, gone.organisation, gone.answers, gone.user) == ("", "", "", {}, None)
    assert gone.status == RegistrationStatus.CONFIRMED and gone.anonymised_at  # the count remains
    assert recent.registrations.get().email  # within the period: kept
    assert "1 registration" in out.getvalue()


def test_months_before_handles_short_months():
    moment = timezone.datetime(2026, 3, 31, 12, 0, tzinfo=timezone.get_current_timezone())
    assert months_before(moment, 1).date() == timezone.datetime(2026, 2, 28).date()
    assert months_before(moment, 15).date() == timezone.datetime(2024, 12, 31).date()
