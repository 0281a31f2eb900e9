"""Registration e-mail joins the site's one outbox (core.OutgoingMail).

E-mail still waiting in the old table is rendered and moved to the outbox first, so an upgrade
loses nothing. Rendering needs the live models (the event's address comes from Wagtail); pending
rows live for minutes, so on a later upgrade path this runs on an empty table.
"""

from django.db import migrations


def move_pending_mail(apps, schema_editor):
    pending = apps.get_model("events", "PendingRegistrationMail")
    rows = list(pending.objects.filter(next_attempt_at__isnull=False).values("registration_id", "kind", "extra"))
    if not rows:
        return
    from events import mail
    from events.models import EventRegistration

    renamed = {"message": mail.MESSAGE}
    registrations = EventRegistration.objects.select_related("event").in_bulk({row["registration_id"] for row in rows})
    for row in rows:
        registration = registrations.get(row["registration_id"])
        if registration is not None:
            mail.send_later(registration, renamed.get(row["kind"], row["kind"]), **(row["extra"] or {}))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_collaboration_register"),
        ("core", "0003_outbox_for_all_mail"),
        ("cms", "0013_questions"),  # rendering reads the event page as the models have it now
    ]

    operations = [
        migrations.RunPython(move_pending_mail, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="PendingRegistrationMail"),
    ]
