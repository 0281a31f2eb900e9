"""The register over time: status, phase and dates of collaborations, memberships with their
own dates, key figures per year, and phases as a taxonomy. Existing rows keep what they said:
their member municipalities become memberships (dates unknown), the founding year becomes the
start date, and a collaboration the site described as running is marked active."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

import cms.partial_dates

PHASES = [
    (1, "Initiëren en verkennen", "initieren-en-verkennen"),
    (2, "Besluiten en inrichten", "besluiten-en-inrichten"),
    (3, "Starten en doorontwikkelen", "starten-en-doorontwikkelen"),
]


def carry_over_collaborations(apps, schema_editor):
    Collaboration = apps.get_model("cms", "Collaboration")
    Membership = apps.get_model("cms", "CollaborationMembership")
    for collaboration in Collaboration.objects.prefetch_related("municipalities"):
        Membership.objects.bulk_create(
            Membership(collaboration=collaboration, municipality=municipality, sort_order=number)
            for number, municipality in enumerate(collaboration.municipalities.order_by("name"))
        )
        collaboration.started_on = str(collaboration.founded) if collaboration.founded else ""
        collaboration.status = "actief"
        collaboration.save(update_fields=["started_on", "status"])


def create_phases(apps, schema_editor):
    Phase = apps.get_model("cms", "Phase")
    for number, name, slug in PHASES:
        Phase.objects.get_or_create(slug=slug, defaults={"name": name, "number": number})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0009_municipality_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="Phase",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                (
                    "number",
                    models.PositiveSmallIntegerField(
                        help_text="Its place on the route: 1, 2, 3.", unique=True, verbose_name="number"
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "phase",
                "verbose_name_plural": "phases",
                "ordering": ["number"],
            },
        ),
        migrations.AddField(
            model_name="collaboration",
            name="decided_on",
            field=cms.partial_dates.PartialDateField(verbose_name="decided on"),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="end_reason",
            field=models.TextField(blank=True, verbose_name="why it ended"),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="ended_on",
            field=cms.partial_dates.PartialDateField(verbose_name="ended on"),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="followed_by",
            field=models.TextField(
                blank=True,
                help_text="For example a municipal merger, or a new collaboration.",
                verbose_name="what followed",
            ),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="started_on",
            field=cms.partial_dates.PartialDateField(verbose_name="started on"),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="status",
            field=models.CharField(
                blank=True,
                choices=[
                    ("verkennend", "exploring"),
                    ("in-voorbereiding", "preparing"),
                    ("actief", "active"),
                    ("beeindigd", "ended"),
                ],
                help_text="Leave empty when it is not known whether it still runs.",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.CreateModel(
            name="CollaborationMembership",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("joined_on", cms.partial_dates.PartialDateField(verbose_name="joined on")),
                ("left_on", cms.partial_dates.PartialDateField(verbose_name="left on")),
                (
                    "collaboration",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="memberships", to="cms.collaboration"
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="memberships",
                        to="cms.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="collaborationmembership",
            constraint=models.UniqueConstraint(
                fields=("collaboration", "municipality"), name="one_membership_per_municipality"
            ),
        ),
        migrations.RunPython(carry_over_collaborations, migrations.RunPython.noop),
        migrations.RunPython(create_phases, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="collaboration",
            name="founded",
        ),
        # A through model cannot be added to an existing many-to-many field: the memberships
        # were copied above, so the plain relation is dropped and the new one added.
        migrations.RemoveField(
            model_name="collaboration",
            name="municipalities",
        ),
        migrations.AddField(
            model_name="collaboration",
            name="municipalities",
            field=models.ManyToManyField(
                related_name="collaborations",
                through="cms.CollaborationMembership",
                to="cms.municipality",
                verbose_name="member municipalities",
            ),
        ),
        migrations.AddField(
            model_name="collaboration",
            name="phase",
            field=models.ForeignKey(
                blank=True,
                help_text="The phase of the route it is in now; empty when ended or unknown.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="collaborations",
                to="cms.phase",
                verbose_name="phase",
            ),
        ),
        migrations.AddField(
            model_name="knowledgedocumentpage",
            name="phases",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, help_text="The phases of the route it helps with.", to="cms.phase", verbose_name="phases"
            ),
        ),
        migrations.AddField(
            model_name="newspage",
            name="phases",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, help_text="The phases of the route it helps with.", to="cms.phase", verbose_name="phases"
            ),
        ),
        migrations.AddField(
            model_name="publicationpage",
            name="phases",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True, help_text="The phases of the route it helps with.", to="cms.phase", verbose_name="phases"
            ),
        ),
        migrations.CreateModel(
            name="CollaborationFigures",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("inhabitants", models.PositiveIntegerField(blank=True, null=True, verbose_name="inhabitants")),
                (
                    "fte",
                    models.DecimalField(
                        blank=True, decimal_places=1, max_digits=8, null=True, verbose_name="staff (FTE)"
                    ),
                ),
                ("budget", models.PositiveBigIntegerField(blank=True, null=True, verbose_name="budget (euros)")),
                (
                    "cost_allocation_model",
                    models.CharField(
                        blank=True,
                        help_text="How costs are shared among the members, e.g. by inhabitants or by use of services.",
                        max_length=255,
                        verbose_name="cost-allocation model",
                    ),
                ),
                (
                    "source",
                    models.CharField(help_text="Where these figures come from.", max_length=255, verbose_name="source"),
                ),
                (
                    "collaboration",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="figures", to="cms.collaboration"
                    ),
                ),
            ],
            options={
                "verbose_name": "key figures",
                "verbose_name_plural": "key figures per year",
                "ordering": ["-year"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("collaboration", "year"), name="one_set_of_figures_per_year")
                ],
            },
        ),
    ]
