"""Template filters for the site's forms (cms/form_design.py)."""

from django import template

from cms import form_design

register = template.Library()


@register.filter
def design_widget(bound_field):
    return form_design.design_widget(bound_field)
