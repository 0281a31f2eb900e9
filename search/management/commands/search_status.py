"""``manage.py search_status``: is search healthy, and does Elasticsearch match the database?"""

from django.core.management.base import BaseCommand

from search.rebuild import status


class Command(BaseCommand):
    help = "Show the search cluster, index, document counts against the database, and pending updates."

    def handle(self, *args, **options):
        facts = status()
        if not facts["configured"]:
            self.stdout.write("Elasticsearch: not configured (ELASTICSEARCH_URL is empty); searching the database.")
        else:
            self.stdout.write(f"Elasticsearch: {facts['cluster']}")
            if "alias" in facts:
                analysis = "Dutch" if facts["dutch_analysis"] else "standard (no analysis-common)"
                self.stdout.write(f"Alias:         {facts['alias']} -> {facts['index'] or 'no index yet'}")
                self.stdout.write(f"Analysis:      {analysis}")
                self.stdout.write(f"Documents:     {facts['index_documents']} in the index")
        self.stdout.write(
            f"Database:      {facts['database_items']} knowledge items, "
            f"{facts['items_with_file_text']} with the text of their file"
        )
        files = ", ".join(f"{count} {status}" for status, count in facts["file_text"].items())
        self.stdout.write(f"File texts:    {files} (`manage.py extract_document_text` reads again)")
        oldest = f" (oldest from {facts['oldest_pending']:%Y-%m-%d %H:%M})" if facts["oldest_pending"] else ""
        self.stdout.write(f"Pending:       {facts['pending_updates']} updates in the outbox{oldest}")
        if facts["configured"] and "index_documents" in facts:
            in_step = facts["index_documents"] == facts["database_items"] and not facts["pending_updates"]
            self.stdout.write(
                self.style.SUCCESS("In step.")
                if in_step
                else self.style.WARNING("Not in step: run `manage.py search_index --sync` (or --rebuild).")
            )
