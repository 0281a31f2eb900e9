"""Every allauth page a member can reach looks like the rest of the site: the NL Design
System's form fields, text boxes, buttons and links, labels without colons, errors summed up
above the form. allauth draws its pages from "elements" (templates/allauth/elements/), so the
pages follow without copies of their own; this walks them all, in every state a member meets.

Before: allauth's bare elements (form.as_p, "E-mail:" labels, unstyled 21px fields and buttons).
"""

import re
from urllib.parse import urlsplit

import allauth.account.urls
import allauth.mfa.urls
import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, reverse

from tests.factories import PASSWORD, MemberFactory

from .conftest import current_code

pytestmark = pytest.mark.django_db  # (so the test database is set up for the walk below)

# URL names that show no page of their own with this site's settings (and what they do instead).
NOT_PAGES = {
    "account_confirm_login_code": "logging in by e-mailed code is off: back to the login page",
    "mfa_download_recovery_codes": "a text file with the codes",
}
FIELD_CLASSES = ("utrecht-textbox", "utrecht-textarea", "utrecht-select", "utrecht-checkbox", "utrecht-radio-button")


def url_names(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


ALL_URL_NAMES = set(url_names(allauth.account.urls.urlpatterns)) | set(url_names(allauth.mfa.urls.urlpatterns))


def path_of(response):
    return urlsplit(response.url).path


class Walk:
    """The pages seen so far: (URL name, state) -> response."""

    def __init__(self):
        self.pages = {}

    def see(self, name, state, response):
        assert response.status_code == 200, f"{name} ({state}): {response.status_code} {getattr(response, 'url', '')}"
        self.pages[(name, state)] = response
        return response


def log_in(client, user, secret=None):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    if secret:
        assert path_of(response) == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(user.pk)


def walk_anonymous(walk, member):
    client = Client()
    walk.see("account_login", "empty", client.get(reverse("account_login")))
    walk.see(
        "account_login",
        "wrong password",
        client.post(reverse("account_login"), {"login": member.email, "password": "fout"}),
    )
    walk.see("account_signup", "empty", client.get(reverse("account_signup")))
    walk.see(
        "account_signup",
        "with errors",
        client.post(
            reverse("account_signup"),
            {
                "email": "nieuw@example.nl",
                "first_name": "Nieuw",
                "last_name": "",
                "password1": PASSWORD,
                "password2": "anders",
            },
        ),
    )
    walk.see("account_reset_password", "empty", client.get(reverse("account_reset_password")))
    walk.see(
        "account_reset_password", "with errors", client.post(reverse("account_reset_password"), {"email": "geen adres"})
    )
    walk.see("account_reset_password_done", "", client.get(reverse("account_reset_password_done")))
    uid, token = user_pk_to_url_str(member), default_token_generator.make_token(member)
    response = client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": token}), follow=True)
    walk.see("account_reset_password_from_key", "new password form", response)
    walk.see(
        "account_reset_password_from_key",
        "with errors",
        client.post(response.request["PATH_INFO"], {"password1": PASSWORD, "password2": "x"}),
    )
    walk.see(
        "account_reset_password_from_key",
        "bad token",
        client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": "fout-sleutel"})),
    )
    walk.see("account_reset_password_from_key_done", "", client.get(reverse("account_reset_password_from_key_done")))
    walk.see("account_email_verification_sent", "", client.get(reverse("account_email_verification_sent")))
    unverified = MemberFactory(username="nog-niet-bevestigd", verified=False, first_name="Nina", last_name="Nieuw")
    confirmation = EmailConfirmationHMAC(EmailAddress.objects.get(user=unverified))
    walk.see(
        "account_confirm_email", "valid link", client.get(reverse("account_confirm_email", args=[confirmation.key]))
    )
    walk.see("account_confirm_email", "expired link", client.get(reverse("account_confirm_email", args=["verlopen"])))
    walk.see("account_inactive", "", client.get(reverse("account_inactive")))
    assert path_of(client.get(reverse("account_confirm_login_code"))) == reverse("account_login")


def walk_member(walk, member):
    client = Client()
    log_in(client, member)
    walk.see("account_reset_password", "logged in", client.get(reverse("account_reset_password")))
    walk.see("account_change_password", "empty", client.get(reverse("account_change_password")))
    walk.see(
        "account_change_password",
        "with errors",
        client.post(reverse("account_change_password"), {"oldpassword": "fout"}),
    )
    walk.see("account_reauthenticate", "empty", client.get(reverse("account_reauthenticate")))
    walk.see(
        "account_reauthenticate", "with errors", client.post(reverse("account_reauthenticate"), {"password": "fout"})
    )
    walk.see("mfa_index", "nothing set up", client.get(reverse("mfa_index")))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    walk.see("mfa_activate_totp", "QR code", client.get(reverse("mfa_activate_totp")))
    walk.see("mfa_activate_totp", "wrong code", client.post(reverse("mfa_activate_totp"), {"code": "000000"}))
    # After the app: allauth sets up two-factor authentication only when every address is verified.
    EmailAddress.objects.create(user=member, email="tweede@example.nl", verified=False, primary=False)
    walk.see("account_email", "two addresses", client.get(reverse("account_email")))
    walk.see(
        "account_email", "with errors", client.post(reverse("account_email"), {"action_add": "", "email": "geen adres"})
    )
    walk.see("account_logout", "", client.get(reverse("account_logout")))

    without_password = MemberFactory(username="zonder-wachtwoord")
    without_password.set_unusable_password()
    without_password.save()
    client = Client()
    client.force_login(without_password)
    walk.see("account_set_password", "empty", client.get(reverse("account_set_password")))
    walk.see("account_set_password", "with errors", client.post(reverse("account_set_password"), {"password1": "kort"}))


def walk_two_factor(walk):
    user = MemberFactory(username="met-app", first_name="Bert", last_name="Bos")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    walk.see("mfa_authenticate", "empty", client.get(reverse("mfa_authenticate")))
    walk.see("mfa_authenticate", "wrong code", client.post(reverse("mfa_authenticate"), {"code": "000000"}))
    cache.clear()  # the wrong code counts against allauth's rate limit
    client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    walk.see("mfa_index", "app and codes set up", client.get(reverse("mfa_index")))
    walk.see("mfa_reauthenticate", "empty", client.get(reverse("mfa_reauthenticate")))
    walk.see("mfa_reauthenticate", "wrong code", client.post(reverse("mfa_reauthenticate"), {"code": "000000"}))
    cache.clear()
    client.post(reverse("mfa_reauthenticate"), {"code": current_code(secret)})
    walk.see("mfa_deactivate_totp", "", client.get(reverse("mfa_deactivate_totp")))
    walk.see("mfa_view_recovery_codes", "", client.get(reverse("mfa_view_recovery_codes")))
    walk.see("mfa_generate_recovery_codes", "", client.get(reverse("mfa_generate_recovery_codes")))
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/plain")


@pytest.fixture(scope="module")
def walk(django_db_setup, django_db_blocker):
    """One walk for all the tests here (the pages are only read), undone afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()  # allauth's rate limits count in the cache
        walk = Walk()
        member = MemberFactory(username="anna", first_name="Anna", last_name="de Vries")
        walk_anonymous(walk, member)
        walk_member(walk, member)
        walk_two_factor(walk)
        cache.clear()
        yield walk
        transaction.set_rollback(True)


def design_problems(response):
    """What on this page is not drawn with the design system's components."""
    main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
    problems = []
    if not main.find("h1", class_="utrecht-heading-1"):
        problems.append("no utrecht-heading-1")
    for field in main.find_all(["input", "select", "textarea"]):
        if field.get("type") == "hidden":
            continue
        if not any(component in field.get("class", []) for component in FIELD_CLASSES):
            problems.append(f"bare field: {field}")
        if not field.find_parent(class_="utrecht-form-field"):
            problems.append(f"field outside a utrecht-form-field: {field}")
    for button in main.find_all("button"):
        if "utrecht-button" not in button.get("class", []):
            problems.append(f"bare button: {button}")
    for label in main.find_all("label"):
        if "utrecht-form-label" not in label.get("class", []):
            problems.append(f"bare label: {label}")
        if re.search(r":\s*(\(\w+\))?\s*$", label.get_text(" ", strip=True)):
            problems.append(f"label with a colon: {label.get_text(strip=True)!r}")
    for form in main.find_all("form"):
        fields = [f for f in form.find_all(["input", "select", "textarea"]) if f.get("type") != "hidden"]
        if fields and not form.find(class_="utrecht-form-field"):
            problems.append("a form without form fields")
    return problems


def test_every_page_of_allauth_is_walked(walk):
    walked = {name for name, state in walk.pages}
    assert walked == ALL_URL_NAMES - set(NOT_PAGES)


def test_every_account_page_uses_the_design_system(walk):
    problems = {f"{name} ({state})": design_problems(response) for (name, state), response in walk.pages.items()}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_forms_are_drawn_with_form_fields_text_boxes_and_buttons(walk):
    with_text_boxes = 0
    for (name, _state), response in walk.pages.items():
        main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
        for form in main.find_all("form"):
            if form.find("input", attrs={"type": ["email", "password", "text"]}):
                with_text_boxes += 1
                assert form.select(".utrecht-form-field .utrecht-form-label"), name
                assert form.select(".utrecht-form-field .utrecht-textbox"), name
                assert form.select(".utrecht-button-group .utrecht-button"), name
    assert with_text_boxes >= 20


def test_form_errors_are_summed_up_above_the_form_and_marked_at_the_field(walk):
    for (name, state), response in walk.pages.items():
        if state not in {"with errors", "wrong password", "wrong code"}:
            continue
        main = BeautifulSoup(response.content.decode(), "html.parser").find("main")
        summary = main.find(class_="kp-alert--error", attrs={"role": "alert"})
        assert summary is not None and summary.find("li"), f"{name} ({state}): no error summary"
        for link in summary.find_all("a"):
            field = main.find(id=link["href"].removeprefix("#"))
            assert field is not None and field.get("aria-invalid") == "true", f"{name}: {link}"
            assert field.find_parent(class_="utrecht-form-field--invalid") is not None


def test_buttons_that_are_links_look_like_buttons(walk):
    index = BeautifulSoup(walk.pages[("mfa_index", "app and codes set up")].content.decode(), "html.parser").find(
        "main"
    )
    actions = index.select(".kp-panel a")
    assert actions and all("utrecht-button-link" in a["class"] for a in actions)
    assert "utrecht-button-link--danger" in index.find("a", href=reverse("mfa_deactivate_totp"))["class"]


def test_the_authenticator_secret_can_be_copied(walk):
    page = BeautifulSoup(walk.pages[("mfa_activate_totp", "QR code")].content.decode(), "html.parser")
    secret = page.find(id="authenticator_secret")
    assert secret.has_attr("readonly") and not secret.has_attr("disabled")
    assert page.find("img", class_="kp-qr-code")["src"].startswith("data:image/svg+xml")


def test_the_account_pages_have_a_menu_of_each_other(walk):
    page = BeautifulSoup(walk.pages[("account_change_password", "empty")].content.decode(), "html.parser")
    menu = page.find("nav", class_="kp-account-menu")
    links = {a["href"] for a in menu.find_all("a")}
    assert {reverse("account_email"), reverse("account_change_password"), reverse("mfa_index")} <= links
    assert menu.find("a", attrs={"aria-current": "page"})["href"] == reverse("account_change_password")


@pytest.mark.parametrize("url_name", ["community:edit_profile", "community:my_data"])
def test_the_profile_and_data_pages_share_the_menu(client, url_name):
    client.force_login(MemberFactory(username="menu"))
    page = BeautifulSoup(client.get(reverse(url_name)).content.decode(), "html.parser")
    assert page.find("nav", class_="kp-account-menu").find("a", attrs={"aria-current": "page"})["href"] == reverse(
        url_name
    )
