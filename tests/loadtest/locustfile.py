"""What the load test's simulated people do (Locust). Run through ``make loadtest``
(tests/loadtest/run.py), which prepares the site and writes the addresses this file reads.

Visitors (two users in three): the home page, listings, detail pages, search with facets and
document downloads, with short pauses. Members (one user in three, each with an account of its
own): log in once, then read, reply to discussions and register for events. Every response is
checked, so an error page never counts as a success.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

URLS = json.load(open(os.environ["LOADTEST_URLS"]))
PASSWORD = os.environ["LOADTEST_PASSWORD"]
MEMBER_NUMBERS = itertools.count()  # each simulated member logs in with the next account (run.py has enough)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERIES = [
    "verrekenmodel",
    "dienstverlening",
    "ambtelijke fusie",
    "evaluatie",
    "governance",
    "ict",
    "gemeenschappelijke regeling",
    "personeel",
    "raad",
    "begroting",
]
FACETS = [
    "collaboration=bar-organisatie",
    "collaboration=bel-combinatie",
    "type=document",
    "type=news",
    "theme=financien-verrekening",
    "year=2013",
    "province=zuid-holland",
]


def get_ok(client, url, name=None):
    with client.get(url, name=name or url, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"{response.status_code}")
        return response


def post_form(client, form_url, action_url, data, name):
    """Fetch the form (for its CSRF token), then post it. Success is a 200 after redirects
    without the form's error list (which would mean this script posted nonsense); a refusal the
    site explains, such as a full event, is a correct answer."""
    page = get_ok(client, form_url, name=f"{name} (form)")
    token = CSRF.search(page.content or b"")
    if not token:
        page.failure("no form on the page")
        return None
    data = {"csrfmiddlewaretoken": token.group(1).decode(), **data}
    with client.post(
        action_url, data=data, name=name, headers={"Referer": client.base_url + form_url}, catch_response=True
    ) as response:
        if response.status_code != 200 or b'id="form-errors-heading"' in response.content:
            response.failure(f"{response.status_code}")
        return response


class Visitor(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        get_ok(self.client, "/")

    @task(4)
    def listing(self):
        url = random.choice(URLS["listings"])
        get_ok(self.client, f"{url}?page={random.randint(1, 5)}", name=f"{url}?page=N")

    @task(6)
    def detail(self):
        get_ok(self.client, random.choice(URLS["details"]), name="detail page")

    @task(4)
    def search(self):
        query = random.choice(QUERIES)
        facets = "&".join(random.sample(FACETS, random.randint(0, 2)))
        get_ok(self.client, f"/zoeken/?q={query}&{facets}", name="/zoeken/?q=…&facets")

    @task(1)
    def download(self):
        get_ok(self.client, random.choice(URLS["downloads"]), name="document download")


class Member(HttpUser):
    weight = 1  # a third of the users are logged in (issue #15)
    wait_time = between(2, 5)

    def on_start(self):
        email = URLS["members"][next(MEMBER_NUMBERS) % len(URLS["members"])]
        post_form(
            self.client, "/account/login/", "/account/login/", {"login": email, "password": PASSWORD}, name="log in"
        )

    @task(4)
    def read_topic(self):
        get_ok(self.client, random.choice(URLS["topics"]), name="topic (member)")

    @task(2)
    def reply(self):
        topic = random.choice(URLS["topics"])
        post_form(
            self.client,
            topic,
            f"{topic}reageren/",
            {"body": f"Reactie uit de belastingtest, nummer {random.randint(1, 10**6)}."},
            name="reply",
        )

    @task(1)
    def register(self):
        if not URLS["events"]:
            return
        event = random.choice(URLS["events"])
        post_form(
            self.client,
            event,
            f"{event}aanmelden/",
            {"name": "Deelnemer Belastingtest", **URLS["event_answers"][event]},
            name="register for event",
        )

    @task(2)
    def directory(self):
        get_ok(self.client, "/leden/", name="/leden/")
