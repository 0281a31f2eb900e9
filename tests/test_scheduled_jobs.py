"""The periodic jobs: cron (deploy/cron/kennisplatform) and the Docker scheduler
(deploy/scheduler.py) run the same management commands, and each of them exists."""

import re
from pathlib import Path

from django.core.management import get_commands

from deploy import scheduler

CRON = Path(__file__).resolve().parent.parent / "deploy" / "cron" / "kennisplatform"


def cron_commands():
    lines = CRON.read_text(encoding="utf-8").splitlines()
    return {
        tuple(match.group(1).split())
        for line in lines
        if not line.startswith("#") and (match := re.search(r"kennisplatform-manage ([^|>]+?)\s*2>&1", line))
    }


def test_cron_and_the_scheduler_run_the_same_jobs():
    in_scheduler = {tuple(command) for command, _, _ in scheduler.JOBS}
    # Backups write to the host's /var/backups: only cron runs them, not the container.
    in_cron = {command for command in cron_commands() if command[0] != "backup_site"}
    assert in_cron == in_scheduler


def test_digests_and_alerts_are_scheduled_in_both_frequencies():
    for job in ("send_digests", "send_search_alerts"):
        for frequency in ("daily", "weekly"):
            assert (job, "--frequency", frequency) in cron_commands()


def test_every_scheduled_command_exists():
    known = get_commands()
    assert {command[0] for command in cron_commands()} - set(known) == set()
