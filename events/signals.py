"""When an editor publishes an event with more places, people move up from the waiting list."""

from django.dispatch import receiver
from wagtail.signals import page_published

from events.models import EventPage

from .registration import capacity_changed


@receiver(page_published, sender=EventPage)
def on_event_published(sender, instance, **kwargs):
    if instance.registration_enabled:
        capacity_changed(instance)
