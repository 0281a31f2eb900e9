"""Moving the event models from ``cms`` to their own ``events`` app keeps every row.

The test takes the database back to the schema from before the move (``cms`` 0005, no
``events`` app), puts an event page with registrations, a cancellation, an unsent e-mail and a
queued background task in it the way that schema stored them, then migrates forward and checks
that the rows, the page's type (its ContentType row), its permissions and the queued task all
follow. It runs on whichever database the suite runs on (SQLite and PostgreSQL in CI).
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events.models import EventCancellation, EventPage, EventRegistration, RegistrationStatus

BEFORE = ("cms", "0005_admin_wording")
MOVED_MODELS = (
    "eventindexpage",
    "eventpage",
    "eventquestion",
    "eventregistration",
    "eventcancellation",
    "pendingregistrationmail",
)
OLD_TASK = "cms.events.tasks.send_registration_mail"
NEW_TASK = "events.tasks.send_registration_mail"


def migrate(targets):
    """Migrate to ``targets`` and return the models as they were at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def targets_before_the_move():
    """``BEFORE`` for cms, and for every other app its latest migration that needs nothing of
    cms after ``BEFORE`` nor of events (later migrations, e.g. tagging with cms phases, do)."""
    graph = MigrationExecutor(connection).loader.graph

    def fits_the_old_schema(node):
        return all(
            app != "events" and not (app == "cms" and name > BEFORE[1]) for app, name in graph.forwards_plan(node)
        )

    targets = [BEFORE]
    for app, leaf in (node for node in graph.leaf_nodes() if node[0] not in ("cms", "events")):
        node = (app, leaf)
        while node is not None and not fits_the_old_schema(node):
            parents = [parent for parent in graph.node_map[node].parents if parent.key[0] == app]
            node = parents[0].key if parents else None
        targets.append(node if node is not None else (app, None))
    return targets


def all_leaves():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def content_type(apps, app_label, model):
    """The ContentType row as the old schema would have it (created the way post-migrate does)."""
    ContentTypeModel = apps.get_model("contenttypes", "ContentType")
    return ContentTypeModel.objects.get_or_create(app_label=app_label, model=model)[0]


def build_old_event(apps):
    """An event index with one event, two registrations, a cancellation, an unsent e-mail and a
    queued mail task, written with the models of the old schema."""
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.get_or_create(language_code="nl")[0]
    for model in MOVED_MODELS:  # What post-migrate had made for the old schema.
        content_type(apps, "cms", model)
    now = timezone.now()
    common = {"locale": locale, "live": True, "has_unpublished_changes": False}
    # A tree of its own at the end of the alphabet, so it never meets pages the suite made.
    apps.get_model("cms", "EventIndexPage").objects.create(
        title="Evenementen (oud)",
        draft_title="Evenementen (oud)",
        slug="evenementen-oud",
        content_type=content_type(apps, "cms", "eventindexpage"),
        path="ZZZZ",
        depth=1,
        numchild=1,
        url_path="/evenementen-oud/",
        translation_key=uuid.uuid4(),
        **common,
    )
    event = apps.get_model("cms", "EventPage").objects.create(
        title="Dag van de Ambtelijke Fusie (oud)",
        draft_title="Dag van de Ambtelijke Fusie (oud)",
        slug="dag-oud",
        content_type=content_type(apps, "cms", "eventpage"),
        path="ZZZZ0001",
        depth=2,
        url_path="/evenementen-oud/dag-oud/",
        summary="Voor de migratietest.",
        start=now + timedelta(days=30),
        end=now + timedelta(days=30, hours=6),
        registration_enabled=True,
        capacity=2,
        waiting_list=True,
        audience="everyone",
        translation_key=uuid.uuid4(),
        **common,
    )
    apps.get_model("cms", "EventQuestion").objects.create(event=event, label="Functie", kind="text", sort_order=0)
    Registration = apps.get_model("cms", "EventRegistration")
    anna = Registration.objects.create(
        event=event,
        name="Anna de Vries",
        email="anna@ridderkerk.nl",
        status="confirmed",
        token="anna-token-0123456789",
        answers={"Functie": "griffier"},
    )
    Registration.objects.create(
        event=event,
        name="Bram Bakker",
        email="bram@laren.nl",
        status="waitlisted",
        token="bram-token-0123456789",
        queued_at=now,
    )
    apps.get_model("cms", "PendingRegistrationMail").objects.create(registration=anna, kind="seat_confirmed")
    apps.get_model("cms", "EventCancellation").objects.create(event=event, reason="Voor de migratietest.")
    apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        task_path=OLD_TASK,
        args_kwargs={"args": [1], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=now,
        status="READY",
    )
    return event.pk


