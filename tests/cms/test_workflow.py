"""The two-step workflow (issue #13, item 8): a page submitted for moderation is reviewed by an
editor, then by a final editor, and only then published; neither step can be skipped."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, Workflow

from cms.models import NewsIndexPage, NewsPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def member_of(group_name):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_whole_site_has_the_two_step_workflow():
    workflow = Page.objects.get(depth=1).get_workflow()
    assert workflow.name == "Redactie en eindredactie" and workflow.active
    steps = [(task.name, [group.name for group in task.specific.groups.all()]) for task in workflow.tasks]
    assert steps == [("Redactie", ["Editors"]), ("Eindredactie", ["Moderators"])]
    news = NewsPage.objects.live().first()
    assert news.get_workflow() == workflow


def test_a_page_is_published_only_after_both_steps():
    author, editor, final_editor = member_of("Editors"), member_of("Editors"), member_of("Moderators")
    page = NewsPage(title="Nieuws dat twee keer wordt gelezen", slug="twee-keer-gelezen", date=timezone.localdate())
    page.summary = "Eerst de redactie, dan de eindredactie."
    NewsIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=author)
    page.live = False
    page.save()

    state = Workflow.objects.get(name="Redactie en eindredactie").start(page, author)
    review = state.current_task_state
    assert review.task.name == "Redactie"
    # A final editor's step is not open yet, and an editor cannot act on it later.
    assert [name for name, *_ in review.task.specific.get_actions(page, final_editor)] == []
    review.task.specific.on_action(review, editor, "approve")

    state.refresh_from_db()
    final = state.current_task_state
    assert final.task.name == "Eindredactie"
    assert [name for name, *_ in final.task.specific.get_actions(page, editor)] == []
    page.refresh_from_db()
    assert not page.live

    final.task.specific.on_action(final, final_editor, "approve")
    page.refresh_from_db()
    state.refresh_from_db()
    assert page.live and state.status == state.STATUS_APPROVED


def test_a_rejection_sends_the_page_back_unpublished():
    author, editor = member_of("Editors"), member_of("Editors")
    page = NewsPage(title="Nog niet af", slug="nog-niet-af", date=timezone.localdate(), summary="Concept.")
    NewsIndexPage.objects.get().add_child(instance=page)
    page.save_revision(user=author)
    page.live = False
    page.save()
    state = Workflow.objects.get(name="Redactie en eindredactie").start(page, author)
    review = state.current_task_state
    review.task.specific.on_action(review, editor, "reject")
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES and not page.live
