"""The demo content, taken from the seed texts in ../shared/seeds: real collaborations and
member municipalities, the BEL Combinatie profile and the site's own pages. The documents,
publications and news the original platform listed are in ``knowledge.py``.
"""

from datetime import date

PROVINCES = [
    "Drenthe",
    "Flevoland",
    "Fryslân",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
]

# name, CBS code, province
MUNICIPALITIES = [
    ("Blaricum", "GM0376", "Noord-Holland"),
    ("Eemnes", "GM0317", "Utrecht"),
    ("Laren", "GM0417", "Noord-Holland"),
    ("Barendrecht", "GM0489", "Zuid-Holland"),
    ("Albrandswaard", "GM0613", "Zuid-Holland"),
    ("Ridderkerk", "GM0597", "Zuid-Holland"),
    ("Oostzaan", "GM0431", "Noord-Holland"),
    ("Wormerland", "GM0880", "Noord-Holland"),
    ("Veendam", "GM0047", "Groningen"),
    ("Pekela", "GM0765", "Groningen"),
    ("Wassenaar", "GM0629", "Zuid-Holland"),
    ("Voorschoten", "GM0626", "Zuid-Holland"),
    ("IJsselstein", "GM0353", "Utrecht"),
    ("Montfoort", "GM0335", "Utrecht"),
    ("Ommen", "GM0175", "Overijssel"),
    ("Hardenberg", "GM0160", "Overijssel"),
    ("Boxtel", "GM0757", "Noord-Brabant"),
    ("Haaren", "GM0788", "Noord-Brabant"),
    ("Sint-Michielsgestel", "GM0845", "Noord-Brabant"),
    ("Vught", "GM0865", "Noord-Brabant"),
    ("Best", "GM0753", "Noord-Brabant"),
    ("Veldhoven", "GM0861", "Noord-Brabant"),
    ("Oisterwijk", "GM0824", "Noord-Brabant"),
    ("Tilburg", "GM0855", "Noord-Brabant"),
]

# Municipal mergers (herindelingen) among the demo's municipalities: name, last day, successors.
# Haaren was divided among four neighbours on 1 January 2021 (the issue's own example; Wet
# herindeling Haaren). Start dates of the municipalities are not recorded here: unknown.
MERGERS = [
    ("Haaren", date(2020, 12, 31), ["Boxtel", "Oisterwijk", "Tilburg", "Vught"]),
]

THEMES = [
    ("Dienstverlening", "Hoe inwoners en ondernemers worden bediend als één organisatie voor meerdere gemeenten."),
    ("Bedrijfsvoering", "Financiën, inkoop, huisvesting en facilitaire zaken van de gezamenlijke organisatie."),
    ("ICT", "Informatievoorziening, applicaties en infrastructuur."),
    ("Personeel", "Medewerkers, cultuur, ondernemingsraad en rechtspositie."),
    ("Financiën & verrekening", "Begroting, kostenverdeelsleutels en verrekenmodellen tussen gemeenten."),
    ("Governance", "Sturing, rollen van raad, college, algemeen en dagelijks bestuur."),
    ("Sociaal domein", "Jeugd, Wmo, werk en inkomen na de decentralisaties."),
    ("Evaluatie", "Onderzoeken naar effecten en resultaten van samenwerking."),
]

DOCUMENT_TYPES = [
    "Rapport",
    "Convenant",
    "Raadsvoorstel",
    "Evaluatie",
    "Verrekenmodel",
    "Rekenkamerrapport",
    "Presentatie",
    "Gemeenschappelijke regeling",
]

