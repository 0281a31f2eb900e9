"""The documents, publications and news the original platform listed (from the seed texts in
../shared/seeds). Summaries are written for the demo; they are illustrative.
"""

from datetime import date

DOCUMENTS = [
    {
        "title": "Verrekenen in de BAR-samenwerking",
        "date": date(2013, 2, 25),
        "type": "Verrekenmodel",
        "extension": "pdf",
        "collaborations": ["BAR"],
        "municipalities": ["Albrandswaard", "Barendrecht", "Ridderkerk"],
        "themes": ["Financiën & verrekening", "Bedrijfsvoering"],
        "summary": "Hoe Barendrecht, Albrandswaard en Ridderkerk de kosten van de gezamenlijke "
        "BAR-organisatie verdelen: de verdeelsleutels, de dienstverleningsovereenkomsten en de "
        "jaarlijkse verrekening van meer- en minderwerk.",
    },
    {
        "title": "Convenant Samenwerking Best en Veldhoven",
        "date": date(2012, 8, 28),
        "type": "Convenant",
        "extension": "docx",
        "collaborations": ["Best-Veldhoven"],
        "municipalities": ["Best", "Veldhoven"],
        "themes": ["Governance", "Bedrijfsvoering"],
        "summary": "Het convenant waarin Best en Veldhoven afspreken op welke taakvelden zij "
        "samenwerken, hoe zij de samenwerking besturen en hoe zij de resultaten evalueren.",
    },
    {
        "title": "Rekenkamerrapport haalBARe kaart",
        "date": date(2012, 2, 1),
        "type": "Rekenkamerrapport",
        "extension": "pdf",
        "collaborations": ["BAR"],
        "municipalities": ["Albrandswaard", "Barendrecht", "Ridderkerk"],
        "themes": ["Governance", "Evaluatie"],
        "summary": "De rekenkamers van de drie BAR-gemeenten onderzochten of de raden voldoende "
        "zicht en grip hebben op de ambtelijke samenwerking, en doen aanbevelingen voor de "
        "kaderstellende en controlerende rol van de raad.",
    },
    {
        "title": "Eindrapport Meierijsamenwerking",
        "date": date(2012, 11, 6),
        "type": "Rapport",
        "extension": "odt",
        "collaborations": ["Meierij"],
        "municipalities": ["Boxtel", "Haaren", "Sint-Michielsgestel", "Vught"],
        "themes": ["Governance", "Dienstverlening"],
        "summary": "Het eindrapport van de verkenning naar een verdergaande ambtelijke samenwerking "
        "tussen Boxtel, Haaren, Sint-Michielsgestel en Vught, met scenario's en een advies.",
    },
    {
        "title": "De BEL werkt! Ontstaan, werking en het succes van de BEL Combinatie",
        "date": date(2013, 1, 15),
        "type": "Presentatie",
        "extension": "pptx",
        "collaborations": ["BEL"],
        "municipalities": ["Blaricum", "Eemnes", "Laren"],
        "themes": ["Governance", "Evaluatie"],
        "summary": "Presentatie over de aanleiding, de uitgangspunten, de bestuurlijke inrichting en "
        "de resultaten van de BEL Combinatie, met de lessen: wat wel en wat niet te doen.",
    },
    {
        "title": "Verrekenmodel BEL Combinatie: dienstverleningsovereenkomsten en budgettering",
        "date": date(2007, 10, 1),
        "type": "Verrekenmodel",
        "extension": "xlsx",
        "collaborations": ["BEL"],
        "municipalities": ["Blaricum", "Eemnes", "Laren"],
        "themes": ["Financiën & verrekening"],
        "summary": "Het verrekenmodel van de BEL Combinatie: service level agreements, budgettering "
        "en de verrekening van de dienstverlening aan Blaricum, Eemnes en Laren.",
    },
    {
        "title": "Gemeenschappelijke regeling BEL Combinatie",
        "date": date(2007, 12, 18),
        "type": "Gemeenschappelijke regeling",
        "extension": "pdf",
        "collaborations": ["BEL"],
        "municipalities": ["Blaricum", "Eemnes", "Laren"],
        "themes": ["Governance"],
        "summary": "De gemeenschappelijke regeling (Wgr) waarmee Blaricum, Eemnes en Laren de BEL "
        "Combinatie als openbaar lichaam instelden, met de taken van algemeen en dagelijks bestuur.",
        # Only in the file, not on the page: search must find it in the file's text (issue #12).
        # From the seed text "Intergemeentelijke samenwerking: het BEL-model" (../shared/seeds).
        "file_text": [
            "De drie gemeenten hebben in 2006 de principiële keuze gemaakt om op (vrijwel) alle "
            "taakgebieden te gaan samenwerken in de meest verregaande vorm: (vrijwel) alle processen "
            "worden uitgevoerd vanuit één gemeenschappelijke werkorganisatie die de WGR-vorm krijgt."
        ],
    },
    {
        "title": "Bestuurskrachtonderzoek BEL-gemeenten 2011",
        "date": date(2011, 6, 30),
        "type": "Evaluatie",
        "extension": "ods",
        "collaborations": ["BEL"],
        "municipalities": ["Blaricum", "Eemnes", "Laren"],
        "themes": ["Evaluatie", "Governance"],
        "summary": "De uitkomsten van de bestuurskrachtmeting 2011: alle drie de gemeenten hebben "
        "voldoende bestuurskracht en de BEL Combinatie droeg daar positief aan bij.",
    },
]

