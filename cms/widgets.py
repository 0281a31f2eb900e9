"""Admin widgets shared by the page and snippet forms."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a box above them that narrows the list to what the editor types: one
    widget for every taxonomy an item is tagged with (collaborations, municipalities, themes),
    also for the several hundred municipalities. The box appears only with JavaScript; without
    it the list is plain checkboxes."""

    class Media:
        js = ["js/admin-checkbox-filter.js"]
        css = {"all": ["css/admin-checkbox-filter.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        filter_id = f"{(attrs or {}).get('id') or 'id_' + name}_filter"
        return format_html(
            '<div class="kp-checkbox-filter" data-checkbox-filter>'
            '<p class="kp-checkbox-filter__search" hidden><label for="{}">{}</label> '
            '<input type="search" id="{}" data-checkbox-filter-input autocomplete="off"></p>'
            '<div class="kp-checkbox-filter__list">{}</div></div>',
            filter_id,
            _("Find in the list"),
            filter_id,
            checkboxes,
        )
