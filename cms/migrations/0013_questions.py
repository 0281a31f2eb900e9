"""Questions and answers: the questions overview, the question page and its sources."""

import datetime

import django.db.models.deletion
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0012_lessons"),
        ("community", "0007_category_search_help"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="QuestionIndexPage",
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
                "verbose_name": "questions overview",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="QuestionPage",
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
                (
                    "date",
                    models.DateField(
                        default=datetime.date.today,
                        help_text="When the answer was written or last checked.",
                        verbose_name="answer date",
                    ),
                ),
                (
                    "question",
                    models.TextField(
                        blank=True,
                        help_text="Optional: the question in more words than the title.",
                        verbose_name="question in full",
                    ),
                ),
                (
                    "body",
                    wagtail.fields.StreamField(
                        [("heading", 0), ("paragraph", 1), ("quote", 4)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"form_classname": "title", "label": "Heading", "template": "cms/blocks/heading.html"},
                            ),
                            1: (
                                "wagtail.blocks.RichTextBlock",
                                (),
                                {
                                    "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
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
                        verbose_name="full answer",
                    ),
                ),
                (
                    "credited_name",
                    models.CharField(
                        blank=True,
                        help_text="The public name of the member whose contribution the answer is based on, if any.",
                        max_length=150,
                        verbose_name="answered by",
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
                    "phases",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        help_text="The phases of the route it helps with.",
                        to="cms.phase",
                        verbose_name="phases",
                    ),
                ),
                (
                    "source_post",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="community.post",
                        verbose_name="discussion reply",
                    ),
                ),
                (
                    "source_topic",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="community.topic",
                        verbose_name="discussion topic",
                    ),
                ),
                (
                    "themes",
                    modelcluster.fields.ParentalManyToManyField(blank=True, to="cms.theme", verbose_name="themes"),
                ),
            ],
            options={
                "verbose_name": "question and answer",
                "verbose_name_plural": "questions and answers",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="QuestionSource",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("external_url", models.URLField(blank=True, verbose_name="link elsewhere")),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="For example a chapter or page.", max_length=255, verbose_name="note"
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="document or publication",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="sources", to="cms.questionpage"
                    ),
                ),
            ],
            options={
                "verbose_name": "source",
                "verbose_name_plural": "sources",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
    ]
