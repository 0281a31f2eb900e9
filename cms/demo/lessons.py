"""Demo lessons learned and the lessons overview (/lessen/).

The lessons are the BEL Combinatie's "wel doen" and "niet doen" from the presentation "De BEL
werkt!" (seed 002), in its words and order. That source tags none of them; a theme or phase is
set only where the lesson's own words say it (a baseline to account for results is evaluation,
booking savings is finance, designing belongs to setting up, quick wins to starting), the rest
stay untagged.
"""

from cms.models import Lesson, LessonIndexPage, Phase, Theme

DO, DONT = Lesson.Kind.DO, Lesson.Kind.DONT

# short name -> [(kind, text, phase slug or None, theme name or None)]
LESSONS = {
    "BEL": [
        (DO, "Een 0-meting vastleggen om resultaten te kunnen verantwoorden", None, "Evaluatie"),
        (DO, "Veel investeren in het creëren van draagvlak", None, None),
        (DO, "Samen ontwerpen", "besluiten-en-inrichten", None),
        (DO, "Quick wins doorvoeren", "starten-en-doorontwikkelen", None),
        (DO, "Toetsing door experts", None, None),
        (DONT, "Besparingen te vroeg inboeken", None, "Financiën & verrekening"),
        (DONT, "Het bestaan van het samenwerkingsmodel als doel op zich beschouwen", None, None),
        (DONT, "Vergeten dat groter niet altijd beter is", None, None),
        (DONT, "Formaliteiten het belangrijkst laten zijn", None, None),
        (DONT, "Breken met het verleden: ga uit van het historisch perspectief", None, None),
    ],
}

OVERVIEW = {
    "title": "Lessen",
    "slug": "lessen",
    "intro": (
        "<p>Wat wel en niet werkte, uit de praktijk van ambtelijke samenwerkingen: per samenwerking, "
        "fase en thema. Lessen van beëindigde samenwerkingen vindt u met het filter op status.</p>"
    ),
}


def profile_lessons(short_name):
    """Unsaved Lesson rows for the profile of the collaboration ``short_name`` (may be [])."""
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    themes = {theme.name: theme for theme in Theme.objects.all()}
    return [
        Lesson(kind=kind, text=f"<p>{text}</p>", phase=phases.get(phase), theme=themes.get(theme), sort_order=number)
        for number, (kind, text, phase, theme) in enumerate(LESSONS.get(short_name, []))
    ]


def build_overview(home, add_page):
    """The lessons overview under ``home``, in the menu, as ``add_page`` returns it: (page,
    created). Not moved next to the collaborations: moving shifts the tree paths of the pages
    after it, which the builder still holds."""
    return add_page(home, LessonIndexPage(show_in_menus=True, **OVERVIEW))
