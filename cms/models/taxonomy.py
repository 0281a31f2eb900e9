"""The shared vocabulary every knowledge item is tagged with.

Editors manage these as snippets (see ``cms/wagtail_hooks.py``); they are plain models so the
search index and listings can filter on them cheaply.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms.widgets import FilterableCheckboxes


class Province(models.Model):
    name = models.CharField(_("name"), max_length=64, unique=True)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name


TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/"


class Municipality(index.Indexed, ClusterableModel):
    """A municipality, also one that no longer exists: after a merger (herindeling) it keeps
    its page and its documents, and names its successors."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        blank=True,
        help_text=_("The municipality code of Statistics Netherlands, e.g. GM0376."),
        validators=[RegexValidator(r"^GM\d{4}$", _("Use the form GM followed by four digits."))],
    )
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("province")
    )

    valid_from = models.DateField(_("exists since"), null=True, blank=True, help_text=_("Leave empty when unknown."))
    valid_until = models.DateField(
        _("existed until"), null=True, blank=True, help_text=_("The last day, for a municipality that was merged.")
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
        help_text=_("The municipality or municipalities it became part of."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("cbs_code"),
        FieldPanel("province"),
        MultiFieldPanel(
            [
                FieldPanel("valid_from"),
                FieldPanel("valid_until"),
                FieldPanel("successors", widget=FilterableCheckboxes),
            ],
            heading=_("History"),
        ),
        InlinePanel("populations", heading=_("Inhabitants"), label=_("Inhabitants in a year")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def tooi_id(self):
        """Its identifier in the government's TOOI register, from the CBS code."""
        return f"{TOOI_MUNICIPALITY}{self.cbs_code.lower()}" if self.cbs_code else ""

    @property
    def has_ended(self):
        return self.valid_until is not None


class MunicipalityPopulation(Orderable):
    """Inhabitants of a municipality in one year, with where the figure comes from."""

    municipality = ParentalKey(Municipality, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(_("year"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))
    source = models.CharField(_("source"), max_length=255, help_text=_("e.g. CBS StatLine, 1 January 2024."))

    panels = [FieldPanel("year"), FieldPanel("inhabitants"), FieldPanel("source")]

    class Meta(Orderable.Meta):
        ordering = ["-year"]
        verbose_name = _("inhabitants in a year")
        verbose_name_plural = _("inhabitants per year")
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="one_population_per_year")]

    def __str__(self):
        return f"{self.municipality}: {self.inhabitants} ({self.year})"


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class DocumentType(models.Model):
    """Kind of knowledge document: report, covenant, council proposal, settlement model, ..."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self):
        return self.name


class Phase(models.Model):
    """A stage on the route through an ambtelijke fusie: initiëren en verkennen, besluiten en
    inrichten, starten en doorontwikkelen. Content is tagged with it; each has a route page."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    number = models.PositiveSmallIntegerField(_("number"), unique=True, help_text=_("Its place on the route: 1, 2, 3."))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("number"), FieldPanel("description")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.name
