"""Template tags for event pages."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from events.availability import RegistrationState
from events.structured_data import event_schema

register = template.Library()


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    # The event page's context has the registration state and places left already.
    state = context.get("registration_state")
    schema = event_schema(
        event,
        request=context.get("request"),
        state=RegistrationState(state) if state else None,
        seats=context.get("seats_left"),
    )
    # json.dumps cannot produce "</script>" once "<" is escaped, so the data stays inside its tag.
    payload = json.dumps(schema, ensure_ascii=False).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))
