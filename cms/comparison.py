"""Comparing two to four collaborations side by side (issue #13, item 6).

``compare(values, profiles)`` turns the ``s`` values of /samenwerkingen/vergelijken/ into a
``Comparison`` (the columns and the coverage of key documents) or a ``Problem`` that says what
the visitor should do instead. Only collaborations with a live, public profile can be compared,
and only live, public documents count as "present": the comparison is a public page.

Every figure says where it comes from, and what the register does not know is shown as
unknown, never filled in: a sum of inhabitants is given only when every current member's
figure is known. The work is a fixed number of queries, whatever the number of columns.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cms import partial_dates
from cms.models.collaborations import Collaboration, CollaborationFigures, CollaborationMembership
from cms.models.library import KnowledgeDocumentPage
from cms.models.taxonomy import MunicipalityPopulation
from cms.queries import visible

PARAMETER = "s"
MIN_CHOICES = 2
MAX_CHOICES = 4
# Only a value that could be a slug is looked up: at most as long as Collaboration.slug, and
# of slug characters (a NUL byte, for one, makes PostgreSQL refuse the query).
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,64}")
# How much of a value the visitor typed is repeated in a message.
MAX_QUOTED_LENGTH = 40
# A cell lists at most this many documents of one kind; the library has the rest.
DOCUMENTS_PER_CELL = 3


@dataclass(frozen=True)
class KeyDocument:
    """A kind of document a collaboration needs, found by the slugs of its document types."""

    key: str
    label: str
    document_types: tuple


# The key documents of the coverage matrix, in the order of the table. The document types are
# editor-managed taxonomy (cms.DocumentType, demo names in cms/demo/content.py and
# cms/demo/comparison.py); a type that does not exist simply finds nothing.
KEY_DOCUMENTS = (
    KeyDocument("common-arrangement", _("Common arrangement (GR)"), ("gemeenschappelijke-regeling",)),
    KeyDocument("service-agreements", _("Service agreements (DVO)"), ("dienstverleningsovereenkomst",)),
    KeyDocument("social-plan", _("Social plan"), ("sociaal-plan",)),
    KeyDocument("mandate-decision", _("Mandate decision"), ("mandaatbesluit",)),
    KeyDocument("settlement-model", _("Settlement model"), ("verrekenmodel",)),
    # A court of audit's report (rekenkamerrapport) evaluates the collaboration too.
    KeyDocument("evaluation", _("Evaluation"), ("evaluatie", "rekenkamerrapport")),
)


@dataclass
class Problem:
    """Why there is no comparison; ``status`` is 200 for "choose (more)", 400 for bad input."""

    message: str
    status: int = 400
    selected: list = field(default_factory=list)  # the valid choices, kept checked in the form


@dataclass
class Inhabitants:
    number: int
    years: str
    sources: list
    summed: bool  # the sum of the members' figures rather than the collaboration's own


@dataclass
class Column:
    """One collaboration in the comparison."""

    collaboration: Collaboration
    profile: object
    current_members: list = field(default_factory=list)
    former_members: list = field(default_factory=list)  # (municipality, left on in words)
    inhabitants: Inhabitants = None
    cost_allocation: CollaborationFigures = None  # the latest figures that name a model
    documents: dict = field(default_factory=dict)  # key document -> its documents, newest first

    @property
    def started(self):
        return partial_dates.in_words(self.collaboration.started_on)


@dataclass
class Cell:
    """The documents of one kind that one collaboration has: the newest few, and the count."""

    column: Column
    documents: list
    count: int


@dataclass
class CoverageRow:
    """One key document across the columns: a cell per column and how many have one."""

    key_document: KeyDocument
    cells: list
    present: int
    total: int


@dataclass
class Comparison:
    columns: list
    coverage: list

    @property
    def selected(self):
        return [column.collaboration.slug for column in self.columns]


def quoted(value):
    """A visitor's value, short enough to repeat in a message."""
    return value if len(value) <= MAX_QUOTED_LENGTH else value[: MAX_QUOTED_LENGTH - 1] + "…"


