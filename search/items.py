"""From a Wagtail page to the knowledge item that both search engines search.

Only live pages without view restrictions (on the page or an ancestor) become items, so
nothing unpublished, private or members-only can reach search results, counts or suggestions.
"""

from html import unescape

from django.utils import timezone
from django.utils.html import strip_tags

from cms.models import CollaborationPage, KnowledgeDocumentPage, NewsPage, Province, PublicationPage, QuestionPage
from events.models import EventPage

from . import fulltext
from .models import KnowledgeItem
from .text import searchable_text

KIND_OF_MODEL = {
    KnowledgeDocumentPage: KnowledgeItem.Kind.DOCUMENT,
    PublicationPage: KnowledgeItem.Kind.PUBLICATION,
    NewsPage: KnowledgeItem.Kind.NEWS,
    EventPage: KnowledgeItem.Kind.EVENT,
    CollaborationPage: KnowledgeItem.Kind.COLLABORATION,
    QuestionPage: KnowledgeItem.Kind.QUESTION,
}
SEARCHABLE_MODELS = tuple(KIND_OF_MODEL)


def plain_text(*parts):
    """Text of rich text / StreamField values, without markup."""
    return " ".join(unescape(strip_tags(str(part))) for part in parts if part).strip()


def is_searchable(page):
    return isinstance(page, SEARCHABLE_MODELS) and page.live and not page.get_view_restrictions().exists()


def extract(page, province_of=None):
    """Field values and tags of a (specific) searchable page.

    ``province_of`` (municipality id -> Province) saves a query per page when many pages are
    extracted at once; without it the provinces are looked up.
    """
    fields = {"kind": KIND_OF_MODEL[type(page)], "title": page.title, "url": page.url or "", "date": None}
    tags = {"collaborations": [], "municipalities": [], "themes": list(page.themes.all()), "phases": []}
    if isinstance(page, CollaborationPage):
        collaboration = page.collaboration
        tags["phases"] = [collaboration.phase] if collaboration.phase else []
        fields["summary"] = page.summary
        lessons = [part for lesson in page.lessons.all() for part in (lesson.text, lesson.explanation)]
        fields["body"] = plain_text(page.body, page.governance, *lessons)
        tags["collaborations"] = [collaboration]
        tags["municipalities"] = list(collaboration.municipalities.all())
    else:
        fields["summary"] = page.summary
        tags["collaborations"] = list(page.collaborations.all())
        tags["municipalities"] = list(page.municipalities.all())
        tags["phases"] = list(page.phases.all())
        if isinstance(page, EventPage):
            fields["date"] = timezone.localtime(page.start).date()
            fields["body"] = plain_text(page.body, page.venue, page.address)
        else:
            fields["date"] = page.date
            extra = extra_text(page)
            fields["body"] = plain_text(page.body, *extra)
    fields["document_type"] = getattr(page, "document_type", None)
    fields["file_text"], fields["file_page_offsets"] = file_text_of(getattr(page, "file", None))
    return complete(fields, tags, province_of)


def extra_text(page):
    """What else of a dated item is searched besides its body: a publication's authors and
    publisher, a question's full wording and whom the answer credits."""
    if isinstance(page, PublicationPage):
        return [page.author_names, page.publisher]
    if isinstance(page, QuestionPage):
        return [page.question, page.credited_name]
    return []


# The part of a file's text that is searched: Elasticsearch highlights up to a million
# characters by default, and more than that adds little but weight.
FILE_TEXT_CHARS = 1_000_000


def file_text_of(library_file):
    """(text, page offsets) of a page's attached file, as far as it has been read."""
    if library_file is None or not library_file.text:
        return "", []
    text = library_file.text[:FILE_TEXT_CHARS]
    return text, [offset for offset in library_file.text_page_offsets if offset < len(text)]


def with_successors(municipalities):
    """The municipalities, and for each that was merged what it became (and so on): a document
    about Haaren stays findable under Boxtel, Oisterwijk, Tilburg and Vught."""
    found, queue = {}, list(municipalities)
    while queue:
        municipality = queue.pop(0)
        if municipality.pk not in found:
            found[municipality.pk] = municipality
            if municipality.valid_until is not None:
                queue.extend(municipality.successors.all())
    return list(found.values())


def complete(fields, tags, province_of=None):
    """Add what follows from an item's own fields and tags: year, provinces, search text."""
    tags["municipalities"] = with_successors(tags["municipalities"])
    fields.setdefault("file_text", "")
    fields.setdefault("file_page_offsets", [])
    fields.setdefault("answered", False)
    fields["year"] = fields["date"].year if fields["date"] else None
    tags["provinces"] = provinces_of(tags["municipalities"], province_of)
    # Phases are facets, not words of the item: "besluiten" should not find every item of phase 2.
    tag_names = [str(tag) for name, values in tags.items() if name != "phases" for tag in values]
    if fields["document_type"]:
        tag_names.append(fields["document_type"].name)
    tag_names += [c.short_name for c in tags["collaborations"]]
    fields["search_text"] = searchable_text(fields["title"], fields["summary"], fields["body"], *tag_names)
    return fields, tags


def provinces_of(municipalities, province_of=None):
    """The provinces of ``municipalities``, each once, in the order of Province.Meta."""
    if province_of is None:
        municipality_ids = [m.pk for m in municipalities]
        return list(Province.objects.filter(municipalities__in=municipality_ids).distinct())
    unique = {province.pk: province for province in (province_of[m.pk] for m in municipalities)}
    return sorted(unique.values(), key=lambda province: (province.name, province.pk))


def province_map():
    """Municipality id -> Province, for ``extract`` over many pages."""
    from cms.models import Municipality

    provinces = {province.pk: province for province in Province.objects.all()}
    return {pk: provinces[province_id] for pk, province_id in Municipality.objects.values_list("pk", "province_id")}


# What ``extract`` reads from each page type, fetched up front for many pages at once.
EXTRACT_RELATED = {
    CollaborationPage: (
        ("collaboration__phase",),
        ("themes", "lessons", "collaboration__municipalities__successors"),
    ),
    KnowledgeDocumentPage: (
        ("document_type", "file"),
        ("collaborations", "municipalities__successors", "themes", "phases"),
    ),
    PublicationPage: (("file",), ("collaborations", "municipalities__successors", "themes", "phases", "authors")),
    NewsPage: ((), ("collaborations", "municipalities__successors", "themes", "phases")),
    EventPage: ((), ("collaborations", "municipalities__successors", "themes", "phases")),
    QuestionPage: ((), ("collaborations", "municipalities__successors", "themes", "phases")),
}


def sync_item(page):
    """Bring the knowledge item of ``page`` in line with the page; return it, or None if the
    page is not (or no longer) searchable."""
    page = page.specific
    if not is_searchable(page):
        KnowledgeItem.objects.filter(page_id=page.pk).delete()
        return None
    return save_item({"page_id": page.pk}, *extract(page))


def save_item(source, fields, tags):
    """Create or update the item of ``source`` ({"page_id": ...} or {"topic_id": ...})."""
    item, _ = KnowledgeItem.objects.update_or_create(**source, defaults=fields)
    for name, values in tags.items():
        getattr(item, name).set(values)
    update_search_vectors(KnowledgeItem.objects.filter(pk=item.pk))
    return item


def update_search_vectors(items):
    """Bring the database's full-text index of ``items`` up to date (PostgreSQL's vector,
    SQLite's FTS5 table)."""
    fulltext.store(items)


def searchable_pages():
    """Every page that should be an item, as specific instances."""
    from wagtail.models import Page

    return Page.objects.live().public().type(*SEARCHABLE_MODELS).specific()
