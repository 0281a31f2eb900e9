"""The Dutch translation is complete and its compiled catalogue is up to date."""

from pathlib import Path

import polib
from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def test_every_text_has_a_dutch_translation():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert catalogue.percent_translated() == 100


def test_compiled_catalogue_matches_the_po_file():
    catalogue = polib.pofile(str(PO))
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    compiled_texts = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    for entry in catalogue.translated_entries():
        compiled_entry = compiled_texts.get((entry.msgctxt, entry.msgid))
        assert compiled_entry is not None, f"{entry.msgid!r} is missing from django.mo: run make messages"
        assert (compiled_entry.msgstr, compiled_entry.msgstr_plural) == (entry.msgstr, entry.msgstr_plural)


def test_the_interface_speaks_dutch():
    with translation.override("nl"):
        assert translation.gettext("Skip to main content") == "Direct naar de inhoud"
        assert translation.ngettext("%(counter)s item", "%(counter)s items", 3) % {"counter": 3} == "3 items"
