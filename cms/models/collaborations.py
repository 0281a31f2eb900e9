"""The register of collaborations: who works together, since when, in what form, and how it
ended. Memberships and key figures carry their own dates and sources, because a register
that only knows the present tells ended collaborations as if they still ran."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from cms import partial_dates
from cms.partial_dates import PartialDateField

from .taxonomy import Municipality, Phase


class Collaboration(index.Indexed, ClusterableModel):
    """A shared civil-service organisation serving several autonomous municipalities."""

    class Form(models.TextChoices):
        OFFICIAL_MERGER = "ambtelijke-fusie", _("official merger (ambtelijke fusie)")
        SHARED_SERVICE_CENTRE = "shared-service-centre", _("shared service centre")
        CENTRAL_MUNICIPALITY = "centrumgemeente", _("central municipality (centrumgemeente)")
        NETWORK = "netwerk", _("network collaboration")

    class LegalForm(models.TextChoices):
        OPERATIONS_BODY = "bedrijfsvoeringsorganisatie", _("operations organisation (bedrijfsvoeringsorganisatie)")
        PUBLIC_BODY = "openbaar-lichaam", _("public body (openbaar lichaam)")
        JOINT_BODY = "gemeenschappelijk-orgaan", _("joint body (gemeenschappelijk orgaan)")
        CENTRAL_MUNICIPALITY = "centrumgemeenteconstructie", _("central municipality arrangement")
        AGREEMENT = "regeling-zonder-meer", _("agreement only (regeling zonder meer)")
        PRIVATE = "privaatrechtelijk", _("private-law arrangement")

    class Status(models.TextChoices):
        EXPLORING = "verkennend", _("exploring")
        PREPARING = "in-voorbereiding", _("preparing")
        ACTIVE = "actief", _("active")
        ENDED = "beeindigd", _("ended")

    short_name = models.CharField(_("short name"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    municipalities = models.ManyToManyField(
        Municipality,
        through="CollaborationMembership",
        related_name="collaborations",
        verbose_name=_("member municipalities"),
    )
    form = models.CharField(_("form of cooperation"), max_length=32, choices=Form.choices)
    legal_form = models.CharField(_("legal form under the Wgr"), max_length=32, choices=LegalForm.choices, blank=True)
    website = models.URLField(_("website"), blank=True)

    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        blank=True,
        help_text=_("Leave empty when it is not known whether it still runs."),
    )
    phase = models.ForeignKey(
        Phase,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collaborations",
        verbose_name=_("phase"),
        help_text=_("The phase of the route it is in now; empty when ended or unknown."),
    )
    decided_on = PartialDateField(_("decided on"))
    started_on = PartialDateField(_("started on"))
    ended_on = PartialDateField(_("ended on"))
    end_reason = models.TextField(_("why it ended"), blank=True)
    followed_by = models.TextField(
        _("what followed"), blank=True, help_text=_("For example a municipal merger, or a new collaboration.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("short_name"), FieldPanel("name"), FieldPanel("slug")], heading=_("Name")),
        FieldPanel("form"),
        FieldPanel("legal_form"),
        FieldPanel("website"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("phase"),
                FieldPanel("decided_on"),
                FieldPanel("started_on"),
                FieldPanel("ended_on"),
                FieldPanel("end_reason"),
                FieldPanel("followed_by"),
            ],
            heading=_("Course over time"),
        ),
        InlinePanel("memberships", heading=_("Member municipalities"), label=_("Member municipality"), min_num=1),
        InlinePanel("figures", heading=_("Key figures"), label=_("Key figures of a year")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("collaboration")
        verbose_name_plural = _("collaborations")

    def __str__(self):
        return self.name

    @property
    def profile_page(self):
        """The live profile page, or None when editors have not published one."""
        page = getattr(self, "profile", None)
        return page if page is not None and page.live else None

    @property
    def has_ended(self):
        return self.status == self.Status.ENDED

    @property
    def founded(self):
        """The year it started, where known."""
        return partial_dates.year_of(self.started_on)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Members today, by name: those that have not left."""
        return self.filter(left_on="").order_by("municipality__name")


class CollaborationMembership(Orderable):
    """A municipality's membership of a collaboration, with when it joined and left."""

    collaboration = ParentalKey(Collaboration, on_delete=models.CASCADE, related_name="memberships")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("municipality")
    )
    joined_on = PartialDateField(_("joined on"))
    left_on = PartialDateField(_("left on"))

    objects = MembershipQuerySet.as_manager()

    panels = [FieldPanel("municipality"), FieldPanel("joined_on"), FieldPanel("left_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["collaboration", "municipality"], name="one_membership_per_municipality")
        ]

    def __str__(self):
        return f"{self.municipality} in {self.collaboration}"

    @property
    def is_current(self):
        return not self.left_on


class CollaborationFigures(Orderable):
    """Key figures of a collaboration in one year, each set with where it comes from."""

    collaboration = ParentalKey(Collaboration, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("year"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    fte = models.DecimalField(_("staff (FTE)"), max_digits=8, decimal_places=1, null=True, blank=True)
    budget = models.PositiveBigIntegerField(_("budget (euros)"), null=True, blank=True)
    cost_allocation_model = models.CharField(
        _("cost-allocation model"),
        max_length=255,
        blank=True,
        help_text=_("How costs are shared among the members, e.g. by inhabitants or by use of services."),
    )
    source = models.CharField(_("source"), max_length=255, help_text=_("Where these figures come from."))

    panels = [
        FieldPanel("year"),
        FieldPanel("inhabitants"),
        FieldPanel("fte"),
        FieldPanel("budget"),
        FieldPanel("cost_allocation_model"),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["-year"]
        verbose_name = _("key figures")
        verbose_name_plural = _("key figures per year")
        constraints = [models.UniqueConstraint(fields=["collaboration", "year"], name="one_set_of_figures_per_year")]

    def __str__(self):
        return f"{self.collaboration} {self.year}"