def compare(values, profiles):
    """The comparison of the collaborations named by ``values`` (slugs, in column order), or the
    ``Problem`` with them. ``profiles`` are the collaboration profiles visitors may see."""
    values = [value.strip() for value in values if value.strip()]
    if len(values) > MAX_CHOICES:
        return Problem(
            _("You chose %(count)s collaborations; a comparison shows at most %(max)s. Choose fewer.")
            % {"count": len(values), "max": MAX_CHOICES}
        )
    repeated = next((value for index, value in enumerate(values) if value in values[:index]), None)
    found = {}
    if values:
        candidates = [value for value in values if SLUG.fullmatch(value)]
        found = {
            page.collaboration.slug: page
            for page in profiles.filter(collaboration__slug__in=candidates).select_related("collaboration")
        }
    selected = list(dict.fromkeys(value for value in values if value in found))
    if repeated is not None:
        name = found[repeated].collaboration.name if repeated in found else quoted(repeated)
        return Problem(
            _("You chose “%(name)s” more than once. Choose each collaboration once.") % {"name": name},
            selected=selected,
        )
    unknown = [value for value in values if value not in found]
    if unknown:
        # Unpublished and private profiles get the same answer as unknown names: this page
        # must not tell what exists but is not public.
        return Problem(
            _("There is no published collaboration “%(value)s”. Choose from the list.") % {"value": quoted(unknown[0])},
            selected=selected,
        )
    if len(values) < MIN_CHOICES:
        message = (
            _("Choose one more collaboration to compare it with.")
            if values
            else _("Choose two to four collaborations to compare them side by side.")
        )
        return Problem(message, status=200, selected=selected)
    return build([found[value] for value in values])


def build(profiles):
    """The comparison of these profiles' collaborations, in this order."""
    columns = [Column(collaboration=page.collaboration, profile=page) for page in profiles]
    by_id = {column.collaboration.pk: column for column in columns}
    add_members(by_id)
    add_figures(by_id)
    add_documents(by_id)
    coverage = []
    for key_document in KEY_DOCUMENTS:
        cells = []
        for column in columns:
            documents = column.documents.get(key_document.key, [])
            cells.append(Cell(column, documents[:DOCUMENTS_PER_CELL], len(documents)))
        present = sum(1 for cell in cells if cell.count)
        coverage.append(CoverageRow(key_document, cells, present=present, total=len(columns)))
    return Comparison(columns=columns, coverage=coverage)


def add_members(by_id):
    """Current and former members, and the members' latest inhabitants where the
    collaboration's own figures are missing (filled in by ``add_figures``)."""
    memberships = (
        CollaborationMembership.objects.filter(collaboration__in=by_id)
        .select_related("municipality")
        .prefetch_related(
            Prefetch("municipality__populations", queryset=MunicipalityPopulation.objects.order_by("-year"))
        )
        .order_by("municipality__name")
    )
    for membership in memberships:
        column = by_id[membership.collaboration_id]
        if membership.is_current:
            column.current_members.append(membership.municipality)
        else:
            column.former_members.append((membership.municipality, partial_dates.in_words(membership.left_on)))


def add_figures(by_id):
    """Inhabitants and the cost-allocation model from the latest key figures that have them."""
    figures = CollaborationFigures.objects.filter(collaboration__in=by_id).order_by("-year")
    for row in figures:
        column = by_id[row.collaboration_id]
        if column.inhabitants is None and row.inhabitants is not None:
            column.inhabitants = Inhabitants(row.inhabitants, str(row.year), [row.source], summed=False)
        if column.cost_allocation is None and row.cost_allocation_model:
            column.cost_allocation = row
    for column in by_id.values():
        if column.inhabitants is None:
            column.inhabitants = members_inhabitants(column.current_members)


def members_inhabitants(members):
    """The sum of the members' latest inhabitants, or None unless every member's is known."""
    latest = [next(iter(municipality.populations.all()), None) for municipality in members]
    if not latest or None in latest:
        return None
    years = sorted({population.year for population in latest})
    return Inhabitants(
        number=sum(population.inhabitants for population in latest),
        years=str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}",
        sources=list(dict.fromkeys(population.source for population in latest)),
        summed=True,
    )


def add_documents(by_id):
    """The live, public documents of the key document types tagged with each collaboration."""
    key_of_type = {slug: key.key for key in KEY_DOCUMENTS for slug in key.document_types}
    documents = (
        visible(KnowledgeDocumentPage)
        .filter(collaborations__in=by_id, document_type__slug__in=key_of_type)
        .select_related("document_type")
        .prefetch_related(Prefetch("collaborations", queryset=Collaboration.objects.filter(pk__in=by_id)))
        .order_by("-date", "-pk")
        .distinct()
    )
    for document in documents:
        key = key_of_type[document.document_type.slug]
        for collaboration in document.collaborations.all():
            by_id[collaboration.pk].documents.setdefault(key, []).append(document)


def choices(profiles):
    """The collaborations a visitor can choose from: visible profiles, by short name."""
    return profiles.select_related("collaboration").order_by("collaboration__short_name")
