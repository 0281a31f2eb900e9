"""The event models, taken over from ``cms`` (its migration 0006 lets go of them).

The tables, their rows and their names stay as they were (``cms_eventpage`` and so on: the models
set ``db_table``), so this migration changes no table. Keeping the names means no table, index,
constraint, sequence or many-to-many table is renamed on a live database, on SQLite or
PostgreSQL alike, and rolling back is as cheap as going forward.

What does change is data that names the app:
- the ContentType rows of the moved models get the app label ``events``. A page stores its type
  as a foreign key to that row, and so do revisions, log entries, permissions and the search
  index: moving the row (not making a new one) keeps them all pointing at the right type. It runs
  before Django's post-migrate would create fresh ``events`` ContentTypes; a fresh one found
  anyway (a half-finished earlier run) is merged into the old row.
- background tasks still waiting in the database queue (django_tasks_db) name their function by
  its import path: ``cms.events.tasks.…`` becomes ``events.tasks.…``, so a deploy with queued
  e-mail loses nothing.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

import events.models.registrations

MOVED_MODELS = (
    "eventindexpage",
    "eventpage",
    "eventquestion",
    "eventregistration",
    "eventcancellation",
    "pendingregistrationmail",
)
TASK_PATHS = (("cms.events.tasks.", "events.tasks."),)


def move_content_types(apps, schema_editor, old="cms", new="events"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MOVED_MODELS:
        moving = ContentType.objects.filter(app_label=old, model=model).first()
        if moving is None:  # A new database: post-migrate will create it under the new label.
            continue
        duplicate = ContentType.objects.filter(app_label=new, model=model).first()
        if duplicate is not None:
            merge_permissions(Permission, duplicate, into=moving)
            duplicate.delete()
        moving.app_label = new
        moving.save(update_fields=["app_label"])
    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    CurrentContentType.objects.clear_cache()


def merge_permissions(Permission, duplicate, into):
    """Groups and users holding a permission of the duplicate type get the old type's one."""
    for permission in Permission.objects.filter(content_type=duplicate):
        kept = Permission.objects.filter(content_type=into, codename=permission.codename).first()
        if kept is None:
            permission.content_type = into
            permission.save(update_fields=["content_type"])
            continue
        kept.group_set.add(*permission.group_set.all())
        kept.user_set.add(*permission.user_set.all())
        permission.delete()


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="events", new="cms")


def rename_queued_tasks(apps, schema_editor, paths=TASK_PATHS):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in paths:
        for task in DBTaskResult.objects.filter(task_path__startswith=old).only("task_path"):
            task.task_path = new + task.task_path.removeprefix(old)
            task.save(update_fields=["task_path"])


