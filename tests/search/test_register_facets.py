"""Status and phase are search facets (issue #13, items 1 and 3), on every engine: "ended"
finds what was written about collaborations that stopped, a phase what helps in it."""

import pytest

from cms.models import Collaboration, KnowledgeDocumentPage, Phase
from search.models import KnowledgeItem

from .helpers import all_titles, facet, reindex_everything, run

pytestmark = pytest.mark.django_db


def refresh_index(engine):
    if engine == "elasticsearch":
        from search import elastic

        elastic.client().indices.refresh(index=elastic.alias_name())


def test_a_document_tagged_with_a_phase_is_found_under_it(engine, django_capture_on_commit_callbacks):
    phase = Phase.objects.get(slug="besluiten-en-inrichten")
    document = KnowledgeDocumentPage.objects.live().first()
    document.phases.add(phase)
    with django_capture_on_commit_callbacks(execute=True):
        document.save_revision().publish()
    refresh_index(engine)
    found = all_titles("phase=besluiten-en-inrichten")
    assert document.title in found
    assert found == set(KnowledgeItem.objects.filter(phases=phase).values_list("title", flat=True))
    value = facet(run("phase=besluiten-en-inrichten"), "phase")["besluiten-en-inrichten"]
    assert value.label == "Besluiten en inrichten" and value.selected and value.count == len(found)


def test_a_profile_is_found_under_its_collaborations_phase(engine):
    assert "BEL Combinatie" in all_titles("phase=starten-en-doorontwikkelen&type=collaboration")
    assert "Meierijsamenwerking" not in all_titles("phase=starten-en-doorontwikkelen")


def test_ended_finds_the_items_about_collaborations_that_stopped_at_once(engine, django_capture_on_commit_callbacks):
    about_bel = set(
        KnowledgeDocumentPage.objects.live().filter(collaborations__short_name="BEL").values_list("title", flat=True)
    )
    assert about_bel and not all_titles("status=beeindigd")
    with django_capture_on_commit_callbacks(execute=True):
        bel = Collaboration.objects.get(short_name="BEL")
        bel.status = Collaboration.Status.ENDED
        bel.save()
    refresh_index(engine)
    ended = all_titles("status=beeindigd")
    assert about_bel | {"BEL Combinatie"} <= ended
    statuses = facet(run(""), "status")
    assert statuses["beeindigd"].label == "Beëindigd"
    assert statuses["beeindigd"].count == len(ended)
    assert "actief" in statuses


def test_unknown_status_and_phase_values_find_nothing_and_break_nothing(engine, client):
    assert run("status=verzonnen").total == 0
    assert run("phase=%3Cscript%3E").total == 0
    assert client.get("/zoeken/?status=verzonnen&phase=x&q=verrekenen").status_code == 200


def test_a_rebuild_keeps_the_phases(engine):
    document = KnowledgeDocumentPage.objects.live().first()
    document.phases.add(Phase.objects.get(number=1))
    document.save()
    reindex_everything()
    refresh_index(engine)
    assert document.title in all_titles("phase=initieren-en-verkennen")
