"""Forms of the community pages."""

import functools

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from cms.models import Collaboration, Municipality, Phase
from core import content_cache

from .models import Flag, MemberProfile

BODY_HELP = _(
    "Formatting: **bold**, *italic*, [link text](https://…), > quote, - list. Type @ and the first letters "
    "of a name to mention a member. “Show preview” shows your post before you post it."
)


class MentionTextarea(forms.Textarea):
    """A message box that static/js/mentions.js enhances with member suggestions after "@";
    the texts it announces come from here, in the page's language."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "rows": 8,
                "data-mention-url": reverse_lazy("community:mention_suggestions"),
                "data-mention-label": _("Members to mention"),
                "data-mention-one": _("1 member found. Use the arrow keys to choose, then Enter or Tab."),
                "data-mention-many": _("{count} members found. Use the arrow keys to choose, then Enter or Tab."),
                "data-mention-none": _("No member found with this name."),
                "data-mention-chosen": _("{name} added."),
                **(attrs or {}),
            }
        )


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=20000, help_text=BODY_HELP, widget=MentionTextarea)


class TopicForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=150)
    phase = forms.ModelChoiceField(
        label=_("Phase of the route (optional)"),
        queryset=Phase.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("No particular phase"),
        help_text=_("The phase pages list the discussions about their phase."),
    )
    is_question = forms.BooleanField(
        label=_("I am asking a question"),
        required=False,
        help_text=_("You or a moderator can then mark the reply that answers it."),
    )
    field_order = ["title", "phase", "is_question", "body"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"), choices=Flag.Reason.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Explanation (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DirectoryFilter(forms.Form):
    collaboration = forms.ModelChoiceField(
        label=_("Collaboration"),
        queryset=Collaboration.objects.order_by("short_name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All collaborations"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    function = forms.CharField(label=_("Function"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The options as the fields would list them, read once per content generation; the
        # fields still check a chosen value against their queryset.
        for name in ("collaboration", "municipality"):
            field = self.fields[name]
            options = content_cache.remember(f"directory-choices:{name}", functools.partial(_options, field))
            field.widget.choices = [("", field.empty_label), *options]

    def active_count(self):
        """How many filters narrow the list (valid and not empty): what the "Filteren" button says."""
        if not self.is_bound or not self.is_valid():
            return 0
        return sum(1 for value in self.cleaned_data.values() if value not in (None, ""))

    def filter(self, profiles):
        """The profiles that match the valid filters (a bad value makes the form invalid instead)."""
        data = self.cleaned_data
        if data["collaboration"]:
            profiles = profiles.filter(collaboration=data["collaboration"])
        if data["municipality"]:
            profiles = profiles.filter(municipality=data["municipality"])
        if data["function"]:
            profiles = profiles.filter(function__icontains=data["function"])
        return profiles


def _options(field):
    return [(choice.slug, field.label_from_instance(choice)) for choice in field.queryset]


class _CurrentPhoto:
    """The photo as the photo field shows it: through the app (the file is not public)."""

    def __init__(self, url):
        self.url = url

    def __str__(self):
        return str(_("your current photo"))


class PhotoInput(forms.ClearableFileInput):
    photo_url = ""

    def format_value(self, value):
        return _CurrentPhoto(self.photo_url) if self.is_initial(value) and self.photo_url else None


AVATAR_MAX_BYTES = 2 * 1024 * 1024
AVATAR_MAX_PIXELS = 4000 * 4000


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    class Meta:
        model = MemberProfile
        fields = [
            "function",
            "organisation",
            "municipality",
            "collaboration",
            "bio",
            "avatar",
            "visibility",
            "show_email",
            "notify_on_mention",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4}), "avatar": PhotoInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["avatar"].widget.photo_url = self.instance.avatar_url

    def clean_avatar(self):
        from .avatars import check_avatar

        avatar = self.cleaned_data.get("avatar")
        if avatar and hasattr(avatar, "content_type"):  # a new upload
            check_avatar(avatar, AVATAR_MAX_BYTES, AVATAR_MAX_PIXELS)
        return avatar


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
    )
    confirm = forms.BooleanField(label=_("Yes, delete my account for good"))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("That is not your password."))
        return ""


class SignupNameForm(forms.Form):
    """Added to allauth's sign-up form: members appear by name, not by a generated username."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    # A honeypot: hidden by CSS (site.css), so people leave it empty and bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def signup(self, request, user):
        user.first_name, user.last_name = self.cleaned_data["first_name"], self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        MemberProfile.objects.get_or_create(user=user)  # in the directory from the start (their choice later)
