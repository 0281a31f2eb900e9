"""Demo content for the route by phase: the overview at /fasen/, a page per phase, a one-line
description per phase, and phase tags on the demo documents, publications and news.

The questions, decisions and checklists are generic process knowledge phrased as questions and
to-dos, or what the seed texts (../shared/seeds) report of the BEL Combinatie: the 2005 quality
survey, the principled choice of 2006, the organisation report, the Wgr form, the works
councils, the cost-allocation model with service level agreements, realisation between June
2006 and January 2008, and the 2011 governance-strength surveys with their do's and don'ts.
Facts the seeds do not give are not stated.
"""

from django.utils.text import slugify

from cms.models import KnowledgeDocumentPage, NewsPage, Phase, PhaseIndexPage, PhasePage, PublicationPage

INDEX = {
    "title": "Fasen",
    "slug": "fasen",
    "intro": "<p>Een ambtelijke fusie verloopt in drie fasen. Per fase: de vragen die spelen, de besluiten "
    "van raden en colleges, een checklist en wat het platform erover heeft.</p>",
}

DESCRIPTIONS = {
    1: "Waarom samenwerken, met wie en in welke vorm: de opgave verkennen en een principiële keuze maken.",
    2: "Raden en colleges besluiten over de samenwerking en de gezamenlijke organisatie wordt ingericht.",
    3: "De gezamenlijke organisatie start; de gemeenten sturen, evalueren en ontwikkelen haar door.",
}

PAGES = {
    1: {
        "intro": "<p>Blaricum, Eemnes en Laren lieten in 2005 gezamenlijk onderzoeken hoe het met de "
        "kwaliteit van elk van de drie gemeenten stond. In 2006 maakten zij de principiële keuze om op "
        "(vrijwel) alle taakgebieden samen te werken in de meest verregaande vorm.</p>",
        "questions": [
            "Wat is de opgave: de kwaliteit van de dienstverlening, de kwetsbaarheid van de organisatie, "
            "de bestuurskracht?",
            "Wat zegt een onderzoek naar de kwaliteit van elk van de afzonderlijke gemeenten?",
            "Samenwerken of herindelen: welke afweging past bij deze gemeenten?",
            "Welke uitgangspunten gelden, zoals behoud van lokale identiteit, democratisch gelegitimeerd "
            "bestuur, een klantgerichte organisatie, efficiënte bedrijfsvoering en zorg voor het personeel?",
            "Met welke gemeenten, op welke taakgebieden en in welke vorm: netwerksamenwerking, een "
            "gastheerconstructie, een shared service centrum of een ambtelijke fusie?",
        ],
        "decisions": [
            ("college", "Opdracht voor een verkenning van de opgave en van de mogelijke samenwerkingsvormen."),
            ("raad-en-college", "Principiële keuze om samen te werken: op welke taakgebieden en in welke vorm."),
        ],
        "checklist": [
            "Uitgangspunten voor de samenwerking vastgelegd.",
            "Een nulmeting vastgelegd, om de resultaten later te kunnen verantwoorden.",
            "Raden en personeel vanaf het begin betrokken.",
            "Regie op het proces belegd, bijvoorbeeld bij een onafhankelijke projectleider.",
            "Tijd en aandacht voor draagvlak ingepland.",
        ],
    },
    2: {
        "intro": "<p>Bij de BEL-gemeenten beschreef een organisatierapport de werking van het model op "
        "hoofdlijnen: processen, structuur, aantal en niveau van de medewerkers en de aansturing door de "
        "gemeentebesturen. Met het vaststellen ervan werd een aantal keuzen over de inrichting definitief. "
        "De ondernemingsraden accepteerden het organisatiemodel; de werkorganisatie kreeg de WGR-vorm.</p>",
        "questions": [
            "Welke vorm krijgt de samenwerking onder de Wet gemeenschappelijke regelingen, bijvoorbeeld een "
            "openbaar lichaam of een bedrijfsvoeringsorganisatie?",
            "Hoe werkt het model: processen, structuur, aantal en niveau van medewerkers, aansturing?",
            "Wat is de rol van de raad, het college, het algemeen en het dagelijks bestuur, de "
            "gemeentesecretaris en de directeur?",
            "Hoe houden de raden hun kaderstellende en controlerende rol?",
            "Hoe worden de kosten verdeeld en de diensten verrekend: verrekenmodel, service level "
            "agreements, budgettering?",
            "Wat betekent de samenwerking voor het personeel, en hoe worden de ondernemingsraden betrokken?",
        ],
        "decisions": [
            ("raad", "Toestemming aan het college om de gemeenschappelijke regeling te treffen."),
            ("college", "Treffen van de gemeenschappelijke regeling."),
            ("raad-en-college", "Vaststellen van het organisatierapport: processen, structuur en aansturing."),
            ("college", "Vaststellen van het verrekenmodel en de dienstverleningsovereenkomsten."),
        ],
        "checklist": [
            "Gemeenschappelijke regeling opgesteld.",
            "Organisatierapport vastgesteld.",
            "Advies van de ondernemingsraden gevraagd over het organisatiemodel.",
            "Afspraken over de overgang van het personeel gemaakt.",
            "Dienstverleningsconcept uitgewerkt.",
            "Verrekenmodel uitgewerkt: service level agreements, budgettering en verrekening.",
            "Processen herontworpen en de nieuwe werkwijze gesimuleerd.",
            "Rollen gescheiden: eigenaar, opdrachtgever, algemeen en dagelijks bestuur.",
            "Besparingen niet te vroeg ingeboekt.",
        ],
    },
    3: {
        "intro": "<p>De BEL Combinatie werd gerealiseerd binnen anderhalf jaar, van juni 2006 tot januari "
        "2008. De bestuurskrachtonderzoeken van 2011 concludeerden dat alle drie de gemeenten voldoende "
        "bestuurskracht hebben en dat de BEL Combinatie daar een grote positieve bijdrage aan leverde.</p>",
        "questions": [
            "Hoe sturen de gemeenten op de dienstverlening: wie is politiek en wie ambtelijk opdrachtgever?",
            "Worden de doelen gehaald: minder kwetsbaarheid, betere kwaliteit en efficiency?",
            "Hoe blijft de afstand tussen de gemeenten en de gezamenlijke organisatie klein?",
            "Wanneer en hoe wordt de samenwerking geëvalueerd, bijvoorbeeld in een bestuurskracht- of "
            "rekenkameronderzoek?",
        ],
        "decisions": [
            ("raad", "Zienswijze op de begroting van de gezamenlijke organisatie."),
            ("college", "Jaarlijkse afspraken met de gezamenlijke organisatie in de dienstverleningsovereenkomst."),
            ("raad-en-college", "Opdracht tot een evaluatie van de samenwerking."),
        ],
        "checklist": [
            "Resultaten vergeleken met de nulmeting.",
            "Aandacht voor de realisatie van de doelstellingen, niet alleen voor de kosten.",
            "Blijven investeren in integraal management.",
            "Rollen gescheiden gehouden: eigenaar, opdrachtgever, voorzitter, algemeen en dagelijks bestuur.",
            "Toetsing door experts georganiseerd.",
            "Het samenwerkingsmodel niet als doel op zich beschouwd.",
        ],
    },
}

