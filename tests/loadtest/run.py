"""The load test (``make loadtest``; not part of the test suite).

Against gunicorn with production settings on 127.0.0.1, with PostgreSQL and Elasticsearch from
the project's scripts and the demo content plus ``LOADTEST_SCALE`` (10,000) synthetic items in a
database of its own (``kennisplatform_load_<scale>_v<version>``, kept for the next run; prepared with the
search benchmark's steps). Locust (tests/loadtest/locustfile.py) runs the visitor and member
mix headless, one logged-in member to two anonymous visitors, each member with an account of
its own (as many accounts as the largest run has members):

1. the target run: ``LOADTEST_USERS`` (50) concurrent users for ``LOADTEST_SECONDS`` (120 s);
   requests/s, p50/p95/p99 and errors, judged against 0 errors and p95 <= 200 ms;
2. a step run: more and more users (``LOADTEST_STEPS``) for ``LOADTEST_STEP_SECONDS`` each,
   until p95 crosses 500 ms: the throughput at that point is the site's capacity here.

The report is printed and written to ``.bench/loadtest.json``. The machine is shared (2 cores,
Locust itself included): the figures are what this machine gives, not a server's.
"""

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_corpus import (
    BENCH_DIR,
    PROJECT,
    PYTHON,
    django_env,
    env_int,
    fresh_page_cache,
    load_average,
    prepared_corpus,
    production_server,
)

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
PASSWORD = "belastingtest-" + "x" * 12
TARGET_P95_MS, CROSSING_P95_MS = 200, 500


def prepare_people():
    """Inside Django: members to log in as, discussions to reply to, and the site's addresses."""
    import django

    django.setup()
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from cms.models import CollaborationPage, KnowledgeDocumentPage, LibraryFile, NewsPage, PublicationPage
    from community import posting
    from community.models import Category, CategoryAccess, MemberProfile
    from events.models import EventPage

    users = get_user_model()
    emails = []
    hashed = make_password(PASSWORD)  # hashing once: hundreds of accounts would take minutes
    for number in range(int(os.environ["LOADTEST_MEMBERS"])):
        user, created = users.objects.get_or_create(
            username=f"belasting-{number}",
            defaults={"email": f"belasting-{number}@example.org", "first_name": "Lid", "last_name": str(number)},
        )
        if created:
            user.password = hashed
            user.date_joined = timezone.now() - timedelta(days=365)  # no new-member limits
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            MemberProfile.objects.get_or_create(user=user)
        emails.append(user.email)
    category, _ = Category.objects.get_or_create(
        slug="belastingtest",
        defaults={"name": "Belastingtest", "access": CategoryAccess.PUBLIC},
    )
    author = users.objects.get(username="belasting-0")
    while category.topics.count() < 10:
        posting.start_topic(
            author,
            category,
            f"Belastingtest onderwerp {category.topics.count() + 1}",
            "Een onderwerp om op te reageren tijdens de belastingtest.",
        )
    events = [e for e in EventPage.objects.live() if e.registration_enabled and e.start > timezone.now()]
    detail_models = (KnowledgeDocumentPage, NewsPage, PublicationPage, CollaborationPage, EventPage)
    details = [page.url for model in detail_models for page in model.objects.live().order_by("?")[:200]]
    return {
        "members": emails,
        "topics": [topic.get_absolute_url() for topic in category.topics.all()],
        "events": [event.url for event in events],
        "event_answers": {
            event.url: {f"question_{q.pk}": answer_to(q) for q in event.questions.all()} for event in events
        },
        "listings": ["/documenten/", "/nieuws/", "/publicaties/", "/samenwerkingen/", "/evenementen/", "/gemeenten/"],
        "details": details,
        "downloads": [document.url for document in LibraryFile.objects.order_by("?")[:100]],
    }


def answer_to(question):
    """A valid answer to an event's registration question."""
    if question.kind == question.Kind.CHOICE:
        return question.choice_list[0]
    if question.kind == question.Kind.YES_NO:
        return "ja"
    return "beleidsmedewerker"


