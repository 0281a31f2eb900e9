"""Every event view answers bad parameters (junk tokens, bad ids, huge or non-UTF-8 values,
repeated parameters) with a page, a 404 or a 400: never a 500 (the test client re-raises one)."""

import pytest
from django.urls import reverse

from events import registration as service
from events.models import EventRegistration
from tests.factories import EventPageFactory

JUNK_TOKENS = ["onbekend", "x" * 5000, "%00", "abc%00def", "%FF%FE", "%C0%AF", "a%20b", "..%2F..%2Fetc"]


@pytest.mark.parametrize("token", JUNK_TOKENS)
@pytest.mark.parametrize("name", ["registration_confirm", "registration_cancel"])
def test_junk_tokens_are_not_found(client, db, name, token):
    url = reverse(name, args=["T" * 32]).replace("T" * 32, token)
    assert client.get(url).status_code == 404
    assert client.post(url, {"next": ["my_registrations", "x" * 10000]}).status_code == 404


def test_repeated_and_huge_parameters_on_a_real_link(client, member):
    event = EventPageFactory(questions=[])
    registration = service.register_member(event, member, name="Anna").registration
    url = reverse("registration_cancel", args=[registration.token])
    assert client.get(url, {"next": ["a", "b"], "x": "\x00" * 100}).status_code == 200
    response = client.post(url, {"next": ["my_registrations", "\x00"]})
    assert response.status_code == 200  # the last "next" counts: not "my_registrations", so no redirect
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.fixture
def event_with_questions(db):
    from events.models import EventQuestion

    return EventPageFactory(
        questions=[
            EventQuestion(label="Functie", kind=EventQuestion.Kind.TEXT, required=True),
            EventQuestion(label="Lunch", kind=EventQuestion.Kind.CHOICE, choices="Ja\nNee"),
        ]
    )


def _fields(event):
    text, choice = event.questions.order_by("sort_order")
    return f"question_{text.pk}", f"question_{choice.pk}"


LONG_BUT_VALID_EMAIL = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".nl"


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": "x" * 100_000},
        {"name": "Petra\x00Jansen"},
        {"email": LONG_BUT_VALID_EMAIL},
        {"email": "petra@laren.nl\x00"},
        {"email": "x" * 100_000 + "@laren.nl"},
        {"organisation": "o" * 5000},
        {"text": "t" * 100_000},
        {"text": "\x00"},
        {"choice": "Misschien"},
        {"choice": "x" * 100_000},
    ],
)
def test_bad_form_values_re_render_the_form(client, event_with_questions, overrides):
    text, choice = _fields(event_with_questions)
    data = {"name": "Petra Jansen", "email": "petra@laren.nl", "organisation": "Laren", text: "griffier", choice: "Ja"}
    data.update(
        {text if key == "text" else choice if key == "choice" else key: value for key, value in overrides.items()}
    )
    response = client.post(event_with_questions.url + "aanmelden/", data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not EventRegistration.objects.filter(event=event_with_questions).exists()


def test_a_non_utf8_body_and_repeated_fields_are_no_error(client, event_with_questions):
    text, choice = _fields(event_with_questions)
    body = f"name=%FF%FEPetra&name=Piet&email=petra%40laren.nl&email=%FF&{text}=%C0&{choice}=Ja&{choice}=Nee".encode()
    response = client.post(
        event_with_questions.url + "aanmelden/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200  # the form again: the last e-mail address is no address


@pytest.mark.parametrize(
    "query",
    [
        {"event": "abc"},
        {"event": "9" * 30},
        {"event": ["1", "2"]},
        {"status": "bestaat-niet"},
        {"export": "pdf"},
        {"ordering": "-wachtwoord"},
        {"p": "abc"},
        {"p": "9" * 30},
        {"q": "\x00" + "x" * 5000},
        {"event": "\x00"},
    ],
)
def test_the_registrations_admin_survives_bad_parameters(client, editor, query):
    client.force_login(editor)
    assert client.get(reverse("events_eventregistration:index"), query).status_code in (200, 302, 400, 404)


@pytest.mark.parametrize("name", ["event_message_attendees", "event_cancel"])
def test_organiser_actions_on_unknown_events_are_not_found(client, editor, name):
    client.force_login(editor)
    url = reverse(name, args=[1]).replace("/1/", f"/{9 * 10**29}/")
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "x", "confirm": "on"}).status_code == 404


def test_calendars_and_my_registrations_ignore_junk_parameters(client, member):
    event = EventPageFactory(questions=[])
    junk = {"x": ["\x00", "y" * 5000], "page": "%FF"}
    assert client.get(event.url + "ical/", junk).status_code == 200
    assert client.get(event.get_parent().url + "ical/", junk).status_code == 200
    client.force_login(member)
    assert client.get(reverse("my_registrations"), junk).status_code == 200
