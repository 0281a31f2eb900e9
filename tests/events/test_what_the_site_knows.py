"""Events use what the site knows (issue #16): a member's form starts from the profile, the
guest's confirmation offers the calendar file, cancelling from "my registrations" asks first,
and the organiser's exports have a column per question and the event's name and date."""

import csv
import io
import re
from datetime import date, datetime

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from community.models import MemberProfile
from events import registration as service
from events.admin import export_filename
from events.forms import RegistrationForm
from events.models import EventQuestion, RegistrationStatus
from tests.factories import EventPageFactory, UserFactory

INDEX = "events_eventregistration:index"
Kind = EventQuestion.Kind


def questions():
    return [
        EventQuestion(label="Functie", kind=Kind.TEXT),
        EventQuestion(label="Workshopronde", kind=Kind.CHOICE, choices="Verrekenmodellen\nSturing", required=True),
        EventQuestion(label="Dieetwensen", kind=Kind.LONG_TEXT),
    ]


def field_value(html, name):
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


# --- A member's form starts from the profile -----------------------------------------------
def test_a_members_form_is_filled_in_from_the_profile(client, member):
    MemberProfile.objects.create(user=member, organisation="BAR-organisatie", function="concerncontroller")
    event = EventPageFactory(questions=questions())
    function, workshop, diet = event.questions.order_by("sort_order")
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert field_value(html, "name") == "Anna de Vries"
    assert field_value(html, "organisation") == "BAR-organisatie"
    assert field_value(html, f"question_{function.pk}") == "concerncontroller"
    assert re.search(rf'<textarea[^>]*name="question_{diet.pk}"[^>]*>\s*</textarea>', html)  # nothing to guess


@pytest.mark.parametrize(
    "label, prefilled",
    [
        ("Functie", True),
        ("functie:", True),
        ("Uw functie", True),
        ("Function", True),
        ("Functie van uw leidinggevende", False),
        ("Organisatiefunctie", False),
    ],
)
def test_only_a_question_about_the_function_gets_the_function(member, label, prefilled):
    MemberProfile.objects.create(user=member, function="griffier")
    event = EventPageFactory(questions=[EventQuestion(label=label, kind=Kind.TEXT)])
    form = RegistrationForm(event=event, member=member)
    assert (form.fields[f"question_{event.questions.get().pk}"].initial == "griffier") is prefilled


def test_what_the_member_types_wins_and_no_profile_is_fine(member):
    event = EventPageFactory(questions=questions())
    form = RegistrationForm(event=event, member=member)  # no profile (yet): empty fields
    assert form.fields["organisation"].initial is None
    MemberProfile.objects.create(user=member, organisation="BAR-organisatie")
    member = get_user_model().objects.get(pk=member.pk)
    workshop = event.questions.get(label="Workshopronde")
    data = {"name": "Anna", "organisation": "Gemeente Ridderkerk", f"question_{workshop.pk}": "Sturing"}
    form = RegistrationForm(data, event=event, member=member)
    assert form.is_valid() and form.cleaned_data["organisation"] == "Gemeente Ridderkerk"
    assert "BAR-organisatie" not in RegistrationForm(event=event).as_div()  # a guest's form knows nobody


# --- The guest's confirmation offers the calendar file ---------------------------------------
def test_the_guests_confirmation_page_offers_the_calendar_file(client, db):
    event = EventPageFactory(questions=[])
    registration = service.register_guest(event, name="Petra Jansen", email="petra@laren.nl").registration
    url = reverse("registration_confirm", args=[registration.token])
    calendar_url = event.url + "ical/"
    assert calendar_url not in client.get(url).content.decode()  # not before the place is confirmed
    html = client.post(url).content.decode()
    assert re.search(rf'<a [^>]*href="{re.escape(calendar_url)}" download>', html)
    assert client.get(calendar_url)["Content-Type"].startswith("text/calendar")
    assert re.search(rf'href="{re.escape(calendar_url)}"', client.get(url).content.decode())  # and when they come back


def test_a_waitlisted_guest_gets_no_calendar_file(client, db, make_member):
    event = EventPageFactory(questions=[], capacity=1)
    service.register_member(event, make_member(), name="Anna")
    registration = service.register_guest(event, name="Petra Jansen", email="petra@laren.nl").registration
    html = client.post(reverse("registration_confirm", args=[registration.token])).content.decode()
    assert "kp-calendar-link" not in html


# --- Cancelling asks first -------------------------------------------------------------------
def test_cancel_on_my_registrations_opens_a_page_that_asks_first(client, member):
    event = EventPageFactory(questions=[])
    registration = service.register_member(event, member, name="Anna").registration
    client.force_login(member)
    html = client.get(reverse("my_registrations")).content.decode()
    cancel_url = reverse("registration_cancel", args=[registration.token])
    assert f'action="{cancel_url}"' not in html  # no button that cancels at once
    link = re.search(rf'<a [^>]*href="({re.escape(cancel_url)}\?[^"]*)"', html).group(1).replace("&amp;", "&")

    page = client.get(link)  # opening it changes nothing
    registration.refresh_from_db()
    assert page.status_code == 200 and registration.status == RegistrationStatus.CONFIRMED
    html = page.content.decode()
    assert '<input type="hidden" name="next" value="my_registrations">' in html
    assert f'href="{reverse("my_registrations")}"' in html  # a way back without cancelling

    response = client.post(link, {"next": "my_registrations"})
    registration.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse("my_registrations")
    assert registration.status == RegistrationStatus.CANCELLED


