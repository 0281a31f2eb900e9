"""Digest benchmark (``make bench-digests``; not part of the test suite).

Seeds, in its own database, 2,500 verified members with 10,000 daily-digest choices (two
categories and two topics each; a fifth of the categories members-only), 300 topics and 1,000
new posts of the last day (some hidden, one topic hidden) plus read marks for half the members,
then times one ``send_digests("daily")`` run and counts its queries per batch of members.
Prints the figures and writes them to ``.bench/digests.json`` (``BENCH_OUTPUT``).

The target (issue #14): under a minute on one worker, with a bounded number of queries per
batch. The database is ``BENCH_DATABASE_URL`` (default a SQLite file in ``.bench/``);
its digest tables are emptied and seeded again on every run. The machine is shared: the load
average is recorded with the figures.

Run::

    make bench-digests
    BENCH_DATABASE_URL=postgres://user:pw@127.0.0.1:15432/kp_bench make bench-digests
"""

import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
BENCH_DIR = PROJECT / ".bench"
MEMBERS, CATEGORIES, TOPICS, NEW_POSTS = 2_500, 20, 300, 1_000
TARGET_SECONDS = 60


def setup():
    BENCH_DIR.mkdir(exist_ok=True)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{BENCH_DIR}/digests.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.dev")
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def seed():
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from community.models import (
        Category,
        CategoryFollow,
        DigestCursor,
        Post,
        Topic,
        TopicReadMark,
        TopicSubscription,
    )
    from core.models import OutgoingMail

    User = get_user_model()
    rng = random.Random(14)
    now = timezone.now()
    OutgoingMail.objects.filter(purpose="community.digest").delete()
    DigestCursor.objects.all().delete()
    Topic.objects.filter(category__slug__startswith="bench-").delete()  # with posts, follows, marks
    Category.objects.filter(slug__startswith="bench-").delete()
    User.objects.filter(username__startswith="bench").delete()

    categories = Category.objects.bulk_create(
        Category(name=f"Bench {n}", slug=f"bench-{n}", access="members" if n % 5 == 0 else "public", sort_order=n)
        for n in range(CATEGORIES)
    )
    users = User.objects.bulk_create(
        User(username=f"bench{n}", email=f"bench{n}@voorbeeld.nl", password="!") for n in range(MEMBERS)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    authors = users[:50]
    topics = Topic.objects.bulk_create(
        Topic(category=categories[n % CATEGORIES], title=f"Onderwerp {n}", author=authors[n % 50], hidden=n == 7)
        for n in range(TOPICS)
    )
    old = now - timedelta(days=3)
    Post.objects.bulk_create(
        Post(topic=topic, author=topic.author, body="Start", body_html="<p>Start</p>", created_at=old)
        for topic in topics
    )
    Post.objects.bulk_create(
        Post(
            topic=rng.choice(topics),
            author=rng.choice(authors),
            body=f"Nieuw bericht {n}",
            body_html=f"<p>Nieuw bericht {n}</p>",
            created_at=now - timedelta(minutes=rng.randrange(1, 23 * 60)),
            hidden=n % 50 == 0,
        )
        for n in range(NEW_POSTS)
    )
    follows, subscriptions, marks = [], [], []
    for index, user in enumerate(users):
        for category in rng.sample(categories, 2):
            follows.append(CategoryFollow(user=user, category=category, mode="daily"))
        for topic in rng.sample(topics, 2):
            subscriptions.append(TopicSubscription(user=user, topic=topic, mode="daily"))
            if index % 2:
                marks.append(TopicReadMark(user=user, topic=topic, read_until=now - timedelta(hours=12)))
    CategoryFollow.objects.bulk_create(follows, batch_size=2000)
    TopicSubscription.objects.bulk_create(subscriptions, batch_size=2000)
    TopicReadMark.objects.bulk_create(marks, batch_size=2000)
    return len(follows) + len(subscriptions)


def measure():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.digests import BATCH_SIZE, send_digests
    from core.models import OutgoingMail

    batches = []
    with CaptureQueriesContext(connection) as captured:
        last = [0, time.perf_counter()]

        def on_batch(size):
            now = time.perf_counter()
            batches.append({"members": size, "queries": len(captured) - last[0], "seconds": now - last[1]})
            last[:] = [len(captured), now]

        started = time.perf_counter()
        members, queued = send_digests("daily", on_batch=on_batch)
        seconds = time.perf_counter() - started
    sizes = list(OutgoingMail.objects.filter(purpose="community.digest").values_list("body", flat=True)[:3])
    return {
        "members": members,
        "mails_queued": queued,
        "seconds": seconds,
        "batch_size": BATCH_SIZE,
        "batches": batches,
        "queries_total": len(captured),
        "queries_per_batch_max": max((b["queries"] for b in batches), default=0),
        "sample_body_chars": [len(body) for body in sizes],
    }


def main():
    setup()
    from django.db import connection

    started = time.perf_counter()
    choices = seed()
    seed_seconds = time.perf_counter() - started
    result = {
        "database": connection.vendor,
        "subscriptions": choices,
        "new_posts": NEW_POSTS,
        "seed_seconds": seed_seconds,
        "load_before": os.getloadavg(),
        **measure(),
        "load_after": os.getloadavg(),
    }
    result["target"] = f"< {TARGET_SECONDS} s"
    result["verdict"] = "met" if result["seconds"] < TARGET_SECONDS else "NOT MET"
    print(
        f"Digest run on {result['database']}: {choices:,} daily choices of {result['members']:,} members, "
        f"{NEW_POSTS:,} new posts"
    )
    print(
        f"  {result['mails_queued']:,} digests queued in {result['seconds']:.1f} s "
        f"(target {result['target']}: {result['verdict']})"
    )
    print(
        f"  queries: {result['queries_total']} in all (batch 1 also loads the run's new posts), "
        f"at most {result['queries_per_batch_max']} per batch of {result['batch_size']} members"
    )
    for number, batch in enumerate(result["batches"], 1):
        print(f"    batch {number}: {batch['members']} members, {batch['queries']} queries, {batch['seconds']:.2f} s")
    print(f"  load average before/after: {result['load_before']} / {result['load_after']}")
    output = Path(os.environ.get("BENCH_OUTPUT") or BENCH_DIR / "digests.json")
    output.write_text(json.dumps(result, indent=1, default=str))
    print(f"  written to {output}")


if __name__ == "__main__":
    main()
