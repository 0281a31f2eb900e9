"""How the site's forms look and read: NL Design System classes on every widget, and one
label for an empty choice.

Every public form renders its fields through ``cms/includes/form_field.html`` (allauth's
account pages too, through ``allauth/elements/fields.html``), which calls ``design_widget``:
so a new form needs nothing of its own to look and read like the others.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

# What an empty choice says instead of Django's "---------".
EMPTY_CHOICE_LABEL = _("— choose —")
DJANGO_EMPTY_LABEL = "---------"

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"


def widget_classes(widget):
    """The design system's classes for a widget (radio and checkbox lists pass them to each
    option), or "" for widgets it has no component for (file uploads)."""
    if isinstance(widget, forms.Textarea):
        return TEXTAREA
    if isinstance(widget, forms.RadioSelect):  # also CheckboxSelectMultiple
        return CHECKBOX if widget.input_type == "checkbox" else RADIO
    if isinstance(widget, forms.Select):
        return SELECT
    if isinstance(widget, forms.CheckboxInput):
        return CHECKBOX
    if isinstance(widget, (forms.FileInput, forms.HiddenInput)):
        return ""
    if isinstance(widget, forms.widgets.Input):
        return TEXTBOX
    return ""


def invalid_modifier(classes):
    """The invalid state of the component: utrecht-textbox--invalid and so on."""
    component = classes.split()[0] if classes else ""
    return f"{component}--invalid" if component else ""


def design_widget(bound_field):
    """The field's widget with the design system's classes. Placeholders are left out: every
    field has a visible label, and a placeholder that vanishes on typing only repeats it."""
    relabel_empty_choice(bound_field.field)
    widget = bound_field.field.widget
    classes = widget_classes(widget)
    if classes and bound_field.errors:
        classes = f"{classes} {invalid_modifier(classes)}"
    existing = widget.attrs.get("class", "")
    attrs = {"placeholder": False}
    if classes:
        attrs["class"] = f"{existing} {classes}".strip()
    return bound_field.as_widget(attrs=attrs)


def relabel_empty_choice(field):
    """Say "— choose —" for an empty choice rather than Django's "---------"; a deliberate
    label ("All municipalities") stays."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_CHOICE_LABEL
    elif isinstance(field, forms.ChoiceField):
        field.choices = [
            (value, EMPTY_CHOICE_LABEL if value == "" and label == DJANGO_EMPTY_LABEL else label)
            for value, label in field.choices
        ]
