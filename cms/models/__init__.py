"""Content models, one module per content area; import from here."""

from .taxonomy import Collaboration, DocumentType, Municipality, Province, Theme  # noqa: I001
from .knowledge import KnowledgeItemPage
from .library import DocumentLibraryPage, KnowledgeDocumentPage, LibraryFile
from .publications import PublicationAuthor, PublicationIndexPage, PublicationPage
from .news import NewsIndexPage, NewsPage
from .events import Audience, EventIndexPage, EventPage, EventQuestion
from .registrations import EventCancellation, EventRegistration, PendingRegistrationMail, RegistrationStatus
from .places import CollaborationIndexPage, CollaborationPage, MunicipalityIndexPage
from .pages import HomePage, StandardPage

__all__ = [
    "Audience", "Collaboration", "CollaborationIndexPage", "CollaborationPage", "DocumentLibraryPage",
    "DocumentType", "EventCancellation", "EventIndexPage", "EventPage", "EventQuestion", "EventRegistration", "HomePage", "PendingRegistrationMail", "KnowledgeDocumentPage",
    "KnowledgeItemPage", "LibraryFile", "Municipality", "MunicipalityIndexPage", "NewsIndexPage",
    "NewsPage", "Province", "PublicationAuthor", "PublicationIndexPage", "PublicationPage",
    "RegistrationStatus", "StandardPage", "Theme",
]
