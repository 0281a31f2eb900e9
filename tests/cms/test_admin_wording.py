"""The Wagtail admin in plain Dutch, with the same tools for the same job.

Before: the page editor offered "Verzenden naar Moderators approval" (a name Wagtail's own
migration stores in English), the documents list had a "File" column (Wagtail's Dutch
catalogue leaves it English), the explorer said "1-5van 5pagina's", StreamField blocks were
called "kop", "alinea", "citaat", and municipalities were picked from a plain multiple-select
list (ctrl-click) while collaborations and themes had checkboxes.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Task, Workflow

from cms.blocks import BodyBlock
from cms.models import Collaboration, HomePage, KnowledgeDocumentPage

pytestmark = pytest.mark.django_db


def admin_page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_default_workflow_has_a_dutch_name(editor_client):
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Goedkeuring door moderatoren", active=True).exists()
    document = KnowledgeDocumentPage.objects.live().first()
    page = admin_page(editor_client, f"/admin/pages/{document.pk}/edit/")
    # The editor names the workflow that applies (the two-step one, cms/0008), in Dutch.
    assert "Moderators approval" not in page.get_text() and "Redactie en eindredactie" in page.get_text()


def test_the_documents_list_heads_its_file_column_in_dutch(editor_client):
    page = admin_page(editor_client, "/admin/documents/")
    headings = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
    assert "Bestand" in headings and "File" not in headings


def test_the_explorer_counts_pages_with_spaces(editor_client):
    home = HomePage.objects.first()
    text = admin_page(editor_client, f"/admin/pages/{home.pk}/").get_text(" ", strip=True)
    assert re.search(r"\b1-\d+ van \d+ pagina's\b", text), re.findall(r"\d+-\d+\S* ?van ?\d+\S*", text)


def test_streamfield_blocks_are_named_with_a_capital():
    with translation.override("en"):
        block = BodyBlock()
        labels = [str(child.label) for child in block.child_blocks.values()]
        labels += [str(child.label) for child in block.child_blocks["quote"].child_blocks.values()]
    assert labels == ["Heading", "Paragraph", "Quotation", "Text", "Attribution"]


def taxonomy_widgets(page):
    return {
        name: page.find(attrs={"name": name}).find_parent(attrs={"data-checkbox-filter": True})
        for name in ("collaborations", "municipalities", "themes")
    }


def test_municipalities_are_picked_like_collaborations_and_themes(editor_client):
    document = KnowledgeDocumentPage.objects.live().first()
    page = admin_page(editor_client, f"/admin/pages/{document.pk}/edit/")
    widgets = taxonomy_widgets(page)
    assert all(widget is not None for widget in widgets.values()), widgets
    for name, widget in widgets.items():
        boxes = widget.find_all("input", attrs={"type": "checkbox", "name": name})
        assert boxes, name
        assert widget.find("input", attrs={"type": "search", "data-checkbox-filter-input": True}), name
    assert page.find("select", attrs={"name": "municipalities"}) is None
    assert page.find("script", src=re.compile(r"js/admin-checkbox-filter\.js"))


def test_a_collaboration_s_members_are_edited_one_row_each_with_their_dates(editor_client):
    """Since members carry the dates they joined and left (issue #13), each is a row of its own
    with the municipality picked in Wagtail's snippet chooser, instead of one checkbox list."""
    collaboration = Collaboration.objects.get(short_name="Meierij")
    page = admin_page(editor_client, f"/admin/snippets/cms/collaboration/edit/{collaboration.pk}/")
    chosen = {field["value"] for field in page.select("input[name^=memberships-][name$=-municipality]")}
    assert chosen == {str(pk) for pk in collaboration.municipalities.values_list("pk", flat=True)}
    left = [
        field["value"] for field in page.select("input[name^=memberships-][name$=-left_on][value]") if field["value"]
    ]
    assert left == ["2020-12-31"]
