"""Synthetic knowledge items for benchmarks (``seed_demo --scale N``).

Items are built from the domain's own vocabulary so that text search behaves realistically,
with a fixed random seed so two runs produce the same corpus. Slugs are numbered, which
makes the command idempotent: it only adds the numbers that are missing.

Pages are written in bulk: a few INSERTs per batch instead of Wagtail's ``add_child`` per page
(about 50 ms a page, so 100,000 items took well over an hour). The rows are the ones
``add_child`` writes: treebeard path, depth and the parent's ``numchild``, ``url_path``, locale,
draft title, the tags, the "created" entry in the page history, Wagtail's own search index (the
admin search) and its reference index ("usage"). As with ``add_child``, nothing is published
(no revisions) and the site's search signals do not fire, so no knowledge item is derived here:
run ``manage.py search_index --refresh-items`` afterwards.

A third of the items (documents and publications) get a file of their own whose text has
already been read (``synthetic_text``: 20 KB on average, in pages of about 3,000 characters),
as if the background reading had run; the other documents share one file without a text layer.
The file rows all point at the same stored file: only their text differs.
"""

import random
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from cms.models import (
    Collaboration,
    DocumentLibraryPage,
    DocumentType,
    KnowledgeDocumentPage,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
    Theme,
)

from .synthetic_text import files_with_text, shared_file_without_text

SUBJECTS = [
    "verrekenmodel",
    "dienstverleningsovereenkomst",
    "gemeenschappelijke regeling",
    "begroting",
    "bestuurskrachtmeting",
    "ondernemingsraad",
    "klanttevredenheid",
    "informatiebeveiliging",
    "inkoop en aanbesteding",
    "sociaal domein",
    "personeelsbeleid",
    "huisvesting",
    "archief",
    "belastingen",
    "jeugdzorg",
    "Wmo",
    "omgevingswet",
    "rekenkameronderzoek",
    "evaluatie",
    "kostenverdeelsleutel",
    "shared service centrum",
    "cultuurtraject",
    "opdrachtgeverschap",
]
ACTIONS = [
    "Evaluatie van",
    "Advies over",
    "Notitie over",
    "Raadsinformatiebrief over",
    "Plan van aanpak",
    "Onderzoek naar",
    "Kaderbrief",
    "Voortgangsrapportage",
    "Besluit over",
    "Handreiking",
]
SENTENCES = [
    "De gemeenten behouden hun eigen raad en college, de ambtelijke organisatie is gezamenlijk.",
    "Het algemeen bestuur stelt de begroting vast; de verrekening volgt de afgesproken verdeelsleutel.",
    "De raden worden twee keer per jaar geïnformeerd over de voortgang van de samenwerking.",
    "Medewerkers zijn in dienst van de werkorganisatie en werken voor alle deelnemende gemeenten.",
    "De dienstverlening aan inwoners blijft dichtbij georganiseerd, met een loket in elke gemeente.",
    "Besparingen worden pas ingeboekt wanneer zij gerealiseerd zijn.",
    "De kwetsbaarheid van kleine afdelingen is afgenomen door bundeling van capaciteit.",
    "Een nulmeting maakt het mogelijk de resultaten later te verantwoorden.",
]
BATCH = 2000
TAG_FIELDS = ("collaborations", "municipalities", "themes")
# Documents and publications are 80 % of the items: 5/12 of them with file text is a third.
FILE_TEXT_SHARE = 5 / 12


def add_synthetic_items(count, log=print, seed=2026):
    rng = random.Random(seed)
    library = DocumentLibraryPage.objects.first()
    news = NewsIndexPage.objects.first()
    publications = PublicationIndexPage.objects.first()
    if not (library and news and publications):
        raise RuntimeError("Run seed_demo without --scale first: the section pages are missing.")
    collaborations = list(Collaboration.objects.prefetch_related("municipalities"))
    themes = list(Theme.objects.all())
    types = list(DocumentType.objects.all())
    shared_file = shared_file_without_text()
    existing = _existing_numbers(library, news, publications)
    missing = [n for n in range(1, count + 1) if n not in existing]
    # Draw for every number, also the existing ones, so item N is the same in every run.
    plans = {n: _plan(rng, collaborations, themes, types) for n in range(1, count + 1)}
    parents = {"document": library, "news": news, "publication": publications}
    file_rng = random.Random(f"files-{seed}")
    with_text = {n for n in range(1, count + 1) if file_rng.random() < FILE_TEXT_SHARE}
    for start in range(0, len(missing), BATCH):
        children = {kind: [] for kind in parents}
        numbers = missing[start : start + BATCH]
        with transaction.atomic():  # the files of a batch are written with its pages, or not at all
            files = files_with_text(
                {n: plans[n] for n in numbers if n in with_text and plans[n]["kind"] != "news"},
                shared_file,
                SUBJECTS,
                SENTENCES,
                seed,
            )
            for number in numbers:
                plan = plans[number]
                children[plan["kind"]].append(_page(number, plan, files.get(number, shared_file)))
            for kind, pages in children.items():
                if pages:
                    add_children(parents[kind], pages)
        log(f"  synthetic items: {min(start + BATCH, len(missing))}/{len(missing)}")
    return len(missing)


