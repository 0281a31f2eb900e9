"""The site's periodic jobs, for setups without cron (the compose file's `scheduler` service).

    python deploy/scheduler.py          # run for ever
    python deploy/scheduler.py --once   # run every job once now, then stop (a quick check)

Each job is a management command in a process of its own, so one failing job never stops the
others; its output goes to stdout (`docker compose logs scheduler`). All jobs are safe to
repeat. On a machine with cron, use the crontab in README.md ("Without Docker") instead, and
run this scheduler on one machine only when there are several.

Times are local (TIME_ZONE, Europe/Amsterdam, unless SCHEDULER_TIME_ZONE says otherwise).
"""

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

MANAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "manage.py")
ZONE = ZoneInfo(os.environ.get("SCHEDULER_TIME_ZONE", "Europe/Amsterdam"))
SYNC_EVERY_SECONDS = int(os.environ.get("SEARCH_SYNC_INTERVAL_SECONDS", "300"))
MAIL_RETRY_EVERY_SECONDS = int(os.environ.get("MAIL_RETRY_INTERVAL_SECONDS", "300"))
PUBLISH_SCHEDULED_EVERY_SECONDS = int(os.environ.get("PUBLISH_SCHEDULED_INTERVAL_SECONDS", "120"))


def elasticsearch_configured():
    return bool(os.environ.get("ELASTICSEARCH_URL"))


def database_tasks():
    return os.environ.get("TASKS_BACKEND", "") == "django_tasks_db.DatabaseBackend"


# (command, when): an interval in seconds, or a daily "HH:MM"; and when it applies at all.
JOBS = [
    # Wagtail's scheduled publishing: pages (and snippets) whose "go live" or "expire" time
    # has come are published or unpublished; nothing else does it.
    (["publish_scheduled"], PUBLISH_SCHEDULED_EVERY_SECONDS, None),
    # Safety net for the search index: sends what the background task could not.
    (["search_index", "--sync"], SYNC_EVERY_SECONDS, elasticsearch_configured),
    # The mail outbox: bulk mail (alerts, digests), and retries of e-mail the server refused.
    (["send_pending_mail"], MAIL_RETRY_EVERY_SECONDS, None),
    # Digests and search alerts: what is new since each subscriber's last mail, at most once a
    # day or week each, so the weekly runs are daily too (send_pending_mail sends the mail).
    (["send_digests", "--frequency", "daily"], "06:00", None),
    (["send_digests", "--frequency", "weekly"], "06:15", None),
    (["send_search_alerts", "--frequency", "daily"], "06:30", None),
    (["send_search_alerts", "--frequency", "weekly"], "06:40", None),
    (["send_event_reminders"], "07:00", None),
    (["purge_registrations"], "03:15", None),
    # Finished background-task rows (they hold e-mail addresses among their arguments).
    (["prune_db_task_results"], "03:30", database_tasks),
    (["clearsessions"], "03:45", None),
    # Typed search queries older than SEARCH_LOG_RETENTION_DAYS.
    (["purge_search_log"], "03:50", None),
]


def run(command):
    started = time.monotonic()
    result = subprocess.run([sys.executable, MANAGE, *command], check=False)
    took = time.monotonic() - started
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}"
    print(f"[scheduler] {' '.join(command)}: {status} ({took:.1f}s)", flush=True)


def next_daily(hhmm, now):
    hour, minute = (int(part) for part in hhmm.split(":"))
    candidate = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def first_run(when, now):
    if isinstance(when, int):
        return now  # interval jobs run once at start, then every `when` seconds
    return next_daily(when, now)


def main(argv):
    jobs = [(command, when) for command, when, applies in JOBS if applies is None or applies()]
    if "--once" in argv:
        for command, _ in jobs:
            run(command)
        return 0
    now = datetime.now(ZONE)
    due = {i: first_run(when, now) for i, (_, when) in enumerate(jobs)}
    for i, (command, _) in enumerate(jobs):
        print(f"[scheduler] {' '.join(command)}: next at {due[i]:%Y-%m-%d %H:%M}", flush=True)
    while True:
        now = datetime.now(ZONE)
        for i, (command, when) in enumerate(jobs):
            if due[i] <= now:
                run(command)
                now = datetime.now(ZONE)
                due[i] = now + timedelta(seconds=when) if isinstance(when, int) else next_daily(when, now)
        wait = (min(due.values()) - datetime.now(ZONE)).total_seconds()
        time.sleep(min(max(wait, 1), 60))


def stop(signum, frame):
    print(f"[scheduler] {signal.strsignal(signum)}: stopping", flush=True)
    sys.exit(0)


if __name__ == "__main__":
    # `docker stop` and systemd send SIGTERM; as PID 1 Python would otherwise ignore it.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.exit(main(sys.argv[1:]))
