"""Synthetic knowledge items for benchmarks (``seed_demo --scale N``).

Items are built from the domain's own vocabulary so that text search behaves realistically,
with a fixed random seed so two runs produce the same corpus. Slugs are numbered, which
makes the command idempotent: it only adds the numbers that are missing.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from cms.models import (
    Collaboration, DocumentLibraryPage, DocumentType, KnowledgeDocumentPage, NewsIndexPage,
    NewsPage, PublicationIndexPage, PublicationPage, Theme,
)

from .files import make_document

SUBJECTS = [
    "verrekenmodel", "dienstverleningsovereenkomst", "gemeenschappelijke regeling", "begroting",
    "bestuurskrachtmeting", "ondernemingsraad", "klanttevredenheid", "informatiebeveiliging",
    "inkoop en aanbesteding", "sociaal domein", "personeelsbeleid", "huisvesting", "archief",
    "belastingen", "jeugdzorg", "Wmo", "omgevingswet", "rekenkameronderzoek", "evaluatie",
    "kostenverdeelsleutel", "shared service centrum", "cultuurtraject", "opdrachtgeverschap",
]
ACTIONS = [
    "Evaluatie van", "Advies over", "Notitie over", "Raadsinformatiebrief over", "Plan van aanpak",
    "Onderzoek naar", "Kaderbrief", "Voortgangsrapportage", "Besluit over", "Handreiking",
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
BATCH = 200


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
    shared_file = _shared_file()
    existing = _existing_numbers(library, news, publications)
    missing = [n for n in range(1, count + 1) if n not in existing]
    # Draw for every number, also the existing ones, so item N is the same in every run.
    plans = {n: _plan(rng, collaborations, themes, types) for n in range(1, count + 1)}
    for start in range(0, len(missing), BATCH):
        with transaction.atomic():
            for number in missing[start:start + BATCH]:
                plan = plans[number]
                parent = {"document": library, "news": news, "publication": publications}[plan["kind"]]
                parent.add_child(instance=_page(number, plan, shared_file))
        # add_child changes the parent's numchild; reload to keep treebeard's paths right.
        library.refresh_from_db(); news.refresh_from_db(); publications.refresh_from_db()  # noqa: E702
        log(f"  synthetic items: {min(start + BATCH, len(missing))}/{len(missing)}")
    return len(missing)


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


def _page(number, plan, shared_file):
    collaboration = plan["collaboration"]
    title = f"{plan['action']} {plan['subject']} {collaboration.short_name} ({number})"
    common = {
        "title": title, "slug": f"synthetisch-{number}", "date": plan["date"],
        "summary": f"{plan['action']} {plan['subject']} in {collaboration.name}. {plan['text']}",
    }
    if plan["kind"] == "document":
        page = KnowledgeDocumentPage(document_type=plan["type"], file=shared_file, **common)
    elif plan["kind"] == "news":
        page = NewsPage(body=[("paragraph", f"<p>{plan['text']}</p>")], **common)
    else:
        page = PublicationPage(kind="artikel", body=f"<p>{plan['text']}</p>", **common)
    page.collaborations = [collaboration]
    page.municipalities = list(collaboration.municipalities.all())
    page.themes = plan["themes"]
    return page


def _shared_file():
    from .builder import demo_file

    return demo_file("Synthetisch voorbeeld", "pdf", ["Een voorbeeldbestand voor synthetische documenten."])
