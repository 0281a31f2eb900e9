"""Counting limits for things visitors can trigger: mail to a typed address, mentions, reports.

The counters live in the ``default`` cache, which holds state that must survive (allauth's
login limits live there too) and which no visitor can fill: the page cache has an alias of its
own (DESIGN.md, "Rules learned the hard way"). A window is fixed (it starts with the first
attempt), which is simple and enough to stop a loop.
"""

import hashlib
import ipaddress

from allauth.account.adapter import get_adapter
from django.core.cache import caches

STATE_CACHE = "default"


def client_address(request):
    """The visitor's address as the rate limits see it: behind ``TRUSTED_PROXY_COUNT`` proxies
    the forwarded one, and an IPv6 address as its /64 (one household or server, not one host)."""
    address = get_adapter(request).get_client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _key(scope, subject):
    digest = hashlib.sha256(str(subject).strip().lower().encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}"


def consume(scope, subject, *, limit, period):
    """Count one attempt by ``subject`` (an address, a user id) in ``scope``; False when
    ``limit`` attempts were already made in the current ``period`` (seconds)."""
    cache = caches[STATE_CACHE]
    key = _key(scope, subject)
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this attempt starts a new window
        cache.add(key, 1, period)
        count = 1
    return count <= limit


def remaining(scope, subject, *, limit):
    """How many attempts are left in the current window, without counting one."""
    return max(0, limit - (caches[STATE_CACHE].get(_key(scope, subject)) or 0))


def consume_all(checks):
    """Count an attempt against several limits, e.g. per address and per IP address. Every
    limit counts the attempt (so a refused loop stays refused); True only when none is over.

    ``checks`` is an iterable of ``(scope, subject, limit, period)``.
    """
    results = [consume(scope, subject, limit=limit, period=period) for scope, subject, limit, period in checks]
    return all(results)