def test_moving_the_event_models_to_their_own_app_keeps_every_row(django_db_setup, django_db_blocker):
    """Not a ``django_db`` test on purpose: a transactional test ends by flushing the database,
    demo content and all, which later transactional tests need (tests/events/test_concurrency.py).
    Without the marker pytest-django runs this after every database test; it opens the database
    itself and removes what it made."""
    with django_db_blocker.unblock():
        try:
            check_the_move()
        finally:
            remove_what_the_test_made()


def remove_what_the_test_made():
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page

    migrate(all_leaves())  # Should an assertion have failed half-way.
    ContentType.objects.clear_cache()
    Page.objects.filter(path__startswith="ZZZZ").delete()
    DBTaskResult.objects.filter(task_path__in=[OLD_TASK, NEW_TASK]).delete()


def check_the_move():
    old_apps = migrate(targets_before_the_move())
    event_pk = build_old_event(old_apps)
    page_type = old_apps.get_model("cms", "EventPage").objects.get(pk=event_pk).content_type
    assert (page_type.app_label, page_type.model) == ("cms", "eventpage")
    page_type_id = page_type.pk
    view_permission = old_apps.get_model("auth", "Permission").objects.get(codename="view_eventregistration")

    new_apps = migrate(all_leaves())
    ContentType.objects.clear_cache()

    # The page and its type: the same ContentType row, now labelled with the new app.
    event = EventPage.objects.get(pk=event_pk)
    assert event.content_type_id == page_type_id
    assert ContentType.objects.get_for_id(page_type_id).model_class() is EventPage
    assert event.get_parent().specific_class.__name__ == "EventIndexPage"
    assert event.specific.title == "Dag van de Ambtelijke Fusie (oud)"
    assert not ContentType.objects.filter(app_label="cms", model__in=MOVED_MODELS).exists()
    # Permissions follow their ContentType: "cms.view_eventregistration" is now "events.…".
    permission = new_apps.get_model("auth", "Permission").objects.get(pk=view_permission.pk)
    assert (permission.content_type.app_label, permission.codename) == ("events", "view_eventregistration")

    # Its registrations, questions, cancellation and unsent e-mail, untouched.
    registrations = EventRegistration.objects.filter(event=event).order_by("email")
    assert [(r.name, r.status, r.token) for r in registrations] == [
        ("Anna de Vries", RegistrationStatus.CONFIRMED, "anna-token-0123456789"),
        ("Bram Bakker", RegistrationStatus.WAITLISTED, "bram-token-0123456789"),
    ]
    assert registrations[0].answers == {"Functie": "griffier"}
    assert [question.label for question in event.questions.all()] == ["Functie"]
    assert EventCancellation.objects.get(event=event).reason == "Voor de migratietest."
    # The unsent e-mail moved on into the site's outbox (events.0003), which sent it, invitation and all.
    (sent,) = [message for message in mail.outbox if message.to == ["anna@ridderkerk.nl"]]
    assert [attachment[0] for attachment in sent.attachments] == ["uitnodiging.ics"]

    # The queued background task points at the task's new module, and that path imports.
    task = new_apps.get_model("django_tasks_database", "DBTaskResult").objects.get()
    assert task.task_path == NEW_TASK
    from django.utils.module_loading import import_string

    assert import_string(task.task_path).name == "send_registration_mail"