def run_locust(host, users, seconds, label):
    """Run Locust headless; return its aggregated figures."""
    prefix = BENCH_DIR / f"locust-{label}"
    env = dict(os.environ, LOADTEST_URLS=str(BENCH_DIR / "loadtest-urls.json"), LOADTEST_PASSWORD=PASSWORD)
    subprocess.run(
        [
            str(Path(PYTHON).with_name("locust")),
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--host",
            host,
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 5, 1)),
            "--run-time",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rows = list(csv.DictReader(open(f"{prefix}_stats.csv")))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failures = list(csv.DictReader(open(f"{prefix}_failures.csv")))
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "by_request": {
            row["Name"]: {
                "count": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "p50": float(row["50%"]),
                "p95": float(row["95%"]),
            }
            for row in rows
            if row["Name"] != "Aggregated"
        },
        "failures": [{"name": f["Name"], "error": f["Error"], "count": int(f["Occurrences"])} for f in failures],
    }


def print_run(result):
    print(
        f"  {result['users']:>4} users  {result['rps']:7.1f} req/s  p50 {result['p50']:6.0f} ms  "
        f"p95 {result['p95']:6.0f} ms  p99 {result['p99']:6.0f} ms  errors {result['errors']}/{result['requests']}",
        flush=True,
    )


def main():
    corpus = prepared_corpus("load", env_int("LOADTEST_SCALE", 10_000))
    users = env_int("LOADTEST_USERS", 50)
    seconds = env_int("LOADTEST_SECONDS", 120)
    steps = [int(n) for n in os.environ.get("LOADTEST_STEPS", "50,100,150,200,300").split(",")]
    step_seconds = env_int("LOADTEST_STEP_SECONDS", 45)
    workers = env_int("LOADTEST_WORKERS", 3)
    port = env_int("LOADTEST_PORT", 18766)
    print(f"== Load test: demo + {corpus['scale']:,} synthetic items, {corpus['database']}", flush=True)
    fresh_page_cache(corpus)
    # Members to log in as (a third of the largest run's users, and a few to spare for Locust's
    # rounding), topics to reply to, and the site's addresses, for the locustfile.
    members = max(users, *steps) // 3 + 5
    subprocess.run(
        [PYTHON, __file__, "_people"],
        cwd=PROJECT,
        check=True,
        env=django_env(corpus, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend", LOADTEST_MEMBERS=members),
    )
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "items": corpus["scale"],
        "gunicorn_workers": workers,
        "load_before": load_average(),
    }
    host = f"http://127.0.0.1:{port}"
    with production_server(
        corpus,
        workers,
        port,
        "gunicorn-load.log",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        SECURE_COOKIES="false",
    ):  # plain HTTP: Locust would not send secure cookies back
        print(f"Target run: {users} users for {seconds} s", flush=True)
        report["target"] = run_locust(host, users, seconds, "target")
        print_run(report["target"])
        report["steps"] = []
        print(f"Step run: {step_seconds} s per step until p95 > {CROSSING_P95_MS} ms", flush=True)
        for step_users in steps:
            result = run_locust(host, step_users, step_seconds, f"step-{step_users}")
            print_run(result)
            report["steps"].append(result)
            if result["p95"] > CROSSING_P95_MS:
                break
    report["load_after"] = load_average()
    target = report["target"]
    met = target["errors"] == 0 and target["p95"] <= TARGET_P95_MS
    crossing = next((step for step in report["steps"] if step["p95"] > CROSSING_P95_MS), None)
    print(
        f"\nTarget ({users} users): {target['rps']:.1f} req/s, p50 {target['p50']:.0f} / p95 {target['p95']:.0f} / "
        f"p99 {target['p99']:.0f} ms, {target['errors']} errors of {target['requests']} -> "
        f"{'met' if met else 'NOT met'} (0 errors, p95 <= {TARGET_P95_MS} ms)"
    )
    if crossing:
        print(f"p95 crosses {CROSSING_P95_MS} ms at {crossing['users']} users, {crossing['rps']:.1f} req/s")
    else:
        print(
            f"p95 stayed under {CROSSING_P95_MS} ms up to {report['steps'][-1]['users']} users "
            f"({report['steps'][-1]['rps']:.1f} req/s)"
        )
    for failure in target["failures"][:10]:
        print(f"  failure: {failure['count']}x {failure['name']}: {failure['error']}")
    print(f"Load average before/after: {report['load_before']} / {report['load_after']}")
    output = BENCH_DIR / "loadtest.json"
    output.write_text(json.dumps(report, indent=1))
    print(f"Results: {output}")


if __name__ == "__main__":
    if sys.argv[1:] == ["_people"]:
        (BENCH_DIR / "loadtest-urls.json").write_text(json.dumps(prepare_people(), indent=1))
    else:
        main()
