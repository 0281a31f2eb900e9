"""Demo questions and answers (/vragen/), answered only from the seed texts: the BEL
presentation "De BEL werkt!" (2013) and WagenaarHoes' description of the BEL model. Where those
do not say something, the answer says so."""

from django.utils import timezone
from django.utils.text import slugify

from cms.models import (
    Collaboration,
    KnowledgeDocumentPage,
    Phase,
    PublicationPage,
    QuestionIndexPage,
    QuestionPage,
    QuestionSource,
    Theme,
)

PRESENTATION = "De BEL werkt! Ontstaan, werking en het succes van de BEL Combinatie"
SETTLEMENT_MODEL = "Verrekenmodel BEL Combinatie: dienstverleningsovereenkomsten en budgettering"
BOOKLET = "Innovatief samenwerken in het BEL-model"

QUESTIONS = [
    {
        "title": "Waarom kozen Blaricum, Eemnes en Laren voor samenwerking en niet voor herindeling?",
        "summary": "Een gezamenlijk onderzoek naar de kwaliteit van de drie gemeenten (2005) adviseerde "
        "intensieve samenwerking. De gemeenten concludeerden dat samenwerken beter was dan herindelen: "
        "het lokaal bestuur staat dicht bij de inwoners, er zijn weinig bovenlokale vraagstukken en de "
        "eigen raden en colleges blijven bestaan.",
        "body": "<p>De kwaliteitsmeting bestuur uit 2005 kwam per gemeente tot een conclusie: voor Blaricum "
        "en Laren intensieve samenwerking, voor Eemnes investeren in de eigen organisatie of samenwerken.</p>"
        "<p>Als argumenten voor samenwerken in plaats van herindelen noemt de BEL Combinatie:</p><ul>"
        "<li>de geringe afstand van het lokaal bestuur;</li>"
        "<li>weinig bovenlokale vraagstukken (ruimtelijke ordening, infrastructuur), dus een fusie is niet "
        "noodzakelijk;</li>"
        "<li>het voordeel in efficiency en kwaliteit is ook met samenwerking te behalen;</li>"
        "<li>democratische legitimatie door het behoud van de eigen gemeenteraad en het eigen college.</li></ul>",
        "phases": ["initieren-en-verkennen"],
        "themes": ["Governance"],
        "sources": [(PRESENTATION, "de dia's over de opgave en 'Samenwerken is beter dan herindelen'")],
    },
    {
        "title": "Hoe verdeelde BEL de rollen van raden, colleges, algemeen en dagelijks bestuur?",
        "summary": "De raden stellen de kaders voor de lokale taken en houden toezicht, maar hebben geen "
        "zeggenschap in de BEL Combinatie. De collegeleden vormen samen het algemeen bestuur; de drie "
        "burgemeesters vormen met de directeur als secretaris het dagelijks bestuur.",
        "body": "<h3>Gemeenteraden</h3><p>Kaderstellend bij het uitoefenen van de lokale taken en "
        "democratisch toezicht daarop. De raad heeft geen zeggenschap in de BEL Combinatie.</p>"
        "<h3>Colleges van B&amp;W</h3><p>Het college legt verantwoording af aan de eigen raad en is politiek "
        "opdrachtgever van de BEL Combinatie. De collegeleden vormen het algemeen bestuur (AB).</p>"
        "<h3>Algemeen en dagelijks bestuur</h3><p>Het AB is verantwoordelijk voor de financiële planning- en "
        "controlcyclus en stelt de rechtspositionele regelingen en het organisatieplan vast. Het dagelijks "
        "bestuur (DB: de burgemeesters, met de directeur als secretaris) bereidt stukken voor, voert besluiten "
        "uit, beheert de financiën en benoemt, schorst en ontslaat medewerkers.</p>"
        "<h3>Gemeentesecretarissen en directeur</h3><p>Elke gemeente houdt een secretaris als hoofd van de "
        "eigen ambtelijke staf (beleidsregie en secretariaat), eerste adviseur van het college en adviseur "
        "van het AB en DB. De beleidsregie is ambtelijk opdrachtgever van de BEL Combinatie. De directeur is "
        "werkgever van de medewerkers, secretaris van AB en DB en ambtelijk opdrachtnemer van de drie "
        "gemeenten.</p>",
        "phases": ["besluiten-en-inrichten"],
        "themes": ["Governance"],
        "sources": [(PRESENTATION, "de dia's over bestuur en de rollen van raad, college, AB, DB en directeur")],
    },
    {
        "title": "Wat staat er in het verrekenmodel van de BEL Combinatie?",
        "summary": "Het verrekenmodel regelt de service level agreements (dienstverleningsovereenkomsten), "
        "de budgettering en de verrekening van de dienstverlening aan Blaricum, Eemnes en Laren. Hoe de "
        "kosten precies over de gemeenten worden verdeeld, staat niet in de bronnen van dit platform.",
        "body": "<p>Bij de inrichting van de BEL Combinatie leverde adviesbureau WagenaarHoes onder meer de "
        "gemeenschappelijke regeling, het dienstverleningsconcept en het verrekenmodel: service level "
        "agreements, budgettering en verrekening van dienstverlening.</p>"
        "<p>De dienstverleningsovereenkomst noemt de BEL Combinatie als praktijkvoorbeeld van hoe de drie "
        "gemeenten de gezamenlijke organisatie aansturen. De verdeelsleutel zelf en de bedragen zijn in de "
        "bronnen van dit platform niet beschreven.</p>",
        "phases": ["besluiten-en-inrichten"],
        "themes": ["Financiën & verrekening"],
        "sources": [(SETTLEMENT_MODEL, ""), (BOOKLET, "over de samenwerkingsafspraken en de aansturing")],
    },
    {
        "title": "Hoe lang duurde het om de BEL Combinatie te realiseren?",
        "summary": "Anderhalf jaar: van juni 2006 tot januari 2008. Snelheid van het proces noemt de BEL "
        "Combinatie zelf een van de kritische succesfactoren.",
        "body": "<p>In 2006 maakten de drie gemeenten de principiële keuze om op (vrijwel) alle taakgebieden "
        "samen te werken in één gemeenschappelijke werkorganisatie. De realisatie duurde van juni 2006 tot "
        "januari 2008.</p><p>Als kritische succesfactoren in het proces noemt de BEL Combinatie:</p><ul>"
        "<li>vertrouwen in elkaar en elkaar kennen als bestuurders en ambtelijke top;</li>"
        "<li>strakke regie, in dit geval door een onafhankelijke externe projectleider;</li>"
        "<li>snelheid van het proces;</li>"
        "<li>veel aandacht voor het betrekken van de raden en het personeel.</li></ul>",
        "phases": ["initieren-en-verkennen", "besluiten-en-inrichten"],
        "themes": ["Governance", "Personeel"],
        "sources": [(PRESENTATION, "de dia's over succesfactoren en de conclusie")],
    },
]


