"""What the search page tests share: requests to the page and the autocomplete, and reading
the results, facets and form from the HTML.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit

from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

SEARCH = "/zoeken/"
SUGGEST = "/zoeken/suggesties/"
SETTLEMENT = "Verrekenen in de BAR-samenwerking"
FALLBACK_NOTICE = "The full search service is temporarily unavailable; these results come from the basic search."


def dutch(msgid):
    """The Dutch text of an interface msgid (and proof that it is translated)."""
    with translation.override("nl"):
        text = gettext(msgid)
    assert text != msgid, f"no Dutch translation for {msgid!r}"
    return text


def get(client, query=""):
    """GET the search page; ``query`` is a query string or a dict/list of pairs."""
    if not isinstance(query, str):
        query = urlencode(query, doseq=True)
    response = client.get(f"{SEARCH}?{query}" if query else SEARCH)
    assert response.status_code == 200, response.status_code
    return response


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def hit_titles(response):
    return [a.get_text(strip=True) for a in html(response).select(".kp-hits .kp-card__title a")]


def params(url):
    """The query parameters of a link as a sorted list of pairs (order-insensitive)."""
    return sorted(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def checkbox(soup, facet_name, value):
    return soup.find("input", attrs={"type": "checkbox", "name": facet_name, "value": value})


def facet_label(soup, facet_name, value):
    box = checkbox(soup, facet_name, value)
    return " ".join(soup.find("label", attrs={"for": box["id"]}).get_text().split())


def submit_form(soup, toggle=None):
    """What a browser without JavaScript sends when the search form is submitted, after
    (un)ticking the checkbox ``toggle`` = (facet name, value)."""
    form = soup.find("form", id="search-form")
    pairs = []
    for control in form.find_all(["input", "select"]):
        name = control.get("name")
        if not name:
            continue
        if control.name == "select":
            option = control.find("option", selected=True) or control.find("option")
            pairs.append((name, option["value"]))
        elif control.get("type") == "checkbox":
            checked = control.has_attr("checked")
            if toggle == (name, control["value"]):
                checked = not checked
            if checked:
                pairs.append((name, control["value"]))
        else:
            pairs.append((name, control.get("value", "")))
    return urlencode(pairs)


def suggestions(client, prefix):
    response = client.get(SUGGEST, {"q": prefix})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]
