"""The site's side of the page benchmark (pages_bench.py): what runs inside Django on the bench
database (the member and the discussion topic it needs, the pages' addresses, the SQL queries
per page) and the HTTP checks before a page is measured (logging in, the answer itself).

Run as ``pages_site.py _site`` or ``_queries`` by pages_bench.py, with the bench database's
environment; each step writes its JSON to ``BENCH_OUTPUT``.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

# (key, label, members only): the pages measured, in the table's order.
PAGES = [
    ("home", "home", False),
    ("news_listing", "news listing", False),
    ("document_listing", "document listing", False),
    ("document", "document page", False),
    ("publication", "publication page", False),
    ("news", "news page", False),
    ("event", "event page", False),
    ("collaboration", "collaboration profile", False),
    ("topic", "discussion topic, 20 posts", False),
    ("directory", "members' directory", True),
    ("search", "search ?q=verrekenmodel", False),
]
LABELS = {key: label for key, label, _ in PAGES}
MEMBERS_ONLY = {key for key, _, members_only in PAGES if members_only}
USERNAME = "paginabench-{}"  # the topic's authors; number 0 is the member who logs in
AUTHORS, POSTS = 5, 20
PASSWORD = "paginabench-" + "x" * 12
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGGED_IN = re.compile(r'action="[^"]*/account/logout/')  # base.html's log-out form


# --- inside Django ----------------------------------------------------------------------------


def member(number):
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.models import MemberProfile

    user, created = get_user_model().objects.get_or_create(
        username=USERNAME.format(number),
        defaults={"email": f"{USERNAME.format(number)}@example.org", "first_name": "Bench", "last_name": str(number)},
    )
    if created:
        user.set_password(PASSWORD)
        user.date_joined = timezone.now() - timedelta(days=365)  # no new-member limits
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        MemberProfile.objects.get_or_create(user=user)
    return user


def prepare_site():
    """The verified members, a public topic with 20 posts by five of them, and the pages' URLs."""
    from django.utils import timezone

    from cms.models import (
        CollaborationPage,
        DocumentLibraryPage,
        KnowledgeDocumentPage,
        NewsIndexPage,
        NewsPage,
        PublicationPage,
    )
    from community import posting
    from community.models import Category, CategoryAccess
    from events.models import EventPage

    authors = [member(number) for number in range(AUTHORS)]
    category, _ = Category.objects.get_or_create(
        slug="paginabench", defaults={"name": "Paginabenchmark", "access": CategoryAccess.PUBLIC}
    )
    topic = category.topics.order_by("pk").first() or posting.start_topic(
        authors[0], category, "Een onderwerp met twintig berichten", "Het eerste bericht van de paginabenchmark."
    )
    while (count := topic.posts.count()) < POSTS:
        posting.reply(authors[count % AUTHORS], topic, f"Bericht {count + 1} van de paginabenchmark.")

    def first(model):  # the demo's own page (seeded before the synthetic items)
        return model.objects.live().public().order_by("pk").first()

    upcoming = EventPage.objects.live().public().filter(start__gte=timezone.now()).order_by("start").first()
    urls = {
        "home": "/",
        "news_listing": first(NewsIndexPage).url,
        "document_listing": first(DocumentLibraryPage).url,
        "document": first(KnowledgeDocumentPage).url,
        "publication": first(PublicationPage).url,
        "news": first(NewsPage).url,
        "event": (upcoming or first(EventPage)).url,
        "collaboration": first(CollaborationPage).url,
        "topic": topic.get_absolute_url(),
        "directory": "/leden/",
        "search": "/zoeken/?q=verrekenmodel",
    }
    return {"urls": urls, "member_email": authors[0].email, "password": PASSWORD}


def count_queries():
    """SQL queries of a repeated request per page and mode (the first one warms the caches; an
    anonymous visitor's second request is a page-cache hit where the page is cached)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    site = json.loads((Path(os.environ["BENCH_OUTPUT"]).with_name("pages-site.json")).read_text())
    user = get_user_model().objects.get(username=USERNAME.format(0))
    out = {}
    for mode in ("anonymous, cache on", "anonymous, cache off", "member"):
        client = Client(HTTP_HOST="127.0.0.1")
        if mode == "member":
            client.force_login(user)
        switch = override_settings(PAGE_CACHE_SECONDS=0) if mode == "anonymous, cache off" else contextlib.nullcontext()
        out[mode] = {}
        with switch:
            for key, url in site["urls"].items():
                if key in MEMBERS_ONLY and mode != "member":
                    continue
                counts = []
                for _ in range(2):
                    if mode != "member":
                        client.cookies.clear()  # like ab: a visitor without cookies
                    with CaptureQueriesContext(connection) as queries:
                        response = client.get(url)
                    if response.status_code != 200:
                        raise RuntimeError(f"{url} ({mode}) answered {response.status_code}")
                    counts.append(len(queries))
                out[mode][key] = counts[-1]
    return out


# --- over HTTP ----------------------------------------------------------------------------------


def log_in(base, email, password):
    """Log in through the site's login form; return the Cookie header value of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/account/login/", timeout=30).read().decode()
    token = CSRF.search(form)
    if not token:
        raise RuntimeError("no login form at /account/login/")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "login": email, "password": password})
    request = urllib.request.Request(
        f"{base}/account/login/", data=data.encode(), headers={"Referer": f"{base}/account/login/"}
    )
    page = opener.open(request, timeout=30).read().decode()
    if not LOGGED_IN.search(page):
        raise RuntimeError(f"logging in as {email} failed")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def check_page(url, cookie=None, member=False, warm=False):
    """Fetch ``url`` (twice when ``warm``, to fill the page cache) and check the answer: a 200,
    logged in when ``member``. Returns the X-Page-Cache header of the last answer ("hit", "miss"
    or "")."""
    status = ""
    for _ in range(2 if warm else 1):
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read().decode(errors="replace")
            status = response.headers.get("X-Page-Cache", "")
            if response.status != 200 or response.url != url:
                raise RuntimeError(f"{url} answered {response.status} ({response.url})")
    if member and not LOGGED_IN.search(body):
        raise RuntimeError(f"{url} was served to the member as to someone logged out")
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    step = {"_site": prepare_site, "_queries": count_queries}[sys.argv[1]]
    Path(os.environ["BENCH_OUTPUT"]).write_text(json.dumps(step(), indent=1))