def test_the_event_page_cancel_button_asks_first_too(client, member):
    event = EventPageFactory(questions=[])
    registration = service.register_member(event, member, name="Anna").registration
    client.force_login(member)
    html = client.get(event.url).content.decode()
    cancel_url = reverse("registration_cancel", args=[registration.token])
    assert f'action="{cancel_url}"' not in html and f'href="{cancel_url}"' in html


# --- Exports ---------------------------------------------------------------------------------
@pytest.fixture
def organiser(db):
    user = UserFactory(username="redactie", email="redactie@vng.nl")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def workshop_event(make_member):
    start = timezone.make_aware(datetime(2031, 3, 14, 10, 0))
    event = EventPageFactory(questions=questions(), start=start, slug="werkconferentie-bar")
    function, workshop, diet = event.questions.order_by("sort_order")
    service.register_member(
        event,
        make_member("Anna de Vries", "anna@bar.nl"),
        name="Anna de Vries",
        answers={"Functie": "griffier", "Workshopronde": "Sturing"},
    )
    service.register_member(
        event,
        make_member("Bert Bos", "bert@bel.nl"),
        name="Bert Bos",
        answers={"Functie": "controller", "Workshopronde": "Verrekenmodellen", "Dieetwensen": "=1+1"},
    )
    # Answered before the organiser renamed a question: still in the export, in a column of its own.
    service.register_member(event, make_member("Cor Kok", "cor@over.nl"), name="Cor Kok", answers={"Lunch": "ja"})
    return event


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_csv_export_has_a_column_per_question(client, organiser, workshop_event):
    client.force_login(organiser)
    response = client.get(reverse(INDEX), {"event": workshop_event.pk, "export": "csv"})
    rows = csv_rows(response)
    heading = rows[0]
    assert heading[-4:] == ["Functie", "Workshopronde", "Dieetwensen", "Lunch"]
    by_name = {row[1]: dict(zip(heading, row, strict=True)) for row in rows[1:]}
    assert by_name["Anna de Vries"]["Workshopronde"] == "Sturing" and by_name["Anna de Vries"]["Dieetwensen"] == ""
    assert by_name["Bert Bos"]["Workshopronde"] == "Verrekenmodellen"
    assert by_name["Bert Bos"]["Dieetwensen"] == "'=1+1"  # an answer is text, never a formula
    assert by_name["Cor Kok"]["Lunch"] == "ja"
    assert 'filename="aanmeldingen-werkconferentie-bar-2031-03-14.csv"' in response["Content-Disposition"]


def test_the_xlsx_export_has_a_column_per_question_and_the_events_name(client, organiser, workshop_event):
    client.force_login(organiser)
    response = client.get(reverse(INDEX), {"event": workshop_event.pk, "export": "xlsx"})
    assert "aanmeldingen-werkconferentie-bar-2031-03-14.xlsx" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)
    assert list(rows[0][-4:]) == ["Functie", "Workshopronde", "Dieetwensen", "Lunch"]
    workshop = rows[0].index("Workshopronde")
    assert sorted(str(row[workshop] or "") for row in rows[1:]) == ["", "Sturing", "Verrekenmodellen"]


def test_an_export_of_several_events_is_named_for_the_day(client, organiser, workshop_event):
    client.force_login(organiser)
    response = client.get(reverse(INDEX), {"export": "csv"})
    assert f'filename="aanmeldingen-{timezone.localdate().isoformat()}.csv"' in response["Content-Disposition"]
    response = client.get(reverse(INDEX), {"export": "csv", "event": "abc"})  # junk filters nothing
    assert response.status_code == 200 and "aanmeldingen-20" in response["Content-Disposition"]


def test_the_file_name_is_ascii_whatever_the_slug(db):
    event = EventPageFactory(
        questions=[], slug="bijeenkomst-ré-ünie", start=timezone.make_aware(datetime(2031, 1, 2, 9))
    )
    assert export_filename(event) == "aanmeldingen-bijeenkomst-re-unie-2031-01-02"
    assert export_filename(None, today=date(2030, 5, 6)) == "aanmeldingen-2030-05-06"


def test_the_download_buttons_are_in_the_lists_header(client, organiser, workshop_event):
    client.force_login(organiser)
    html = client.get(reverse(INDEX), {"event": workshop_event.pk}).content.decode()
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    for export in ("xlsx", "csv"):
        link = re.search(rf'<a [^>]*href="[^"]*export={export}[^"]*"[^>]*>', header)
        assert link and "w-header-button" in link.group(0), export
        assert f"event={workshop_event.pk}" in link.group(0)  # the download is of what the list shows
        assert html.count(f"export={export}") == 1  # and not again in a menu
