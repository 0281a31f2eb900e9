"""Demo taxonomy for the comparison's key documents (cms/comparison.py): the document types
the demo's content does not use yet, so editors can tag such documents and the coverage
matrix finds them. No demo documents of these types are made: the seed texts name none."""

from django.utils.text import slugify

from cms.models import DocumentType

# The demo's own types (content.DOCUMENT_TYPES) hold the common arrangement, the settlement
# model and the evaluation; these are the other key documents' types.
KEY_DOCUMENT_TYPES = ["Dienstverleningsovereenkomst", "Sociaal plan", "Mandaatbesluit"]


def build_key_document_types():
    for name in KEY_DOCUMENT_TYPES:
        DocumentType.objects.get_or_create(slug=slugify(name), defaults={"name": name})
