"""The filter panel every filtered list uses (search, document library, members' directory).

    {% filter_panel active_count %} ...the filter form's fields and buttons... {% endfilter_panel %}

On phones it is a "Filteren" disclosure that says how many filters are on, so the results
come first; from 48em it is the sidebar, always open (site.css). A <details> element, so it
works without JavaScript.
"""

from django import template
from django.template.loader import get_template

register = template.Library()


class FilterPanelNode(template.Node):
    def __init__(self, nodelist, active):
        self.nodelist, self.active = nodelist, active

    def render(self, context):
        return get_template("cms/includes/filter_panel.html").render(
            {
                "content": self.nodelist.render(context),
                "active": self.active.resolve(context) or 0,
            }
        )


@register.tag("filter_panel")
def filter_panel(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% filter_panel %} takes one argument: how many filters are on")
    nodelist = parser.parse(("endfilter_panel",))
    parser.delete_first_token()
    return FilterPanelNode(nodelist, parser.compile_filter(bits[1]))