# Demo items whose subject clearly belongs to one or more phases (by title, as in knowledge.py).
PHASE_TAGS = {
    "Eindrapport Meierijsamenwerking": [1],
    "Kunnen gemeenten samenwerken?": [1],
    "Samen verder, maar hoe?": [1],
    "De BEL werkt! Ontstaan, werking en het succes van de BEL Combinatie": [1, 3],
    "Convenant Samenwerking Best en Veldhoven": [2],
    "Gemeenschappelijke regeling BEL Combinatie": [2],
    "Verrekenmodel BEL Combinatie: dienstverleningsovereenkomsten en budgettering": [2],
    "Verrekenen in de BAR-samenwerking": [2],
    "Innovatief samenwerken in het BEL-model": [2],
    "Btw-plicht gemeenten bij ambtelijke fusie": [2],
    "Ambtelijk fuseren? GROEI!": [2, 3],
    "Rekenkamerrapport haalBARe kaart": [3],
    "Bestuurskrachtonderzoek BEL-gemeenten 2011": [3],
    "Inspireren tot integreren": [3],
    "Een ambtelijke fusie: hoe stuur je daar op?": [3],
    "Onderzoek naar effecten ambtelijke fusies": [3],
    "Column: Van een oude mythe naar een nieuw mysterie": [3],
    "Publicatie Ambtelijk fuseren? GROEI! nu online": [3],
}


def build(home):
    """Add the route under ``home`` and tag the demo items; return the number of new pages.
    Like the rest of the demo, it looks up what exists first and leaves edited pages alone."""
    phases = {phase.number: phase for phase in Phase.objects.all()}
    for number, description in DESCRIPTIONS.items():
        if number in phases and not phases[number].description:
            phases[number].description = description
            phases[number].save(update_fields=["description"])
    created = 0
    index = home.get_children().filter(slug=INDEX["slug"]).specific().first()
    if index is None:
        index = PhaseIndexPage(show_in_menus=True, **INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
        created += 1
    for number, data in PAGES.items():
        phase = phases.get(number)
        if phase is None or PhasePage.objects.filter(phase=phase).exists():
            continue
        page = PhasePage(
            title=phase.name,
            slug=phase.slug,
            phase=phase,
            intro=data["intro"],
            questions=[("question", text) for text in data["questions"]],
            decisions=[("decision", {"by": by, "text": text}) for by, text in data["decisions"]],
            checklist=[("item", text) for text in data["checklist"]],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    tag_items(phases)
    return created


def tag_items(phases):
    """Tag the demo items with their phases, once: items that already have phases are left as
    editors made them. Published as a new revision, so the editor sees the tags too."""
    for model in (KnowledgeDocumentPage, PublicationPage, NewsPage):
        for page in model.objects.filter(slug__in=[slugify(title)[:80] for title in PHASE_TAGS]):
            numbers = PHASE_TAGS.get(page.title)
            if not numbers or page.phases.exists() or page.has_unpublished_changes:
                continue
            page.phases = [phases[n] for n in numbers if n in phases]
            page.save_revision().publish()