COLLABORATIONS = [
    {
        "short_name": "BEL",
        "name": "BEL Combinatie",
        "slug": "bel-combinatie",
        # Seed 002: "Realisatie binnen anderhalf jaar (juni 2006 – januari 2008)".
        "decided_on": "2006-06",
        "status": "actief",
        "municipalities": ["Blaricum", "Eemnes", "Laren"],
        "form": "ambtelijke-fusie",
        "legal_form": "openbaar-lichaam",
        "started_on": "2008-01",
        "website": "https://www.belcombinatie.nl",
        "summary": "Blaricum, Eemnes en Laren brachten in 2008 al hun ambtenaren onder in één "
        "werkorganisatie, met één begroting en één gebouw, en hielden elk hun eigen raad en college.",
    },
    {
        "short_name": "BAR",
        "name": "BAR-organisatie",
        "slug": "bar-organisatie",
        "status": "actief",
        "municipalities": ["Barendrecht", "Albrandswaard", "Ridderkerk"],
        "form": "ambtelijke-fusie",
        "legal_form": "openbaar-lichaam",
        "started_on": "2014",
        "website": "https://www.bar-organisatie.nl",
        "summary": "Barendrecht, Albrandswaard en Ridderkerk werken samen in één ambtelijke "
        "organisatie die de drie gemeentebesturen bedient.",
    },
    {
        "short_name": "OVER",
        "name": "OVER-gemeenten",
        "slug": "over-gemeenten",
        "status": "actief",
        "municipalities": ["Oostzaan", "Wormerland"],
        "form": "ambtelijke-fusie",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "Oostzaan en Wormerland delen één ambtelijke organisatie en blijven zelfstandige gemeenten.",
    },
    {
        "short_name": "Kompanjie",
        "name": "De Kompanjie",
        "slug": "de-kompanjie",
        "status": "actief",
        "municipalities": ["Veendam", "Pekela"],
        "form": "ambtelijke-fusie",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "Veendam en Pekela bundelen hun ambtelijke capaciteit in De Kompanjie.",
    },
    {
        "short_name": "Duivenvoorde",
        "name": "Werkorganisatie Duivenvoorde",
        "slug": "duivenvoorde",
        "status": "actief",
        "municipalities": ["Wassenaar", "Voorschoten"],
        "form": "ambtelijke-fusie",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "Wassenaar en Voorschoten werken samen in de werkorganisatie Duivenvoorde.",
    },
    {
        "short_name": "UW",
        "name": "UW Samenwerking",
        "slug": "uw-samenwerking",
        "status": "actief",
        "municipalities": ["IJsselstein", "Montfoort"],
        "form": "ambtelijke-fusie",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "IJsselstein en Montfoort voeren hun gemeentelijke taken uit met één ambtelijke organisatie.",
    },
    {
        "short_name": "Ommen-Hardenberg",
        "name": "Bestuursdienst Ommen-Hardenberg",
        "slug": "ommen-hardenberg",
        "status": "actief",
        "municipalities": ["Ommen", "Hardenberg"],
        "form": "ambtelijke-fusie",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "Ommen en Hardenberg delen een bestuursdienst voor de ondersteuning van beide gemeentebesturen.",
    },
    {
        "short_name": "Meierij",
        "name": "Meierijsamenwerking",
        "slug": "meierijsamenwerking",
        # Whether it still runs is not in the sources; Haaren's membership ended with Haaren.
        "status": "",
        "left": {"Haaren": "2020-12-31"},
        "municipalities": ["Boxtel", "Haaren", "Sint-Michielsgestel", "Vught"],
        "form": "netwerk",
        "legal_form": "",
        "started_on": "",
        "website": "",
        "summary": "Boxtel, Haaren, Sint-Michielsgestel en Vught onderzochten hoe zij hun "
        "ambtelijke samenwerking konden verdiepen.",
    },
    {
        "short_name": "Best-Veldhoven",
        "name": "Samenwerking Best-Veldhoven",
        "slug": "best-veldhoven",
        "status": "",
        "municipalities": ["Best", "Veldhoven"],
        "form": "netwerk",
        "legal_form": "",
        "started_on": "2012",
        "website": "",
        "summary": "Best en Veldhoven legden hun samenwerking in 2012 vast in een convenant.",
    },
]

