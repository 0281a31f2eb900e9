"""schema.org descriptions (JSON-LD) of the register's entities, for search engines and for
anyone linking data: a municipality with its CBS code and TOOI identifier."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# What json_script escapes: nothing in the data can close the script element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script(data):
    """``data`` as a <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def municipality(municipality, url):
    """A municipality as a schema.org GovernmentOrganization; ``url`` is its page's full URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": municipality.tooi_id or url,
        "name": f"Gemeente {municipality.name}",
        "url": url,
        "address": {"@type": "PostalAddress", "addressRegion": municipality.province.name, "addressCountry": "NL"},
    }
    if municipality.cbs_code:
        data["identifier"] = [
            {"@type": "PropertyValue", "propertyID": "CBS-gemeentecode", "value": municipality.cbs_code},
            {"@type": "PropertyValue", "propertyID": "TOOI", "value": municipality.tooi_id},
        ]
    if municipality.valid_from:
        data["foundingDate"] = municipality.valid_from.isoformat()
    if municipality.valid_until:
        data["dissolutionDate"] = municipality.valid_until.isoformat()
    return data
