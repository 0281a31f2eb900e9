"""Every public form looks and reads the same: NL Design System classes on each field (through
cms/includes/form_field.html), no placeholders, "— kies —" for an empty choice, and lists that
count what they list ("12 documenten", not "12 items").

Before: fields had no component classes (only the account pages' bare inputs stood out more),
an empty choice read "---------" (the profile's municipality and collaboration) or "Kies…" (an
event question), and every list counted "items".
"""

import re

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from cms.form_design import EMPTY_CHOICE_LABEL
from cms.models import Municipality
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class EveryKind(forms.Form):
    name = forms.CharField(widget=forms.TextInput(attrs={"placeholder": "Name"}))
    email = forms.EmailField()
    when = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    bio = forms.CharField(widget=forms.Textarea)
    municipality = forms.ModelChoiceField(Municipality.objects.all())
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    agree = forms.BooleanField()
    colour = forms.ChoiceField(choices=[("r", "Rood"), ("g", "Groen")], widget=forms.RadioSelect)
    themes = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple)
    photo = forms.FileField()


def rendered(form):
    html = "".join(render_to_string("cms/includes/form_field.html", {"field": field}) for field in form)
    return BeautifulSoup(html, "html.parser")


def classes_of(page, name):
    return [set(element.get("class", [])) for element in page.find_all(attrs={"name": name})]


def test_each_kind_of_field_gets_its_component():
    page = rendered(EveryKind())
    expected = {
        "name": "utrecht-textbox",
        "email": "utrecht-textbox",
        "when": "utrecht-textbox",
        "bio": "utrecht-textarea",
        "municipality": "utrecht-select",
        "kind": "utrecht-select",
        "agree": "utrecht-checkbox",
        "colour": "utrecht-radio-button",
        "themes": "utrecht-checkbox",
    }
    for name, component in expected.items():
        found = classes_of(page, name)
        assert found and all(component in classes for classes in found), (name, found)
    assert classes_of(page, "photo") == [set()]  # the design system has no file input
    assert page.find(attrs={"placeholder": True}) is None
    for label in page.find_all(["label", "legend"]):
        assert not label.get_text(strip=True).endswith(":")


def test_a_field_with_an_error_is_marked_invalid_in_its_component():
    page = rendered(EveryKind(data={}))
    assert "utrecht-textbox--invalid" in page.find(attrs={"name": "email"})["class"]
    assert "utrecht-select--invalid" in page.find(attrs={"name": "municipality"})["class"]
    assert page.find(attrs={"name": "email"})["aria-invalid"] == "true"


def test_an_empty_choice_says_choose_rather_than_dashes():
    page = rendered(EveryKind())
    for name in ("municipality", "kind"):
        first = page.find("select", attrs={"name": name}).find("option")
        assert first["value"] == "" and first.get_text() == str(EMPTY_CHOICE_LABEL)
    assert "---------" not in str(page)


def test_a_deliberate_empty_label_stays():
    class Filter(forms.Form):
        municipality = forms.ModelChoiceField(Municipality.objects.all(), required=False, empty_label="Alle gemeenten")

    assert rendered(Filter()).find("option").get_text() == "Alle gemeenten"


def test_the_profile_form_offers_kies_for_municipality_and_collaboration(client):
    member = UserFactory(username="keuze", email="keuze@example.nl")
    client.force_login(member)
    html = client.get("/account/profiel/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    page = BeautifulSoup(html, "html.parser").find("main")
    with translation.override("nl"):
        choose = str(EMPTY_CHOICE_LABEL)
    for name in ("municipality", "collaboration"):
        assert page.find("select", attrs={"name": name}).find("option").get_text() == choose
    assert "---------" not in html


def test_an_event_question_with_choices_offers_the_same_empty_choice(client):
    html = client.get("/evenementen/dag-van-de-ambtelijke-fusie/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    select = BeautifulSoup(html, "html.parser").find("form", class_="kp-form").find("select")
    with translation.override("nl"):
        assert select.find("option").get_text() == str(EMPTY_CHOICE_LABEL)


@pytest.mark.parametrize(
    "url, singular, plural",
    [
        ("/documenten/", "%(count)s document", "%(count)s documents"),
        ("/publicaties/", "%(count)s publication", "%(count)s publications"),
        ("/nieuws/", "%(count)s news item", "%(count)s news items"),
    ],
)
def test_lists_count_what_they_list(client, url, singular, plural):
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    count = BeautifulSoup(html, "html.parser").find("p", class_="kp-count").get_text(strip=True)
    number = int(re.match(r"\d+", count).group(0))
    with translation.override("nl"):
        assert count == ngettext(singular, plural, number) % {"count": number}
