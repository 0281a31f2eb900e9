"""The files of the synthetic items and their text (``seed_demo --scale N``, the search benchmarks).

Each file is a few to a dozen "pages" of plain Dutch sentences built from the domain's own
vocabulary (the subjects of the synthetic items, the seed-like sentences, the collaborations'
names) plus words that occur only inside files (``FILE_TERMS``), so a benchmark can time a query
that matches nothing but file text. The text comes out as ``cms.document_text.extract_text``
would return it for a PDF: pages separated by a blank line, with the offset where each page
starts. Every file is drawn from its own random generator (seeded with the item's number), so
item N has the same text in every run, whichever items are added first.

The file rows all point at one stored file (only their text differs) and are written with
``bulk_create``, so no reading is queued: their text is there already, as if read.
"""

import random

from django.utils import timezone

from cms.models import LibraryFile

# Words found only inside the synthetic files: no title, summary or body of the demo content or
# the synthetic items uses them.
FILE_TERMS = [
    "frictiekosten",
    "detacheringsovereenkomst",
    "sociaal statuut",
    "plaatsingsprocedure",
    "transitiebudget",
    "harmonisatie van arbeidsvoorwaarden",
    "functiewaardering",
    "salderingsafspraak",
    "risicoreservering",
    "weerstandsvermogen",
    "doorbelasting van overheadkosten",
    "kwartaalrapportage",
    "mandaatregeling",
    "zaakgericht werken",
    "applicatielandschap",
    "boventalligheid",
]
# Queries that can only be answered from file text (for the benchmark's "file text" scenario).
FILE_ONLY_QUERIES = [
    "frictiekosten",
    "sociaal statuut",
    "plaatsingsprocedure",
    "transitiebudget",
    "functiewaardering",
    "detacheringsovereenkomst",
    "weerstandsvermogen",
    "mandaatregeling",
    "applicatielandschap",
    "boventalligheid",
    "zaakgericht werken",
    "harmonisatie arbeidsvoorwaarden",
    "salderingsafspraak",
    "risicoreservering",
]
TEMPLATES = [
    "In {year} besloot het algemeen bestuur van {org} om {subject} voortaan gezamenlijk te organiseren.",
    "Voor {subject} is in de begroting {year} een bedrag van € {amount} opgenomen.",
    "De afspraken over {term} bij {subject} gelden naar rato van het aantal inwoners per gemeente.",
    "Uit de evaluatie blijkt dat {pct} procent van de medewerkers tevreden is over {subject}.",
    "De gemeenteraad van {municipality} is op {day} {month} {year} geïnformeerd over {subject}.",
    "Het college stelt voor de afspraken over {term} op te nemen in de dienstverleningsovereenkomst.",
    "Bij de start van {short} zijn de afspraken over {term} vastgelegd in een apart besluit.",
    "De werkgroep {subject} rapporteert elk kwartaal aan de directie van {org}.",
    "Over {term} is met de ondernemingsraad overeenstemming bereikt.",
    "Een deel van de kosten voor {subject} wordt gedekt uit de reserve van {municipality}.",
    "De raden kunnen hun wensen en bedenkingen over {subject} kenbaar maken tot {day} {month}.",
    "Voor {term} geldt een overgangstermijn van {small} jaar na de start van de samenwerking.",
    "De accountant heeft geen opmerkingen gemaakt over de verantwoording van {subject}.",
    "In de bijlage staat per gemeente het aandeel in {subject} over de jaren {year} tot en met {later}.",
    "Het verschil met de raming van € {amount} wordt verklaard door hogere uitgaven voor {term}.",
    "Tijdens de bijeenkomst in {municipality} is stilgestaan bij de ervaringen met {subject}.",
]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
PAGE_CHARS = 3000  # about one printed A4 page of running text
MIN_CHARS, MAX_CHARS = 4_000, 36_000  # uniform: 20 KB on average


def file_text(number, subjects, sentences, collaborations, seed=2026):
    """(text, page offsets) of the file of synthetic item ``number``.

    ``subjects`` and ``sentences`` are the synthetic corpus's own; ``collaborations`` a list of
    (name, short name, [municipality names]).
    """
    rng = random.Random(f"file-{seed}-{number}")
    target = rng.randint(MIN_CHARS, MAX_CHARS)
    org, short, municipalities = rng.choice(collaborations)
    topic = rng.sample(subjects, k=min(3, len(subjects)))  # a file is about a few subjects
    terms = rng.sample(FILE_TERMS, k=3)  # and mentions a few specifics: a term is in 3/16 of the files
    context = (topic, terms, subjects, sentences, org, short, municipalities or [org])
    pages, offsets, length = [], [], 0
    while length < target:
        page = _page(rng, *context)
        if pages:
            length += 2  # the blank line between pages
        offsets.append(length)
        pages.append(page)
        length += len(page)
    return "\n\n".join(pages), offsets


def _page(rng, *context):
    paragraphs, size = [], 0
    while size < PAGE_CHARS:
        paragraph = " ".join(_sentence(rng, *context) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(paragraphs)


def _sentence(rng, topic, terms, subjects, sentences, org, short, municipalities):
    if rng.random() < 0.2:
        return rng.choice(sentences)
    year = rng.randint(2006, 2025)
    return rng.choice(TEMPLATES).format(
        year=year,
        later=year + rng.randint(1, 4),
        org=org,
        short=short,
        subject=rng.choice(topic) if rng.random() < 0.7 else rng.choice(subjects),
        term=rng.choice(terms),
        municipality=rng.choice(municipalities),
        amount=f"{rng.randint(10, 9_999) * 1_000:,}".replace(",", "."),
        pct=rng.randint(40, 95),
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        small=rng.randint(2, 5),
    )


def files_with_text(plans, shared_file, subjects, sentences, seed=2026):
    """{number: a new LibraryFile with its text read} for the items ``plans`` ({number: plan})."""
    files = {}
    for number, plan in plans.items():
        collaboration = plan["collaboration"]
        members = [municipality.name for municipality in collaboration.municipalities.all()]
        text, offsets = file_text(
            number, subjects, sentences, [(collaboration.name, collaboration.short_name, members)], seed=seed
        )
        files[number] = LibraryFile(
            title=f"{plan['action']} {plan['subject']} ({number})",
            file=shared_file.file.name,
            collection_id=shared_file.collection_id,
            file_size=shared_file.file_size,
            file_hash=shared_file.file_hash,
            text=text,
            text_page_offsets=offsets,
            text_status=LibraryFile.TextStatus.DONE,
            text_source=shared_file.text_source_key,
            text_read_at=timezone.now(),
        )
    LibraryFile.objects.bulk_create(files.values(), batch_size=200)
    return files


def shared_file_without_text():
    """The file of the synthetic documents without text of their own: stored once and treated
    as a scan (no text layer), so that exactly the items with a file of their own carry text."""
    from .builder import demo_file

    shared = demo_file("Synthetisch voorbeeld", "pdf", ["Een voorbeeldbestand voor synthetische documenten."])
    if shared.text or shared.text_status != LibraryFile.TextStatus.EMPTY:
        LibraryFile.objects.filter(pk=shared.pk).update(
            text="", text_page_offsets=[], text_status=LibraryFile.TextStatus.EMPTY
        )
        shared.text, shared.text_page_offsets = "", []
    return shared
