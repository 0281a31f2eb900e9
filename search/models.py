"""The search index's source of truth in the database.

``KnowledgeItem`` is a public, denormalised copy of every live, public knowledge item: a page
or a discussion topic in a public category. The database search engine searches it directly;
Elasticsearch is a replica of it, kept up to date through ``IndexOutbox``. ``SearchQueryLog``
records what people searched for (no personal data).
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KnowledgeItem(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PUBLICATION = "publication", _("Publication")
        NEWS = "news", _("News")
        EVENT = "event", _("Event")
        COLLABORATION = "collaboration", _("Collaboration profile")
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question and answer")

    # The source: a page, or a discussion topic (exactly one of the two).
    page = models.OneToOneField("wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="knowledge_item")
    topic = models.OneToOneField("community.Topic", null=True, on_delete=models.CASCADE, related_name="knowledge_item")
    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    date = models.DateField(null=True, db_index=True)
    year = models.PositiveSmallIntegerField(null=True, db_index=True)
    collaborations = models.ManyToManyField("cms.Collaboration", related_name="+")
    municipalities = models.ManyToManyField("cms.Municipality", related_name="+")
    provinces = models.ManyToManyField("cms.Province", related_name="+")
    themes = models.ManyToManyField("cms.Theme", related_name="+")
    phases = models.ManyToManyField("cms.Phase", related_name="+")
    document_type = models.ForeignKey("cms.DocumentType", null=True, on_delete=models.SET_NULL, related_name="+")
    # A discussion that asked a question and has a visible accepted answer: "beantwoord" in results.
    answered = models.BooleanField(default=False)
    # The text of the attached file (documents, publications), read by cms/file_text.py; it
    # weighs less than title, summary and body. Where each PDF page starts in it, for "p. 12".
    file_text = models.TextField(blank=True)
    file_page_offsets = models.JSONField(default=list, blank=True)
    # Lower-cased, accent-folded words of title, summary, body and tags (hyphenated words also
    # joined): what the database engines match besides the file text.
    search_text = models.TextField(blank=True)
    # PostgreSQL only (left empty elsewhere): Dutch full-text vector, title weighted highest.
    # SQLite keeps its full-text index in an FTS5 table instead (search/fulltext/sqlite.py).
    search_vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # When the item became public (again): search alerts report what was added since their last run.
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, topic__isnull=True)
                | models.Q(page__isnull=True, topic__isnull=False),
                name="knowledge_item_has_one_source",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def document_id(self):
        """Its id in Elasticsearch (and the outbox): the page id, or "topic-<id>"."""
        return document_id(page_id=self.page_id, topic_id=self.topic_id)


def document_id(page_id=None, topic_id=None):
    return str(page_id) if page_id is not None else f"{TOPIC_PREFIX}{topic_id}"


TOPIC_PREFIX = "topic-"


def split_document_ids(document_ids):
    """Page ids and topic ids behind a list of document ids."""
    page_ids, topic_ids = [], []
    for value in document_ids:
        if value.startswith(TOPIC_PREFIX):
            topic_ids.append(int(value.removeprefix(TOPIC_PREFIX)))
        else:
            page_ids.append(int(value))
    return page_ids, topic_ids


class IndexOutbox(models.Model):
    """Items whose Elasticsearch copy must be refreshed (indexed again, or removed).

    Rows are written in the same transaction as the content change, so no change is lost when
    Elasticsearch is down; they are removed only after Elasticsearch accepted the update.
    ``version`` grows on every new change so a flush never drops a change that came in while
    it was running.
    """

    document_id = models.CharField(max_length=40, unique=True)  # KnowledgeItem.document_id
    version = models.PositiveIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self):
        return f"{self.document_id} (version {self.version}, {self.attempts} attempts)"


class SearchQueryLog(models.Model):
    """One search as typed, for editors' analytics. Holds no user, IP address or session."""

    query = models.CharField(max_length=200, db_index=True)
    filters = models.JSONField(default=dict, blank=True)
    results = models.PositiveIntegerField()
    engine = models.CharField(max_length=16)
    searched_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self):
        return f"{self.query!r}: {self.results} results ({self.engine})"


class SynonymGroup(models.Model):
    """Words and phrases that mean the same, e.g. "GR, gemeenschappelijke regeling".

    A search for one of them also finds the others; editors extend the list in the admin.
    """

    terms = models.CharField(
        _("terms"),
        max_length=500,
        unique=True,
        help_text=_("Comma-separated words or phrases that mean the same, e.g. GR, gemeenschappelijke regeling."),
    )

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.terms

    def clean(self):
        from .synonyms import validate_terms

        try:
            validate_terms(self.terms or "")
        except ValidationError as error:
            raise ValidationError({"terms": error.messages}) from error

    @property
    def term_list(self):
        return [term.strip() for term in self.terms.split(",") if term.strip()]


from .models_alerts import SearchAlert  # noqa: E402, F401  (search alerts live in a module of their own)