BEL_PROFILE = {
    "body": [
        ("heading", "De BEL werkt"),
        (
            "paragraph",
            "<p>Blaricum, Eemnes en Laren hebben laten zien dat zij in staat zijn om hun "
            "eigenheid in de samenwerking te behouden en dat er oog is voor de couleur locale van de "
            "afzonderlijke gemeenten. Samenwerking en krachtenbundeling gaan niet ten koste van de "
            "eigenheid, maar hebben bijgedragen aan meer slagkracht bij het realiseren van de opgaven "
            "van de gemeenten.</p>",
        ),
        ("heading", "Bijzonder samenwerkingsverband"),
        (
            "paragraph",
            "<p>Het is uniek in Nederland dat zelfstandige gemeenten al hun ambtenaren "
            "onderbrengen binnen één gezamenlijke begroting en in één gebouw. Er is een scheiding "
            "tussen deze organisatie en de drie gemeentebesturen ingebouwd. De ambtelijke organisatie "
            "kreeg daardoor de ruimte zich te ontwikkelen tot een zakelijke en professionele "
            "organisatie; de gemeentebesturen ontwikkelden zich tot goede opdrachtgevers.</p>"
            "<p>De aankoop van middelen loopt gezamenlijk en er wordt gezamenlijk beleid gemaakt. "
            "Tegelijkertijd leggen de gemeentebesturen hun eigen lokale accenten. Het BEL-model is "
            "daarmee een oplossing voor gemeenten die hun taken goed willen uitvoeren en zelfstandig "
            "willen blijven.</p>",
        ),
        (
            "quote",
            {"text": "Eén gemeentelijke organisatie. Drie zelfstandige gemeenten.", "attribution": "BEL Combinatie"},
        ),
        ("heading", "Resultaten"),
        (
            "paragraph",
            "<p>De realisatie duurde anderhalf jaar (juni 2006 – januari 2008). De "
            "bestuurskrachtonderzoeken van 2011 concludeerden dat alle drie de gemeenten voldoende "
            "bestuurskracht hebben en dat de BEL Combinatie daar een grote positieve bijdrage aan "
            "leverde. De klanttevredenheid bleef ondanks de organisatiewijziging gelijk.</p>",
        ),
    ],
    "governance": (
        "<ul>"
        "<li><b>Gemeenteraden</b> zijn kaderstellend voor de lokale taken en houden democratisch "
        "toezicht; zij hebben geen zeggenschap in de BEL Combinatie zelf.</li>"
        "<li><b>Colleges van B&amp;W</b> leggen verantwoording af aan de eigen raad en vormen samen "
        "het Algemeen Bestuur van de BEL Combinatie; het college is politiek opdrachtgever.</li>"
        "<li><b>Dagelijks Bestuur</b>: de drie burgemeesters, met de directeur als secretaris. Het DB "
        "bereidt stukken voor, voert besluiten uit en beheert de financiën.</li>"
        "<li><b>Gemeentesecretarissen en beleidsregie</b>: hoofd van de ambtelijke staf van de eigen "
        "gemeente en ambtelijk opdrachtgever aan de BEL Combinatie.</li>"
        "<li><b>Directeur BEL Combinatie</b>: werkgever van de ambtenaren en ambtelijk opdrachtnemer "
        "van de drie gemeenten.</li>"
        "</ul>"
    ),
}

HOME_INTRO = (
    "<p>Het delen van de in het land beschikbare kennis en ervaring rondom ambtelijke "
    "fusieorganisaties, dat is het doel van dit kennisplatform: een ontmoetingsplaats voor "
    "politici, bestuurders, managers en medewerkers van gemeenten die één ambtelijke organisatie "
    "delen en hun eigen raad houden.</p>"
)

ABOUT_PAGE = {
    "title": "Over het kennisplatform",
    "slug": "over",
    "intro": "De ambtelijke fusieorganisatie is niet meer weg te denken uit het palet aan "
    "samenwerkingsvarianten tussen gemeenten.",
    "body": [
        (
            "paragraph",
            "<p>In het rijtje van netwerksamenwerking, matrixconcepten, "
            "gastheerconstructies en shared service centra is de ambtelijke fusieorganisatie de meest "
            "vergaande samenwerkingsvariant. De (nagenoeg) volledige ambtelijke capaciteit wordt "
            "gebundeld in één uitvoeringsorganisatie die haar diensten verleent aan meerdere autonome "
            "gemeentebesturen.</p>",
        ),
        (
            "paragraph",
            "<p>Begin deze eeuw werd het concept ‘Samen En Toch Apart’ (SETA) van prof. "
            "dr. Arno Korsten een aardige gedachtegang gevonden die geen realiteit kon worden. Enkele "
            "jaren later brachten Blaricum, Eemnes en Laren het model in de praktijk: de BEL "
            "Combinatie was geboren. Constructies als De Kompanjie, Duivenvoorde, de OVER-gemeenten, "
            "de BAR-gemeenten, UW Samenwerking en de Bestuursdienst Ommen-Hardenberg volgden.</p>",
        ),
        (
            "paragraph",
            "<p>Het platform wordt gedragen door de Vereniging van Nederlandse Gemeenten "
            "(VNG) en de Vereniging van Gemeentesecretarissen (VGS).</p>",
        ),
    ],
}

