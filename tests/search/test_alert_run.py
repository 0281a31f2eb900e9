"""The alert run and the Atom feed of a search, on both engines: only new, public items; no mail
when nothing is new; an unsubscribe drops mail already queued."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.models import DocumentLibraryPage, StandardPage
from core import outbox
from core.models import OutgoingMail
from search import alert_run, alerts, elastic
from search.models_alerts import SearchAlert

from .conftest import refresh
from .test_indexing import new_document, publish

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def confirmed_alert(query_string, email="volger@voorbeeld.nl", frequency="daily"):
    canonical = alerts.canonical_query_string(query_string)
    alert = SearchAlert.objects.create(
        email=email, query_string=canonical, search_key=alerts.search_key(canonical), frequency=frequency
    )
    return alerts.confirm(alert)


def run_alerts(frequency="daily", days=1):
    if elastic.is_configured():
        refresh(elastic.client())
    return alert_run.run(frequency, now=timezone.now() + timedelta(days=days))


def delivered():
    outbox.send_due()
    return list(mail.outbox)


def publish_all(callbacks, *titles, parent=None):
    pages = [new_document(title, parent=parent) for title in titles]
    for page in pages:
        publish(page, callbacks)
    return pages


def test_alert_lists_only_new_matching_items_and_is_silent_when_nothing_is_new(
    engine, django_capture_on_commit_callbacks
):
    alert = confirmed_alert("q=zonnepanelen&type=document")
    confirmed_alert("q=windmolens", email="ander@voorbeeld.nl")
    confirmed_alert("q=zonnepanelen", email="week@voorbeeld.nl", frequency="weekly")
    publish_all(django_capture_on_commit_callbacks, "Zonnepanelen op het gemeentehuis", "Begroting sportvelden")

    stats = run_alerts()
    assert (stats.alerts_due, stats.mails, stats.engine) == (2, 1, engine)
    [message] = delivered()
    assert message.to == [alert.email] and "Zonnepanelen op het gemeentehuis" in message.body
    assert "sportvelden" not in message.body
    unsubscribe = alerts.unsubscribe_url(alert)
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>" and unsubscribe in message.body
    alert.refresh_from_db()
    assert alert.last_sent_at is not None

    # The next run: nothing new, no mail (also not a repeat of the item reported).
    mail.outbox.clear()
    assert run_alerts(days=2).mails == 0 and delivered() == []
    # Not due yet (a day has not passed since the last run): not even looked at.
    assert run_alerts(days=2).alerts_due == 0


def test_members_only_private_and_unpublished_items_never_reach_an_alert_or_the_feed(
    engine, django_capture_on_commit_callbacks
):
    callbacks = django_capture_on_commit_callbacks
    confirmed_alert("q=kikkerpoel")
    publish_all(callbacks, "Kikkerpoel openbaar verslag")
    new_document("Kikkerpoel concept").save_revision()  # never published
    [password] = publish_all(callbacks, "Kikkerpoel met wachtwoord")
    with callbacks(execute=True):
        PageViewRestriction.objects.create(page=password, restriction_type=PageViewRestriction.PASSWORD, password="x")
    section = StandardPage(title="Intern", slug="intern")
    Page.objects.get(depth=2).add_child(instance=section)
    with callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    library = DocumentLibraryPage(title="Interne stukken", slug="interne-stukken")
    section.add_child(instance=library)
    publish_all(callbacks, "Kikkerpoel alleen voor leden", parent=library)

    run_alerts()
    [message] = delivered()
    assert "Kikkerpoel openbaar verslag" in message.body
    assert not any(word in message.body for word in ("concept", "wachtwoord", "leden"))

    if engine == "elasticsearch":
        refresh(elastic.client())
    feed = Client().get(reverse("search_feed") + "?q=kikkerpoel")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    titles = [e.text for e in ElementTree.fromstring(feed.content).iter(f"{ATOM}entry") for e in e.iter(f"{ATOM}title")]
    assert titles == ["Kikkerpoel openbaar verslag"]


def test_an_unsubscribe_drops_mail_already_queued(engine, django_capture_on_commit_callbacks):
    alert = confirmed_alert("q=waterschap")
    stay = confirmed_alert("q=waterschap", email="blijf@voorbeeld.nl")
    publish_all(django_capture_on_commit_callbacks, "Waterschap en gemeente werken samen")
    assert run_alerts().mails == 2
    assert OutgoingMail.objects.filter(subscription=alert.subscription_key).exists()
    Client(enforce_csrf_checks=True).post(reverse("search_alert_unsubscribe", args=[alert.token]))
    assert [message.to for message in delivered()] == [[stay.email]]


def test_unconfirmed_alerts_get_nothing_and_expire_in_the_run(django_capture_on_commit_callbacks, settings):
    SearchAlert.objects.create(email="nooit@voorbeeld.nl", query_string="", search_key="k")
    late = SearchAlert.objects.create(email="laat@voorbeeld.nl", query_string="q=x", search_key="l")
    SearchAlert.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=30))
    publish_all(django_capture_on_commit_callbacks, "Iets nieuws")
    stats = run_alerts()
    assert (stats.alerts_due, stats.mails, stats.expired) == (0, 0, 1)
    assert list(SearchAlert.objects.values_list("email", flat=True)) == ["nooit@voorbeeld.nl"]


def test_the_command_runs(capsys):
    call_command("send_search_alerts", "--frequency", "weekly")
    assert "weekly alert(s) due" in capsys.readouterr().out


@pytest.mark.parametrize(
    "query",
    ["", "q=%00%01", "year=99999999999&year=abcd", "from=2024-02-31&to=gisteren", "q=" + "x" * 5000, "sort=1&page=-1"],
)
def test_feed_answers_bad_parameters_without_an_error(client, query, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get(reverse("search_feed") + "?" + query)
    assert response.status_code == 200
    ElementTree.fromstring(response.content)