def add_children(parent, pages):
    """Append unsaved ``pages`` (all of one specific page class) as the last children of
    ``parent`` in bulk, with what ``add_child`` would also have written (see the module's
    docstring). Call inside a transaction."""
    model = type(pages[0])
    # Lock the parent row, as treebeard's add_child does, and read its current state.
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    depth = parent.depth + 1
    last_path = parent.get_last_child().path if parent.numchild else None
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    max_path = Page._meta.get_field("path").max_length
    for offset, page in enumerate(pages, start=1):
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, step + offset)
        if len(page.path) > max_path:
            raise ValueError(f"Tree path too long under {parent.url_path}")
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.draft_title or page.title
        page.locale_id = page.locale_id or parent.locale_id  # a page takes its parent's locale
    _insert(model, pages)
    _insert_tags(model, pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    _log_creation(model, pages)
    # The in-memory pages carry their tags (modelcluster keeps them on the instance), so the
    # indexes below need no query per page.
    _add_to_wagtail_search(model, pages)
    _add_to_reference_index(model, pages)


def _insert(model, pages):
    """INSERT the rows of every table of a multi-table page model, a batch at a time."""
    tables = [*reversed(model._meta.get_parent_list()), model]  # Page first
    manager = Page._base_manager
    for cls in tables:
        fields = [f for f in cls._meta.local_concrete_fields if not (cls is Page and f.primary_key)]
        if cls is not Page:
            for page in pages:  # the parent links (page_ptr) point at the new Page row
                for field in cls._meta.local_concrete_fields:
                    if field.remote_field and field.remote_field.parent_link:
                        setattr(page, field.attname, page.id)
        size = connection.ops.bulk_batch_size(fields, pages) or len(pages)
        for start in range(0, len(pages), size):
            batch = pages[start : start + size]
            if cls is Page:
                rows = manager._insert(batch, fields=fields, returning_fields=[Page._meta.pk])
                for page, (pk,) in zip(batch, rows, strict=True):
                    page.id = pk
            else:
                cls._base_manager._insert(batch, fields=fields)
    for page in pages:
        page._state.adding = False
        page._state.db = manager.db


def _insert_tags(model, pages):
    for name in TAG_FIELDS:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: page.pk, target: value.pk}) for page in pages for value in getattr(page, name).all()]
        through.objects.bulk_create(rows, batch_size=1000)


def _log_creation(model, pages):
    """The "wagtail.create" history entry that ``Page.save`` writes for a new page."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=content_type,
                label=page.get_admin_display_title(),
                action="wagtail.create",
                timestamp=now,
                data={},
                page_id=page.pk,
                user_id=page.owner_id,
                content_changed=True,
            )
            for page in pages
        ],
        batch_size=1000,
    )


def _add_to_wagtail_search(model, objects):
    """What Wagtail's post_save handler does for each page, in one go per search backend."""
    from modelsearch.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


def _add_to_reference_index(model, objects):
    """ReferenceIndex.create_or_update_for_object for new objects, in one INSERT per batch."""
    if not ReferenceIndex.is_indexed(model):
        return
    content_types = [
        ContentType.objects.get_for_model(cls, for_concrete_model=False)
        for cls in [model, *model._meta.get_parent_list()]
    ]
    rows = [
        ReferenceIndex(
            content_type=content_types[0],
            base_content_type=content_types[-1],
            object_id=obj.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
        )
        for obj in objects
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        )
    ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=1000)


def _existing_numbers(*parents):
    numbers = set()
    for parent in parents:
        for slug in parent.get_children().filter(slug__startswith="synthetisch-").values_list("slug", flat=True):
            numbers.add(int(slug.rsplit("-", 1)[1]))
    return numbers


def _plan(rng, collaborations, themes, types):
    collaboration = rng.choice(collaborations)
    return {
        "kind": rng.choices(["document", "news", "publication"], weights=[6, 2, 2])[0],
        "action": rng.choice(ACTIONS),
        "subject": rng.choice(SUBJECTS),
        "collaboration": collaboration,
        "themes": rng.sample(themes, k=rng.randint(1, 2)),
        "type": rng.choice(types),
        "date": date(2008, 1, 1) + timedelta(days=rng.randint(0, 18 * 365)),
        "text": " ".join(rng.sample(SENTENCES, k=3)),
    }


def _page(number, plan, file):
    collaboration = plan["collaboration"]
    title = f"{plan['action']} {plan['subject']} {collaboration.short_name} ({number})"
    common = {
        "title": title,
        "slug": f"synthetisch-{number}",
        "date": plan["date"],
        "summary": f"{plan['action']} {plan['subject']} in {collaboration.name}. {plan['text']}",
    }
    if plan["kind"] == "document":
        page = KnowledgeDocumentPage(document_type=plan["type"], file=file, **common)
    elif plan["kind"] == "news":
        page = NewsPage(body=[("paragraph", f"<p>{plan['text']}</p>")], **common)
    else:
        own_file = file if file.text else None  # a publication has a file only when it has text
        page = PublicationPage(kind="artikel", body=f"<p>{plan['text']}</p>", file=own_file, **common)
    page.collaborations = [collaboration]
    page.municipalities = list(collaboration.municipalities.all())
    page.themes = plan["themes"]
    return page