COOPERATION_PAGE = {
    "title": "Samenwerking van gemeenten",
    "slug": "samenwerking-van-gemeenten",
    "intro": "Gemeenten krijgen er door de decentralisaties veel taken bij. Samenwerken helpt ze die taken goed "
    "uit te voeren.",
    "body": [
        (
            "paragraph",
            "<p>Samenwerken zorgt ervoor dat gemeenten:</p><ul>"
            "<li>het beleid op elkaar kunnen afstemmen op het gebied van woningbouw, bedrijfsterreinen en "
            "infrastructuur;</li>"
            "<li>beschikken over voldoende specialistische kennis en capaciteit voor de primaire taken;</li>"
            "<li>voldoende gezamenlijke draagkracht hebben, bijvoorbeeld voor een ICT-infrastructuur;</li>"
            "<li>meer slagkracht hebben tegenover private partijen zoals zorg- en dienstverleners;</li>"
            "<li>kwalitatief hoogwaardige contracten met leveranciers kunnen afsluiten.</li></ul>",
        ),
        (
            "paragraph",
            "<p>Samenwerking kan op verschillende manieren: van netwerkvormen en shared "
            "services tot het in elkaar schuiven van twee of meer ambtelijke organisaties tot één "
            "organisatie.</p>",
        ),
    ],
}


# The accessibility statement the footer links to (ACCESSIBILITY_STATEMENT_URL). It states
# only what is true of this site: how it is tested, and that no independent audit exists yet.
ACCESSIBILITY_PAGE = {
    "title": "Toegankelijkheidsverklaring",
    "slug": "toegankelijkheid",
    "intro": "Dit kennisplatform wil voor iedereen bruikbaar zijn, ook voor wie een schermlezer, "
    "alleen een toetsenbord of een vergroting gebruikt.",
    "body": [
        ("heading", "Norm"),
        (
            "paragraph",
            "<p>De norm is de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals "
            "voorgeschreven voor websites van overheden (EN 301 549).</p>",
        ),
        ("heading", "Status"),
        (
            "paragraph",
            "<p>Status C: eerste maatregelen genomen. Een volledig onderzoek door een onafhankelijke "
            "partij is nog niet uitgevoerd; zodra dat er is, staat de uitkomst op deze pagina.</p>",
        ),
        ("heading", "Wat wij doen"),
        (
            "paragraph",
            "<ul><li>Bij elke wijziging van de website controleren geautomatiseerde tests (axe-core) "
            "de belangrijkste pagina's op een breed en een smal scherm.</li>"
            "<li>Tests doorlopen de belangrijkste taken alleen met het toetsenbord: zoeken, "
            "inloggen, een discussie starten en aanmelden voor een evenement.</li>"
            "<li>De website gebruikt de componenten van het NL Design System.</li></ul>",
        ),
        ("heading", "Bekende beperkingen"),
        (
            "paragraph",
            "<p>Documenten die gemeenten en anderen aanleveren (vooral PDF-bestanden) zijn niet altijd "
            "toegankelijk. Een gescand document zonder tekstlaag kan een schermlezer niet voorlezen; "
            "de pagina van zo’n document meldt dat. Andere beperkingen zijn nog niet onderzocht.</p>",
        ),
        ("heading", "Contact"),
        (
            "paragraph",
            "<p>Loopt u tegen een probleem aan, of heeft u een document in een toegankelijke vorm "
            "nodig? Laat het de redactie van het kennisplatform weten. Het contactadres voor "
            "toegankelijkheid is nog niet vastgesteld.</p>",
        ),
        ("heading", "Over deze verklaring"),
        ("paragraph", "<p>Deze verklaring is opgesteld op 26 november 2026.</p>"),
    ],
}
