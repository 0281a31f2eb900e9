"""Scheduled publishing runs (issue #13, item 8): Wagtail publishes a page whose "go live" time
has come only when `publish_scheduled` runs, so cron and the Docker scheduler both run it, and
the page then reaches listings and search like any published page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import DocumentLibraryPage, DocumentType, KnowledgeDocumentPage, LibraryFile
from search.models import KnowledgeItem

ROOT = Path(__file__).resolve().parents[2]


def test_cron_and_the_scheduler_run_publish_scheduled():
    from deploy import scheduler

    assert "kennisplatform-manage publish_scheduled" in (ROOT / "deploy/cron/kennisplatform").read_text()
    when = {tuple(command): when for command, when, _ in scheduler.JOBS}
    assert isinstance(when[("publish_scheduled",)], int) and when[("publish_scheduled",)] <= 300


@pytest.mark.django_db
def test_a_scheduled_page_goes_live_when_the_job_runs(django_capture_on_commit_callbacks):
    page = KnowledgeDocumentPage(
        title="Evaluatie op een gepland moment",
        slug="evaluatie-gepland",
        date=timezone.localdate(),
        summary="Gepland gepubliceerd.",
        document_type=DocumentType.objects.order_by("pk").first(),
        file=LibraryFile.objects.order_by("pk").first(),
        live=False,
    )
    DocumentLibraryPage.objects.get().add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # with a go-live time ahead, "publish" schedules it, as in the admin
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live  # not yet: its time has not come
    assert not KnowledgeItem.objects.filter(page_id=page.pk).exists()

    # The hour passes: the revision's go-live time (approved and in its content) is now behind us.
    past = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert KnowledgeItem.objects.filter(page_id=page.pk).exists()  # searchable at once
