"""The forms of search alerts: following a search, and a member changing an alert's frequency."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models_alerts import SearchAlert


class FollowSearchForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=SearchAlert.Frequency.choices,
        initial=SearchAlert.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    # The search as the page's URL carries it; read again (and cleaned) by alerts.canonical_request.
    search = forms.CharField(required=False, max_length=4000, widget=forms.HiddenInput)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:
            # A member's alerts go to the account's address.
            del self.fields["email"]


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=SearchAlert.Frequency.choices, widget=forms.RadioSelect)
