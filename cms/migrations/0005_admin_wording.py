"""The admin in Dutch: StreamField block labels written with a capital (as Wagtail shows them),
and the default workflow's name. Wagtail's own migration names that workflow and its task after
the group, in English ("Moderators approval"), as data: editors read it in the page editor's
"submit" button. An editor's own name for it stays."""

import wagtail.fields
from django.db import migrations

WORKFLOW_NAMES = ("Moderators approval", "Goedkeuring door moderatoren")


def rename_default_workflow(apps, schema_editor, names=WORKFLOW_NAMES):
    old, new = names
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def restore_default_workflow_name(apps, schema_editor):
    rename_default_workflow(apps, schema_editor, names=WORKFLOW_NAMES[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_pending_registration_mail"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(rename_default_workflow, restore_default_workflow_name),
        migrations.AlterField(
            model_name="collaborationpage",
            name="body",
            field=wagtail.fields.StreamField(
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
                    4: ("wagtail.blocks.StructBlock", [[("text", 2), ("attribution", 3)]], {"label": "Quotation"}),
                },
                verbose_name="profile",
            ),
        ),
        migrations.AlterField(
            model_name="eventpage",
            name="body",
            field=wagtail.fields.StreamField(
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
                    4: ("wagtail.blocks.StructBlock", [[("text", 2), ("attribution", 3)]], {"label": "Quotation"}),
                },
                verbose_name="programme and description",
            ),
        ),
        migrations.AlterField(
            model_name="newspage",
            name="body",
            field=wagtail.fields.StreamField(
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
                    4: ("wagtail.blocks.StructBlock", [[("text", 2), ("attribution", 3)]], {"label": "Quotation"}),
                },
                verbose_name="text",
            ),
        ),
        migrations.AlterField(
            model_name="standardpage",
            name="body",
            field=wagtail.fields.StreamField(
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
                    4: ("wagtail.blocks.StructBlock", [[("text", 2), ("attribution", 3)]], {"label": "Quotation"}),
                },
                verbose_name="text",
            ),
        ),
    ]