PUBLICATIONS = [
    {
        "title": "Innovatief samenwerken in het BEL-model",
        "date": date(2012, 5, 1),
        "kind": "boek",
        "authors": [("WagenaarHoes Organisatieadvies", "")],
        "publisher": "WagenaarHoes",
        "collaborations": ["BEL"],
        "themes": ["Governance", "Bedrijfsvoering"],
        "summary": "Een boekje over alle samenwerkingsafspraken tussen Blaricum, Eemnes en Laren, de "
        "gemeenschappelijke organisatie en de aansturing ervan, met een reflectie op het veranderproces.",
    },
    {
        "title": "Ambtelijk fuseren? GROEI!",
        "date": date(2016, 3, 1),
        "kind": "boek",
        "authors": [("SeinstravandeLaar", "")],
        "publisher": "SeinstravandeLaar",
        "collaborations": [],
        "themes": ["Governance", "Personeel"],
        "summary": "Over de vorming en doorontwikkeling van ambtelijke fusieorganisaties: wat "
        "gemeenten onderweg tegenkomen en hoe zij kunnen blijven groeien.",
    },
    {
        "title": "Inspireren tot integreren",
        "date": date(2015, 9, 1),
        "kind": "artikel",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": [],
        "themes": ["Personeel", "Dienstverlening"],
        "summary": "Hoe de cultuur van twee of meer ambtelijke organisaties samengroeit tot één organisatie.",
    },
    {
        "title": "Kunnen gemeenten samenwerken?",
        "date": date(2014, 4, 1),
        "kind": "onderzoek",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": [],
        "themes": ["Evaluatie", "Governance"],
        "summary": "Een verkenning van de voorwaarden waaronder intergemeentelijke samenwerking slaagt.",
    },
    {
        "title": "Samen verder, maar hoe?",
        "date": date(2014, 11, 1),
        "kind": "artikel",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": [],
        "themes": ["Governance"],
        "summary": "De afweging tussen herindelen en ambtelijk fuseren, met de vragen die raden en colleges zich "
        "stellen.",
    },
    {
        "title": "Fusie CGM als een natuurlijk proces",
        "date": date(2015, 2, 1),
        "kind": "artikel",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": [],
        "themes": ["Personeel"],
        "summary": "Een ambtelijke fusie beschreven als een proces dat tijd en aandacht vraagt, niet als een "
        "blauwdruk.",
    },
    {
        "title": "'Gideonsbende' cruciaal voor succes gemeentelijke samenwerking",
        "date": date(2015, 6, 1),
        "kind": "column",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": [],
        "themes": ["Personeel", "Governance"],
        "summary": "Waarom een kleine, gedreven groep bestuurders en ambtenaren het verschil maakt.",
    },
    {
        "title": "Lokale overheden delen steeds vaker hun ambtenaren",
        "date": date(2013, 9, 1),
        "kind": "artikel",
        "authors": [("Redactie Kennisplatform", "")],
        "publisher": "",
        "collaborations": ["BEL", "BAR"],
        "themes": ["Personeel", "Bedrijfsvoering"],
        "summary": "Steeds meer gemeenten brengen hun ambtenaren onder in een gezamenlijke organisatie.",
    },
]

NEWS = [
    {
        "title": "Column: Van een oude mythe naar een nieuw mysterie",
        "date": date(2017, 6, 12),
        "themes": ["Evaluatie"],
        "collaborations": [],
        "summary": "Over de effecten van ambtelijke fusies: wat weten we echt, en wat blijft een mysterie?",
    },
    {
        "title": "Btw-plicht gemeenten bij ambtelijke fusie",
        "date": date(2017, 3, 2),
        "themes": ["Financiën & verrekening"],
        "collaborations": [],
        "summary": "Wat betekent de btw-plicht voor de verrekening tussen gemeenten en hun gezamenlijke "
        "werkorganisatie?",
    },
    {
        "title": "Onderzoek naar effecten ambtelijke fusies",
        "date": date(2016, 11, 21),
        "themes": ["Evaluatie"],
        "collaborations": ["BEL", "BAR", "OVER"],
        "summary": "Een onderzoek brengt in kaart wat ambtelijke fusies opleveren voor kwaliteit, kosten en "
        "kwetsbaarheid.",
    },
    {
        "title": "Een ambtelijke fusie: hoe stuur je daar op?",
        "date": date(2016, 5, 10),
        "themes": ["Governance"],
        "collaborations": [],
        "summary": "Raden en colleges zoeken naar de juiste rol als opdrachtgever, eigenaar en toezichthouder.",
    },
    {
        "title": "Publicatie Ambtelijk fuseren? GROEI! nu online",
        "date": date(2016, 3, 15),
        "themes": ["Governance", "Personeel"],
        "collaborations": [],
        "summary": "De publicatie over de doorontwikkeling van ambtelijke fusieorganisaties is nu te lezen.",
    },
]
