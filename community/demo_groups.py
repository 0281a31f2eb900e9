"""The demo's one group: the BEL Combinatie's own staff, with one closed category and a demo
member (from ``community.demo``) as its manager. Only what the seeds say: the BEL Combinatie is
the one shared civil-service organisation of Blaricum, Eemnes and Laren."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import Collaboration

from .models import Category, CategoryAccess, Group, GroupMembership

MANAGER = "demo-marieke"  # works for Laren in the BEL Combinatie (community.demo.MEMBERS)


def build_groups(log=print):
    """Create the BEL Combinatie group once (idempotent, like the rest of the demo)."""
    group, created = Group.objects.get_or_create(
        slug="bel-combinatie",
        defaults={
            "name": "BEL Combinatie",
            "description": "Besloten groep voor medewerkers van de BEL Combinatie, de gemeenschappelijke "
            "werkorganisatie van Blaricum, Eemnes en Laren.",
            "collaboration": Collaboration.objects.filter(short_name="BEL").first(),
        },
    )
    Category.objects.get_or_create(
        slug="bel-combinatie-overleg",
        defaults={
            "name": "BEL Combinatie: onderling overleg",
            "description": "Alleen voor leden van de groep BEL Combinatie.",
            "access": CategoryAccess.GROUP,
            "group": group,
            "sort_order": 10,
        },
    )
    manager = get_user_model().objects.filter(username=MANAGER).first()
    if manager is not None:
        GroupMembership.objects.get_or_create(
            group=group,
            member=manager,
            defaults={
                "role": GroupMembership.Role.MANAGER,
                "status": GroupMembership.Status.APPROVED,
                "approved_at": timezone.now(),
            },
        )
    log("Demo group ready." if created else "Demo group already there.")
