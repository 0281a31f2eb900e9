"""The demo content command: complete, and safe to run twice."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Page, Site

from cms.models import (
    Collaboration,
    CollaborationPage,
    HomePage,
    KnowledgeDocumentPage,
    LibraryFile,
    Municipality,
    Province,
    PublicationPage,
)
from events.models import EventPage

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, Province, Municipality, Collaboration, LibraryFile, CollaborationPage)
    }


def test_demo_holds_the_collaborations_from_the_seeds():
    expected = {
        "BEL": {"Blaricum", "Eemnes", "Laren"},
        "BAR": {"Barendrecht", "Albrandswaard", "Ridderkerk"},
        "OVER": {"Oostzaan", "Wormerland"},
        "Kompanjie": {"Veendam", "Pekela"},
        "Duivenvoorde": {"Wassenaar", "Voorschoten"},
        "UW": {"IJsselstein", "Montfoort"},
        "Ommen-Hardenberg": {"Ommen", "Hardenberg"},
        "Meierij": {"Boxtel", "Haaren", "Sint-Michielsgestel", "Vught"},
        "Best-Veldhoven": {"Best", "Veldhoven"},
    }
    for short_name, members in expected.items():
        collaboration = Collaboration.objects.get(short_name=short_name)
        assert set(collaboration.municipalities.values_list("name", flat=True)) == members
        assert collaboration.profile_page is not None
    assert Province.objects.count() == 12
    assert Municipality.objects.get(name="Eemnes").province.name == "Utrecht"
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


def test_demo_documents_have_real_files():
    for page in KnowledgeDocumentPage.objects.all():
        assert page.file is not None, page.title
        with page.file.open_file() as handle:
            assert len(handle.read()) > 200
    assert {p.file.file_extension for p in KnowledgeDocumentPage.objects.all()} >= {
        "pdf",
        "docx",
        "xlsx",
        "odt",
        "pptx",
        "ods",
    }
    assert PublicationPage.objects.filter(title="Ambtelijk fuseren? GROEI!").exists()
    assert EventPage.objects.filter(title__startswith="Dag van de Ambtelijke Fusie").count() == 2


def test_running_seed_demo_again_changes_nothing():
    before = counts()
    output = io.StringIO()
    call_command("seed_demo", "--force", stdout=output)
    call_command("seed_demo", "--force", stdout=output)
    after = counts()
    assert after == before
    assert "0 new pages" in output.getvalue()


def test_seed_demo_prints_a_working_editor_login(client):
    output = io.StringIO()
    call_command("seed_demo", "--force", stdout=output)
    line = next(line for line in output.getvalue().splitlines() if "Editor login" in line)
    email = line.split("e-mail address '")[1].split("'")[0]
    password = line.split("password '")[1].split("'")[0]
    user = get_user_model().objects.get(username="redacteur")
    assert user.check_password(password)
    # Through the real login page, then into the admin.
    client.post(reverse("account_login"), {"login": email, "password": password})
    assert client.get("/admin/").status_code == 200
    assert user.is_staff and not user.is_superuser
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("cms.change_collaboration")


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())


def test_scale_adds_synthetic_items_once():
    from cms.models import NewsPage

    def synthetic():
        return Page.objects.filter(slug__startswith="synthetisch-").count()

    call_command("seed_demo", "--force", "--no-editor", "--scale", "30", stdout=io.StringIO())
    assert synthetic() == 30
    call_command("seed_demo", "--force", "--no-editor", "--scale", "30", stdout=io.StringIO())
    assert synthetic() == 30
    call_command("seed_demo", "--force", "--no-editor", "--scale", "40", stdout=io.StringIO())
    assert synthetic() == 40
    item = (
        KnowledgeDocumentPage.objects.filter(slug__startswith="synthetisch-").first()
        or NewsPage.objects.filter(slug__startswith="synthetisch-").first()
    )
    assert item.collaborations.count() == 1
    assert item.municipalities.count() >= 2
