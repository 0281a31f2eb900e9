"""Capacity holds under concurrent registrations (PostgreSQL: the row lock is what is tested).

Fifty threads, each with its own database connection, register different members for an
event with ten places at the same moment.
"""

import threading

import pytest
from django.db import connection, connections

from events import registration as service
from events.models import RegistrationStatus
from tests.factories import EventPageFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")

ATTEMPTS = 50
PLACES = 10


def run_at_once(function, arguments):
    """Start one thread per argument, release them together, wait; return their exceptions."""
    start = threading.Barrier(len(arguments))
    errors = []

    def run(argument):
        try:
            start.wait()
            function(argument)
        except Exception as error:  # collected, so a failure shows up in the assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(argument,)) for argument in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


# One transactional test on purpose: pytest-django runs these last and empties the database
# after each, so a second one would find no demo site.
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_simultaneous_registrations_and_cancellations(make_member):
    event = EventPageFactory(capacity=PLACES, questions=[])
    members = [make_member(f"Lid {n}", f"lid{n}@gelijktijdig.nl") for n in range(ATTEMPTS)]

    errors = run_at_once(lambda member: service.register_member(event, member, name=member.first_name), members)

    assert errors == []
    statuses = list(event.registrations.values_list("status", flat=True))
    assert len(statuses) == ATTEMPTS
    assert statuses.count(RegistrationStatus.CONFIRMED) == PLACES
    assert statuses.count(RegistrationStatus.WAITLISTED) == ATTEMPTS - PLACES

    # Five people with a place cancel at the same moment: exactly five move up, in queue order.
    registrations = list(event.registrations.order_by("created_at", "pk"))
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED][:5]
    queue = list(event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("queued_at", "pk"))

    assert run_at_once(service.cancel, confirmed) == []

    statuses = list(event.registrations.values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == PLACES
    assert statuses.count(RegistrationStatus.CANCELLED) == 5
    promoted = set(event.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("pk", flat=True))
    assert {r.pk for r in queue[:5]} <= promoted and not {r.pk for r in queue[5:]} & promoted
