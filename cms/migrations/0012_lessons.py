"""Lessons as items: the rich-text lists ``lessons_do`` and ``lessons_dont`` of a collaboration
profile become one Lesson row per list item (or paragraph), in their order, do's first; then the
two fields go. A profile with unpublished changes also gets its draft's lessons as Lesson
children in its latest revision, so publishing that draft later keeps them. Going back joins
the lessons into the two lists again."""

import re

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

from cms.lesson_text import split_lessons

KINDS = (("do", "lessons_do"), ("dont", "lessons_dont"))


def lessons_of(values):
    """[{kind, text, explanation}] in order, from {"lessons_do": html, "lessons_dont": html}."""
    return [
        {"kind": kind, "text": text, "explanation": ""}
        for kind, field in KINDS
        for text in split_lessons(values.get(field) or "")
    ]


def carry_over_lessons(apps, schema_editor):
    CollaborationPage = apps.get_model("cms", "CollaborationPage")
    Lesson = apps.get_model("cms", "Lesson")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in CollaborationPage.objects.order_by("pk"):
        lessons = lessons_of({field: getattr(page, field) for _kind, field in KINDS})
        Lesson.objects.bulk_create(
            Lesson(page=page, sort_order=number, **fields) for number, fields in enumerate(lessons)
        )
        if page.has_unpublished_changes and page.latest_revision_id:
            revision = Revision.objects.get(pk=page.latest_revision_id)
            content = revision.content
            draft = lessons_of(content)
            content["lessons"] = [
                {"pk": None, "page": page.pk, "sort_order": number, "phase": None, "theme": None, **fields}
                for number, fields in enumerate(draft)
            ]
            for _kind, field in KINDS:
                content.pop(field, None)
            revision.save(update_fields=["content"])


def inner_html(fragment):
    return re.sub(r"^<p>(.*)</p>$", r"\1", fragment.strip(), flags=re.DOTALL)


def restore_lists(apps, schema_editor):
    CollaborationPage = apps.get_model("cms", "CollaborationPage")
    for page in CollaborationPage.objects.prefetch_related("lessons"):
        for kind, field in KINDS:
            items = [inner_html(lesson.text) for lesson in page.lessons.order_by("sort_order") if lesson.kind == kind]
            setattr(page, field, "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else "")
        page.save(update_fields=[field for _kind, field in KINDS])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0011_route"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="LessonIndexPage",
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
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "lessons overview",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="Lesson",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[("do", "Do"), ("dont", "Don't")], default="do", max_length=4, verbose_name="kind"
                    ),
                ),
                (
                    "text",
                    wagtail.fields.RichTextField(
                        help_text="The lesson itself, in one or two sentences.", verbose_name="lesson"
                    ),
                ),
                (
                    "explanation",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="Optional: why, or how it went in this collaboration.",
                        verbose_name="explanation",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="lessons", to="cms.collaborationpage"
                    ),
                ),
                (
                    "phase",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="lessons",
                        to="cms.phase",
                        verbose_name="phase",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="lessons",
                        to="cms.theme",
                        verbose_name="theme",
                    ),
                ),
            ],
            options={
                "verbose_name": "lesson",
                "verbose_name_plural": "lessons",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(carry_over_lessons, restore_lists),
        migrations.RemoveField(
            model_name="collaborationpage",
            name="lessons_do",
        ),
        migrations.RemoveField(
            model_name="collaborationpage",
            name="lessons_dont",
        ),
    ]
