"""Knowledge items can come from discussion topics too; the outbox keys on document ids."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0002_discussions"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("knowledge_search", "0005_editor_permissions"),
    ]

    operations = [
        migrations.RenameField("indexoutbox", "page_id", "document_id"),
        migrations.AlterField("indexoutbox", "document_id", models.CharField(max_length=40, unique=True)),
        migrations.AddField(
            model_name="knowledgeitem",
            name="topic",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="knowledge_item",
                to="community.topic",
            ),
        ),
        migrations.AlterField(
            model_name="knowledgeitem",
            name="kind",
            field=models.CharField(
                choices=[
                    ("document", "Document"),
                    ("publication", "Publication"),
                    ("news", "News"),
                    ("event", "Event"),
                    ("collaboration", "Collaboration profile"),
                    ("discussion", "Discussion"),
                ],
                db_index=True,
                max_length=16,
            ),
        ),
        migrations.AlterField(
            model_name="knowledgeitem",
            name="page",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="knowledge_item",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="knowledgeitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("page__isnull", False), ("topic__isnull", True)),
                    models.Q(("page__isnull", True), ("topic__isnull", False)),
                    _connector="OR",
                ),
                name="knowledge_item_has_one_source",
            ),
        ),
    ]
