"""The event models move to their own app, ``events`` (its migration 0001 takes them over).

Only Django's record of the models moves: the tables stay as they are, with their rows, and
keep their names (the models set ``db_table``). See events/migrations/0001_initial.py.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_admin_wording"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="eventindexpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="eventpage",
                    name="collaborations",
                ),
                migrations.RemoveField(
                    model_name="eventpage",
                    name="municipalities",
                ),
                migrations.RemoveField(
                    model_name="eventpage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="eventpage",
                    name="themes",
                ),
                migrations.RemoveField(
                    model_name="eventregistration",
                    name="event",
                ),
                migrations.RemoveField(
                    model_name="eventquestion",
                    name="event",
                ),
                migrations.RemoveField(
                    model_name="eventregistration",
                    name="user",
                ),
                migrations.RemoveField(
                    model_name="pendingregistrationmail",
                    name="registration",
                ),
                migrations.DeleteModel(
                    name="EventCancellation",
                ),
                migrations.DeleteModel(
                    name="EventIndexPage",
                ),
                migrations.DeleteModel(
                    name="EventPage",
                ),
                migrations.DeleteModel(
                    name="EventQuestion",
                ),
                migrations.DeleteModel(
                    name="EventRegistration",
                ),
                migrations.DeleteModel(
                    name="PendingRegistrationMail",
                ),
            ],
        ),
    ]