def _source_page(title):
    return (
        KnowledgeDocumentPage.objects.filter(title=title).first() or PublicationPage.objects.filter(title=title).first()
    )


def build_questions(home, add_page):
    """The questions overview under ``home`` and its demo questions; returns how many pages it
    added. ``add_page`` is the builder's (adds a page unless its slug exists, publishes it)."""
    index, created = add_page(
        home,
        QuestionIndexPage(
            title="Vragen en antwoorden",
            slug="vragen",
            show_in_menus=True,
            intro="<p>Vragen die gemeenten stellen over ambtelijke samenwerking, beantwoord vanuit de "
            "documenten en ervaringen op dit platform.</p>",
        ),
    )
    added = int(created)
    bel = list(Collaboration.objects.filter(short_name="BEL"))
    for data in QUESTIONS:
        page = QuestionPage(
            title=data["title"],
            slug=slugify(data["title"])[:80],
            date=timezone.localdate(),
            summary=data["summary"],
            body=[("paragraph", data["body"])],
        )
        page.collaborations = bel
        page.municipalities = [m for c in bel for m in c.municipalities.all()]
        page.themes = list(Theme.objects.filter(name__in=data["themes"]))
        page.phases = list(Phase.objects.filter(slug__in=data["phases"]))
        page.sources = [
            QuestionSource(document=document, note=note)
            for title, note in data["sources"]
            if (document := _source_page(title)) is not None
        ]
        added += int(add_page(index, page)[1])
    return added
