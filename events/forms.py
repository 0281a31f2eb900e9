"""The registration form: name, address and organisation, plus the event's extra questions.

A member's form starts with what the site knows: the name from the account, the organisation
and function from their community profile (a short-answer question called "Functie" or
"Function" is the function)."""

import re

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from cms.form_design import EMPTY_CHOICE_LABEL
from events.models import EventQuestion

Kind = EventQuestion.Kind
FUNCTION_QUESTION = re.compile(r"^\W*(uw |je |your )?(functie|function)\W*$", re.IGNORECASE)


def member_profile(member):
    """The member's community profile, or None (staff accounts may have none)."""
    try:
        return member.profile
    except ObjectDoesNotExist:
        return None


def is_function_question(question):
    return question.kind == Kind.TEXT and bool(FUNCTION_QUESTION.match(question.label))


def _question_field(question):
    common = {"label": question.label, "help_text": question.help_text, "required": question.required}
    if question.kind == Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)
    if question.kind == Kind.CHOICE:
        choices = [("", EMPTY_CHOICE_LABEL)] + [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(choices=choices, **common)
    if question.kind == Kind.YES_NO:
        return forms.ChoiceField(choices=[("ja", _("Yes")), ("nee", _("No"))], widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=200, **common)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    # 254: what the registration's column holds (a longer valid address would fail on save).
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        help_text=_("For example your municipality or collaboration."),
    )
    # Left empty by people; bots fill in every field they find.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, event, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.member = member
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _question_field(question)
        if member is not None:
            # A member's address is their account's: shown, not editable.
            del self.fields["email"]
            self.fields["name"].initial = member.get_full_name() or member.get_username()
            self._prefill_from_profile(member_profile(member))

    def _prefill_from_profile(self, profile):
        if profile is None:
            return
        self.fields["organisation"].initial = profile.organisation
        for question in self.questions:
            if is_function_question(question):
                self.fields[f"question_{question.pk}"].initial = profile.function

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def question_fields(self):
        return [self[f"question_{question.pk}"] for question in self.questions]

    def answers(self):
        return {question.label: self.cleaned_data.get(f"question_{question.pk}", "") for question in self.questions}
