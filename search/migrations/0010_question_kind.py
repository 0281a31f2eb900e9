"""Search knows questions and answers as a kind of their own."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge_search", "0009_phases"),
    ]

    operations = [
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
                    ("question", "Question and answer"),
                ],
                db_index=True,
                max_length=16,
            ),
        ),
    ]
