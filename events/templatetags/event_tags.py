"""Template tags for event pages."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.structured_data import event_schema

register = template.Library()


@register.simple_tag
def event_json_ld(event):
    # json.dumps cannot produce "</script>" once "<" is escaped, so the data stays inside its tag.
    payload = json.dumps(event_schema(event), ensure_ascii=False).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