def rename_queued_tasks_back(apps, schema_editor):
    rename_queued_tasks(apps, schema_editor, paths=[(new, old) for old, new in TASK_PATHS])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cms", "0006_move_events_out"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="EventIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "events overview",
                        "db_table": "cms_eventindexpage",
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
                ),
                migrations.CreateModel(
                    name="EventPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "summary",
                            models.TextField(
                                help_text="Two or three sentences, shown in listings, feeds and search results.",
                                verbose_name="summary",
                            ),
                        ),
                        ("start", models.DateTimeField(verbose_name="starts")),
                        ("end", models.DateTimeField(verbose_name="ends")),
                        ("venue", models.CharField(blank=True, max_length=150, verbose_name="venue")),
                        ("address", models.CharField(blank=True, max_length=255, verbose_name="address")),
                        ("online_url", models.URLField(blank=True, verbose_name="online meeting link")),
                        (
                            "body",
                            wagtail.fields.StreamField(
                                [("heading", 0), ("paragraph", 1), ("quote", 4)],
                                blank=True,
                                block_lookup={
                                    0: (
                                        "wagtail.blocks.CharBlock",
                                        (),
                                        {
                                            "form_classname": "title",
                                            "label": "Heading",
                                            "template": "cms/blocks/heading.html",
                                        },
                                    ),
                                    1: (
                                        "wagtail.blocks.RichTextBlock",
                                        (),
                                        {
                                            "features": [
                                                "h2",
                                                "h3",
                                                "bold",
                                                "italic",
                                                "ol",
                                                "ul",
                                                "link",
                                                "document-link",
                                            ],
                                            "label": "Paragraph",
                                        },
                                    ),
                                    2: ("wagtail.blocks.TextBlock", (), {"label": "Text"}),
                                    3: ("wagtail.blocks.CharBlock", (), {"label": "Attribution", "required": False}),
                                    4: (
                                        "wagtail.blocks.StructBlock",
                                        [[("text", 2), ("attribution", 3)]],
                                        {"label": "Quotation"},
                                    ),
                                },
                                verbose_name="programme and description",
                            ),
                        ),
                        (
                            "registration_enabled",
                            models.BooleanField(
                                default=False,
                                help_text="Visitors register here; you see and export the registrations in the admin.",
                                verbose_name="registration on this site",
                            ),
                        ),
                        (
                            "audience",
                            models.CharField(
                                choices=[("members", "Members only"), ("everyone", "Members and guests")],
                                default="everyone",
                                max_length=10,
                                verbose_name="who may register",
                            ),
                        ),
                        (
                            "capacity",
                            models.PositiveIntegerField(
                                blank=True, help_text="Leave empty for no limit.", null=True, verbose_name="places"
                            ),
                        ),
                        (
                            "waiting_list",
                            models.BooleanField(
                                default=True,
                                help_text="When the event is full, new registrations join a waiting list and move up when someone cancels.",
                                verbose_name="waiting list",
                            ),
                        ),
                        (
                            "registration_opens",
                            models.DateTimeField(
                                blank=True,
                                help_text="Leave empty to open at once.",
                                null=True,
                                verbose_name="registration opens",
                            ),
                        ),
                        (
                            "registration_closes",
                            models.DateTimeField(
                                blank=True,
                                help_text="Leave empty to close when the event starts.",
                                null=True,
                                verbose_name="registration closes",
                            ),
                        ),
                        (
                            "collaborations",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True, to="cms.collaboration", verbose_name="collaborations"
                            ),
                        ),
                        (
                            "municipalities",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True, to="cms.municipality", verbose_name="municipalities"
                            ),
                        ),
                        (
                            "themes",
                            modelcluster.fields.ParentalManyToManyField(
                                blank=True, to="cms.theme", verbose_name="themes"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "event",
                        "verbose_name_plural": "events",
                        "db_table": "cms_eventpage",
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
                ),
                migrations.CreateModel(
                    name="EventCancellation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("reason", models.TextField(verbose_name="reason")),
                        ("cancelled_at", models.DateTimeField(auto_now_add=True, verbose_name="cancelled at")),
                        (
                            "cancelled_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "event",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="cancellation",
                                to="events.eventpage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "event cancellation",
                        "verbose_name_plural": "event cancellations",
                        "db_table": "cms_eventcancellation",
                    },
                ),
                migrations.CreateModel(
                    name="EventQuestion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        ("label", models.CharField(max_length=200, verbose_name="question")),
                        ("help_text", models.CharField(blank=True, max_length=255, verbose_name="explanation")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("text", "Short answer"),
                                    ("long_text", "Long answer"),
                                    ("choice", "One of a list"),
                                    ("yes_no", "Yes or no"),
                                ],
                                default="text",
                                max_length=10,
                                verbose_name="kind of answer",
                            ),
                        ),
                        (
                            "choices",
                            models.TextField(
                                blank=True,
                                help_text="One choice per line (for “one of a list”).",
                                verbose_name="choices",
                            ),
                        ),
                        ("required", models.BooleanField(default=False, verbose_name="required")),
                        (
                            "event",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="questions",
                                to="events.eventpage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "extra question",
                        "verbose_name_plural": "extra questions",
                        "db_table": "cms_eventquestion",
                        "ordering": ["sort_order"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="EventRegistration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=150, verbose_name="name")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail address")),
                        ("organisation", models.CharField(blank=True, max_length=150, verbose_name="organisation")),
                        ("answers", models.JSONField(blank=True, default=dict, verbose_name="answers")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Awaiting e-mail confirmation"),
                                    ("confirmed", "Confirmed"),
                                    ("waitlisted", "On the waiting list"),
                                    ("cancelled", "Cancelled"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "token",
                            models.CharField(
                                default=events.models.registrations.new_token,
                                editable=False,
                                max_length=64,
                                unique=True,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="registered at")),
                        (
                            "confirmed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="e-mail confirmed at"),
                        ),
                        ("queued_at", models.DateTimeField(blank=True, null=True, verbose_name="in the queue since")),
                        ("cancelled_at", models.DateTimeField(blank=True, null=True, verbose_name="cancelled at")),
                        (
                            "reminder_sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="reminder sent at"),
                        ),
                        (
                            "anonymised_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="personal data removed at"),
                        ),
                        (
                            "event",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="registrations",
                                to="events.eventpage",
                                verbose_name="event",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="event_registrations",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="member",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "event registration",
                        "verbose_name_plural": "event registrations",
                        "db_table": "cms_eventregistration",
                        "ordering": ["event", "created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="PendingRegistrationMail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=32, verbose_name="kind")),
                        ("extra", models.JSONField(blank=True, default=dict)),
                        ("attempts", models.PositiveIntegerField(default=0, verbose_name="attempts")),
                        (
                            "next_attempt_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now, null=True, verbose_name="next attempt"
                            ),
                        ),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "registration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="pending_mails",
                                to="events.eventregistration",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "unsent registration e-mail",
                        "verbose_name_plural": "unsent registration e-mails",
                        "db_table": "cms_pendingregistrationmail",
                        "ordering": ["created_at", "pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="eventregistration",
                    index=models.Index(fields=["event", "status"], name="cms_eventre_event_i_d13b5d_idx"),
                ),
                migrations.AddConstraint(
                    model_name="eventregistration",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("email", ""), _negated=True),
                        fields=("event", "email"),
                        name="one_registration_per_email",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(rename_queued_tasks, rename_queued_tasks_back),
    ]
