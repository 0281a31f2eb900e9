"""The Dutch translation is complete and its compiled catalogue is up to date."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
OVERRIDES = ROOT / "core" / "locale_overrides" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_text_has_a_dutch_translation():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.percent_translated() == 100


@pytest.mark.parametrize("po", [PO, OVERRIDES], ids=["ours", "overrides"])
def test_compiled_catalogue_matches_the_po_file(po):
    catalogue = polib.pofile(str(po))
    compiled = polib.mofile(str(po.with_suffix(".mo")))
    compiled_texts = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    for entry in catalogue.translated_entries():
        compiled_entry = compiled_texts.get((entry.msgctxt, entry.msgid))
        assert compiled_entry is not None, f"{entry.msgid!r} is missing from django.mo: run make messages"
        assert (compiled_entry.msgstr, compiled_entry.msgstr_plural) == (entry.msgstr, entry.msgstr_plural)


def test_one_word_for_events():
    """An event is an "evenement" everywhere (the menu, the pages, the mails), never also a "bijeenkomst"."""
    catalogue = polib.pofile(str(PO))
    texts = {entry.msgid: [entry.msgstr, *entry.msgstr_plural.values()] for entry in catalogue.translated_entries()}
    assert [msgid for msgid, dutch in texts.items() if any("bijeenkomst" in text.lower() for text in dutch)] == []


def test_the_interface_speaks_dutch():
    with translation.override("nl"):
        assert translation.gettext("Skip to main content") == "Direct naar de inhoud"
        # Lists count what they list: "3 documenten", never "3 items".
        assert translation.ngettext("%(count)s document", "%(count)s documents", 3) % {"count": 3} == "3 documenten"


def test_account_screens_say_u_and_inloggen(client, db):
    """allauth's own Dutch says "je" and "aanmelden" (our word for event registration)."""
    with translation.override("nl"):
        assert translation.gettext("Sign In") == "Inloggen"
        assert translation.gettext("Are you sure you want to sign out?") == "Weet u zeker dat u wilt uitloggen?"
    page = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Inloggen" in page and "Aanmelden" not in page
    assert " je " not in page and "Heeft u nog geen account?" in page
