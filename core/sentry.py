"""Errors to Sentry (or a compatible service such as GlitchTip) when ``SENTRY_DSN`` is set,
without personal data: no cookies, request bodies, IP addresses or user details, and e-mail
addresses in messages are masked."""

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
MASK = "[e-mail]"


def _mask(value):
    """Every string inside ``value`` (dicts and lists included) with e-mail addresses masked."""
    if isinstance(value, str):
        return EMAIL.sub(MASK, value)
    if isinstance(value, dict):
        return {key: _mask(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_mask(item) for item in value]
    return value


def scrub(event, hint=None):
    """before_send: remove what identifies a person from an error event."""
    request = event.get("request") or {}
    for key in ("cookies", "data", "env"):
        request.pop(key, None)
    headers = request.get("headers") or {}
    for name in list(headers):
        if name.lower() in {"cookie", "authorization", "x-forwarded-for", "x-real-ip", "x-csrftoken"}:
            del headers[name]
    user = event.get("user")
    if user:
        event["user"] = {"id": user["id"]} if user.get("id") else {}
    # Messages, exception values, log parameters, breadcrumbs, extras: no address anywhere.
    event.update(_mask(dict(event)))
    return event


def init(dsn, *, environment, release=None):
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,  # locals hold addresses and form data
        before_send=scrub,
        traces_sample_rate=0,
    )
