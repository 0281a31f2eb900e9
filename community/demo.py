"""Demo discussions and members for `seed_demo`: a few categories and threads in the domain's
own words, written by demo members who cannot log in (no usable password)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from cms.models import Collaboration, Municipality, Phase, Theme

from .models import Category, CategoryAccess, MemberProfile, Post, Topic
from .posting import render_body

MEMBERS = [
    ("demo-marieke", "Marieke", "Jansen", "griffier", "Gemeente Laren", "Laren", "BEL"),
    ("demo-peter", "Peter", "de Boer", "concerncontroller", "BAR-organisatie", "Ridderkerk", "BAR"),
    ("demo-sandra", "Sandra", "Visser", "teamleider dienstverlening", "OVER-gemeenten", "Wormerland", "OVER"),
]

CATEGORIES = [
    (
        "Financiën en verrekening",
        "financien-en-verrekening",
        CategoryAccess.PUBLIC,
        "Financiën & verrekening",
        "Kostenverdeelsleutels, verrekenmodellen en de begroting van de werkorganisatie.",
    ),
    (
        "Sturing en de raden",
        "sturing-en-de-raden",
        CategoryAccess.PUBLIC,
        "Governance",
        "Hoe houden drie raden grip op één ambtelijke organisatie?",
    ),
    (
        "Griffiersoverleg",
        "griffiersoverleg",
        CategoryAccess.MEMBERS,
        "Governance",
        "Besloten overleg voor griffiers van gemeenten in een ambtelijke fusie.",
    ),
]

THREADS = [
    (
        "financien-en-verrekening",
        "Verrekenen op basis van inwoneraantallen of op productniveau?",
        [
            (
                "demo-peter",
                "In de BAR-samenwerking verrekenen we sinds 2013 grotendeels op basis van een vaste "
                "verdeelsleutel. Wie heeft ervaring met verrekenen per product, en was dat de extra "
                "administratie waard?",
            ),
            (
                "demo-marieke",
                "Bij de BEL Combinatie is de verdeelsleutel ook de basis. Maatwerk voor één gemeente "
                "rekenen we apart af. Dat houdt het overzichtelijk voor de raden.",
            ),
            (
                "demo-sandra",
                "@demo-peter wij hebben het per product geprobeerd en zijn teruggegaan naar een sleutel: "
                "de discussies over de verdeling kostten meer dan ze opleverden.",
            ),
        ],
    ),
    (
        "sturing-en-de-raden",
        "Hoe informeren jullie drie raden tegelijk?",
        [
            (
                "demo-sandra",
                "We sturen één raadsinformatiebrief namens beide colleges, met per gemeente een eigen "
                "paragraaf. Hoe doen anderen dat?",
            ),
            (
                "demo-marieke",
                "Wij organiseren twee keer per jaar een gezamenlijke raadsbijeenkomst. Besluiten blijven "
                "per raad, maar de informatie is voor iedereen gelijk.",
            ),
        ],
    ),
    (
        "griffiersoverleg",
        "Agenda volgende intervisie",
        [
            ("demo-marieke", "Voorstel: de rol van de auditcommissie bij de jaarrekening van de werkorganisatie."),
        ],
    ),
]


@transaction.atomic
def build_discussions(log=print):
    users = {}
    for username, first, last, function, organisation, municipality, collaboration in MEMBERS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            MemberProfile.objects.create(
                user=user,
                function=function,
                organisation=organisation,
                municipality=Municipality.objects.filter(name=municipality).first(),
                collaboration=Collaboration.objects.filter(short_name=collaboration).first(),
            )
        users[username] = user
    for name, slug, access, theme, description in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "access": access,
                "description": description,
                "theme": Theme.objects.filter(name=theme).first(),
            },
        )
    added = 0
    for slug, title, posts in THREADS:
        category = Category.objects.get(slug=slug)
        if category.topics.filter(title=title).exists():
            continue
        # Both public threads are about practice in running collaborations: the third phase.
        phase = Phase.objects.filter(number=3).first() if category.is_public else None
        topic = Topic.objects.create(category=category, title=title, author=users[posts[0][0]], phase=phase)
        for author, body in posts:
            Post.objects.create(topic=topic, author=users[author], body=body, body_html=render_body(body))
        added += 1
    log(f"Demo discussions ready: {added} new topics.")
