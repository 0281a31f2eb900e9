"""schema.org descriptions (JSON-LD) of the register's entities, for search engines and for
anyone linking data: a municipality with its CBS code and TOOI identifier, a collaboration
with its member municipalities; questions and answers as QAPage and FAQPage.

Full URLs start from the site's own address (``WAGTAILADMIN_BASE_URL``, from SITE_URL), never
the request's Host header: pages and API answers are cached and served to everyone.
"""

import json
from html import unescape
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

# What json_script escapes: nothing in the data can close the script element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script(data):
    """``data`` as a <script type="application/ld+json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def site_url(url):
    """``url`` (a path, or a full URL on any host) as a full URL on the site's own address."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def page_url(page, request=None):
    """The full URL of a Wagtail page on the site's own address, or None when it has none."""
    parts = page.get_url_parts(request)
    return site_url(parts[2]) if parts and parts[2] else None


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


def collaboration(collaboration, url, member_urls):
    """A collaboration as a schema.org GovernmentOrganization whose members are the
    municipalities (each identified by its TOOI id); ``url`` is its profile's full URL and
    ``member_urls`` pairs each member municipality with its page's full URL."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": url,
        "name": collaboration.name,
        "alternateName": collaboration.short_name,
        "url": url,
        "member": [_member(municipality_, member_url) for municipality_, member_url in member_urls],
    }
    if collaboration.started_on:
        data["foundingDate"] = collaboration.started_on  # ISO 8601, at the precision known
    if collaboration.ended_on:
        data["dissolutionDate"] = collaboration.ended_on
    if collaboration.website:
        data["sameAs"] = collaboration.website
    return data


def _member(municipality_, url):
    data = municipality(municipality_, url)
    del data["@context"]  # given once, on the collaboration
    return data


def _plain(html):
    """Text of rich text or a StreamField value, for schema.org's ``text``."""
    return " ".join(unescape(strip_tags(str(html))).split())


def _answer(text, **extra):
    return {"@type": "Answer", "text": text, **extra}


def qa_page(question, url):
    """A question page as a schema.org QAPage: the question with its accepted answer (the short
    answer and the full answer), credited to the member it came from if there is one."""
    answer = _answer(" ".join(part for part in (question.summary, _plain(question.body)) if part), url=url)
    if question.date:
        answer["dateCreated"] = question.date.isoformat()
    if question.credited_name:
        answer["author"] = {"@type": "Person", "name": question.credited_name}
    return {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "url": url,
        "mainEntity": {
            "@type": "Question",
            "name": question.title,
            "text": question.question or question.title,
            "answerCount": 1,
            "acceptedAnswer": answer,
        },
    }


def faq_page(questions):
    """The questions overview as a schema.org FAQPage: the listed questions with their short
    answers; None when the list is empty (an FAQPage needs at least one question)."""
    if not questions:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": question.title, "acceptedAnswer": _answer(question.summary)}
            for question in questions
        ],
    }
