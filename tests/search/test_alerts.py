"""Following a search by e-mail: double opt-in, tokens, one-click unsubscribe, limits, members'
own alerts, and pages that answer bad input without an error."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from search import alerts
from search.models_alerts import SearchAlert
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

FOLLOW = "/zoeken/volgen/"
SEARCH = "q=verrekenen&theme=bedrijfsvoering&type=document"


def follow(client, callbacks, email="lezer@voorbeeld.nl", search=SEARCH, frequency="daily"):
    with callbacks(execute=True):
        return client.post(FOLLOW, {"email": email, "frequency": frequency, "search": search})


def link_in(message, name):
    pattern = reverse(name, args=["TOKEN"]).replace("TOKEN", r"[\w-]+")
    return re.search(r"https?://[^/\s]+(" + pattern + ")", message.body).group(1)


def test_double_opt_in(client, django_capture_on_commit_callbacks):
    response = follow(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("search_alert_mailed")
    alert = SearchAlert.objects.get()
    assert alert.confirmed_at is None and alert.email == "lezer@voorbeeld.nl" and alert.frequency == "daily"
    # The search is stored as the search page understands it: sorted values, no unknown parameters.
    assert alert.query_string == "q=verrekenen&type=document&theme=bedrijfsvoering"

    [message] = mail.outbox
    assert message.to == ["lezer@voorbeeld.nl"] and "List-Unsubscribe" not in message.extra_headers
    confirm = link_in(message, "search_alert_confirm")
    # Following the link only shows a button: mail scanners follow links.
    assert client.get(confirm).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    assert Client().post(confirm).status_code == 200
    alert.refresh_from_db()
    assert alert.confirmed_at is not None and alert.checked_until == alert.confirmed_at
    assert Client().post(confirm).status_code == 200  # a second click changes nothing


def test_identical_searches_by_one_address_are_one_alert(client, django_capture_on_commit_callbacks):
    follow(client, django_capture_on_commit_callbacks, search="type=document&theme=bedrijfsvoering&q=verrekenen")
    follow(client, django_capture_on_commit_callbacks, email=" Lezer@Voorbeeld.nl ", search=SEARCH + "&page=3&zzz=1")
    assert SearchAlert.objects.count() == 1
    assert len(mail.outbox) == 2  # the confirmation is sent again while the alert is unconfirmed
    follow(client, django_capture_on_commit_callbacks, search="q=verrekenen")
    assert SearchAlert.objects.count() == 2


def test_a_confirmed_alert_is_not_confirmed_again_by_mail(client, django_capture_on_commit_callbacks):
    follow(client, django_capture_on_commit_callbacks)
    alerts.confirm(SearchAlert.objects.get())
    mail.outbox.clear()
    response = follow(client, django_capture_on_commit_callbacks)
    assert response.url == reverse("search_alert_mailed") and mail.outbox == []


@pytest.mark.parametrize(
    "token", ["onbekend", "x" * 65, "%00", "../../etc", "a" * 32, "ok%3Fx=1"], ids=lambda t: t[:10]
)
def test_unknown_or_tampered_tokens_get_a_clear_page(client, token):
    for name in ("search_alert_confirm", "search_alert_unsubscribe"):
        url = reverse(name, args=["PLACEHOLDER"]).replace("PLACEHOLDER", token)
        assert client.get(url).status_code in (200, 404)
        assert client.post(url).status_code in (200, 404)


def test_expired_confirmation_gets_a_clear_page_and_the_run_deletes_it(client, settings):
    alert = SearchAlert.objects.create(email="laat@voorbeeld.nl", query_string="q=x", search_key="k")
    SearchAlert.objects.filter(pk=alert.pk).update(
        created_at=timezone.now() - timedelta(days=settings.SEARCH_ALERTS_CONFIRM_DAYS, minutes=1)
    )
    response = client.get(reverse("search_alert_confirm", args=[alert.token]))
    assert response.status_code == 404 and response.templates[0].name == "search/alerts/invalid.html"
    assert client.post(reverse("search_alert_confirm", args=[alert.token])).status_code == 404
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    assert alerts.expire_unconfirmed() == 1 and not SearchAlert.objects.exists()


def test_one_click_unsubscribe_without_session_or_csrf_token():
    alert = SearchAlert.objects.create(
        email="weg@voorbeeld.nl", query_string="q=x", search_key="k", confirmed_at=timezone.now()
    )
    url = reverse("search_alert_unsubscribe", args=[alert.token])
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(url).status_code == 200 and SearchAlert.objects.exists()  # GET never unsubscribes
    response = browser.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not SearchAlert.objects.exists()
    assert browser.post(url).status_code == 200  # again: still a friendly answer


def test_limit_per_address(client, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_ALERTS_PER_ADDRESS = 2
    for query in ("a", "b", "c"):
        follow(client, django_capture_on_commit_callbacks, search=f"q={query}")
    assert SearchAlert.objects.count() == 2 and len(mail.outbox) == 2


def test_subscribing_is_rate_limited_per_address(client, settings, django_capture_on_commit_callbacks):
    settings.SEARCH_ALERTS_SUBSCRIBE_LIMIT = 2
    statuses = [follow(client, django_capture_on_commit_callbacks, search=f"q={n}").status_code for n in range(4)]
    assert statuses == [302, 302, 429, 429] and len(mail.outbox) == 2


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "geen-adres", "frequency": "daily"},
        {"email": "a@voorbeeld.nl", "frequency": "hourly"},
        {"email": "a@voorbeeld.nl", "frequency": "daily", "search": "year=abcd&from=gisteren&q=%00" + "x" * 5000},
        {"email": "a@voorbeeld.nl" * 50, "frequency": ["daily", "weekly"]},
    ],
)
def test_bad_follow_input_gets_the_form_again(client, data):
    response = client.post(FOLLOW, data)
    assert response.status_code == 200 and not SearchAlert.objects.exists()


def test_follow_page_reads_any_search_url(client):
    response = client.get(FOLLOW + "?q=%00verrekenen&year=²²²²&from=31-02-2020&theme=x&sort=zzz")
    assert response.status_code == 200
    assert response.context["form"].initial["search"]


def test_the_search_is_described_by_names_not_slugs():
    words, parts = alerts.describe("q=verrekenmodel&collaboration=bel-combinatie&type=document")
    assert words == "verrekenmodel"
    described = dict(parts)
    assert "BEL Combinatie" in described.values() and "bel-combinatie" not in described.values()


def test_members_alert_is_active_at_once_and_managed_on_the_account_page(client):
    member = MemberFactory()
    client.force_login(member)
    response = client.post(FOLLOW, {"frequency": "weekly", "search": SEARCH, "email": "ander@voorbeeld.nl"})
    assert response.status_code == 302 and response.url == reverse("search_alerts_account")
    alert = SearchAlert.objects.get()
    assert alert.user == member and alert.email == member.email.lower() and alert.confirmed_at is not None
    assert mail.outbox == []

    page = client.get(reverse("search_alerts_account"))
    assert page.status_code == 200 and reverse("search_alert_change", args=[alert.pk]).encode() in page.content
    client.post(reverse("search_alert_change", args=[alert.pk]), {"frequency": "daily", "action": "change"})
    alert.refresh_from_db()
    assert alert.frequency == "daily"

    other = Client()
    other.force_login(MemberFactory())
    assert other.post(reverse("search_alert_change", args=[alert.pk]), {"action": "delete"}).status_code == 404
    client.post(reverse("search_alert_change", args=[alert.pk]), {"action": "delete"})
    assert not SearchAlert.objects.exists()


def test_account_page_needs_a_login(client):
    assert client.get(reverse("search_alerts_account")).status_code == 302


def test_search_page_offers_the_alert_and_the_feed(client):
    response = client.get("/zoeken/?q=verrekenen&theme=bedrijfsvoering")
    content = response.content.decode()
    assert (
        'type="application/atom+xml"' in content and "/zoeken/atom/?q=verrekenen&amp;theme=bedrijfsvoering" in content
    )
    assert f'action="{FOLLOW}"' in content and 'name="search" value="q=verrekenen&amp;theme=bedrijfsvoering"' in content


@pytest.mark.parametrize("page", ["follow", "account", "confirm", "unsubscribe"])
def test_query_budgets(page, client, django_assert_max_num_queries):
    member = MemberFactory()
    alert = SearchAlert.objects.create(email=member.email, user=member, query_string=SEARCH, search_key="k")
    for n in range(10):
        SearchAlert.objects.create(email=member.email, user=member, query_string=f"q={n}", search_key=str(n))
    client.force_login(member)
    url = {
        "follow": FOLLOW + "?" + SEARCH,
        "account": reverse("search_alerts_account"),
        "confirm": reverse("search_alert_confirm", args=[alert.token]),
        "unsubscribe": reverse("search_alert_unsubscribe", args=[alert.token]),
    }[page]
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_anonymous_follow_needs_no_csrf_cookie_but_a_member_needs_the_token(django_capture_on_commit_callbacks):
    anonymous = Client(enforce_csrf_checks=True)
    assert not anonymous.get("/zoeken/?q=verrekenen").cookies  # the search page stays cookie-free
    assert follow(anonymous, django_capture_on_commit_callbacks).status_code == 302
    member = Client(enforce_csrf_checks=True)
    member.force_login(MemberFactory())
    assert member.post(FOLLOW, {"frequency": "daily", "search": SEARCH}).status_code == 403
    assert SearchAlert.objects.filter(user__isnull=False).count() == 0
