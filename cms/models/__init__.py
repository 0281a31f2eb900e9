"""Content models, one module per content area; import from here. Events are their own app
(``events.models``), which builds on these."""

from .taxonomy import DocumentType, Municipality, MunicipalityPopulation, Phase, Province, Theme  # noqa: I001
from .collaborations import Collaboration, CollaborationFigures, CollaborationMembership
from .knowledge import KnowledgeItemPage
from .library import DocumentLibraryPage, KnowledgeDocumentPage, LibraryFile
from .publications import PublicationAuthor, PublicationIndexPage, PublicationPage
from .news import NewsIndexPage, NewsPage
from .lessons import Lesson
from .lesson_index import LessonIndexPage
from .questions import QuestionIndexPage, QuestionPage, QuestionSource
from .places import CollaborationIndexPage, CollaborationPage, MunicipalityIndexPage
from .pages import HomePage, StandardPage
from .route import PhaseIndexPage, PhasePage

__all__ = [
    "Collaboration",
    "CollaborationFigures",
    "CollaborationIndexPage",
    "CollaborationMembership",
    "CollaborationPage",
    "DocumentLibraryPage",
    "DocumentType",
    "HomePage",
    "KnowledgeDocumentPage",
    "KnowledgeItemPage",
    "Lesson",
    "LessonIndexPage",
    "LibraryFile",
    "Municipality",
    "MunicipalityIndexPage",
    "MunicipalityPopulation",
    "NewsIndexPage",
    "NewsPage",
    "Phase",
    "PhaseIndexPage",
    "PhasePage",
    "Province",
    "PublicationAuthor",
    "PublicationIndexPage",
    "PublicationPage",
    "QuestionIndexPage",
    "QuestionPage",
    "QuestionSource",
    "StandardPage",
    "Theme",
]
