"""Builds the demo site from ``content.py`` and ``knowledge.py``. Every step looks up what
exists first, so running it twice changes nothing; pages editors have changed are left alone."""

import secrets
from datetime import datetime, time, timedelta
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from cms.models import (
    Collaboration,
    CollaborationIndexPage,
    CollaborationMembership,
    CollaborationPage,
    DocumentLibraryPage,
    DocumentType,
    HomePage,
    KnowledgeDocumentPage,
    LibraryFile,
    Municipality,
    MunicipalityIndexPage,
    NewsIndexPage,
    NewsPage,
    Phase,
    Province,
    PublicationAuthor,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    Theme,
)

from . import comparison, content, knowledge, lessons
from .files import make_document
from .questions import build_questions
from .route import build as build_route

EDITOR_USERNAME = "redacteur"
EDITOR_EMAIL = "redacteur@example.org"
TAXONOMY_MODELS = (Collaboration, Municipality, Province, Theme, DocumentType)


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).specific().first()


def add_page(parent, page):
    """Add ``page`` under ``parent`` unless a page with its slug exists there; return the page."""
    existing = child_by_slug(parent, page.slug)
    if existing is not None:
        return existing, False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


class DemoSite:
    def __init__(self, log=print):
        self.log = log
        self.created = 0

    def _added(self, result):
        page, created = result
        self.created += int(created)
        return page

    @transaction.atomic
    def build(self):
        self.build_taxonomy()
        home = self.build_home()
        self.build_sections(home)
        self.log(f"Demo content ready: {self.created} new pages.")
        return home

    # --- taxonomy ------------------------------------------------------------------------
    def build_taxonomy(self):
        for name in content.PROVINCES:
            Province.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        for name, code, province in content.MUNICIPALITIES:
            Municipality.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "cbs_code": code, "province": Province.objects.get(name=province)},
            )
        for name, last_day, successors in content.MERGERS:
            merged = Municipality.objects.get(slug=slugify(name))
            if merged.valid_until is None:
                merged.valid_until = last_day
                merged.save(update_fields=["valid_until"])
                merged.successors.set(Municipality.objects.filter(name__in=successors))
        for name, description in content.THEMES:
            Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name, "description": description})
        for name in content.DOCUMENT_TYPES:
            DocumentType.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        comparison.build_key_document_types()
        for data in content.COLLABORATIONS:
            fields = ("short_name", "name", "form", "legal_form", "website", "status", "decided_on", "started_on")
            collaboration, created = Collaboration.objects.get_or_create(
                slug=data["slug"], defaults={key: data.get(key, "") for key in fields}
            )
            if created:
                if collaboration.status == Collaboration.Status.ACTIVE:
                    # A running collaboration is, by definition, in the last phase of the route.
                    collaboration.phase = Phase.objects.filter(number=3).first()
                    collaboration.save(update_fields=["phase"])
                for municipality in Municipality.objects.filter(name__in=data["municipalities"]):
                    left_on = data.get("left", {}).get(municipality.name, "")
                    CollaborationMembership.objects.create(
                        collaboration=collaboration, municipality=municipality, left_on=left_on
                    )

    # --- pages ---------------------------------------------------------------------------
    def build_home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # Wagtail's installer creates a "Welcome" page at the site root: replace it.
            for page in root.get_children():
                if not isinstance(page.specific, HomePage) and page.slug == "home":
                    page.delete()
            home = HomePage(title="Kennisplatform Ambtelijke Fusie", slug="home", intro=content.HOME_INTRO)
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
            home.featured_collaborations.set(Collaboration.objects.filter(short_name__in=["BEL", "BAR", "OVER"]))
            home.save()
        # The default site answers on SITE_URL, so feeds and the sitemap link to where it runs.
        url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        default_port = 443 if url.scheme == "https" else 80
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": url.hostname or "localhost",
                "port": url.port or default_port,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        return home

    def build_sections(self, home):
        # Events are their own app, which builds on this one: imported here, not at the top.
        from events.models import EventIndexPage

        collaborations = self._added(
            add_page(
                home,
                CollaborationIndexPage(
                    title="Samenwerkingen",
                    slug="samenwerkingen",
                    show_in_menus=True,
                    intro="<p>Gemeenten die één ambtelijke organisatie delen en hun eigen raad houden.</p>",
                ),
            )
        )
        self._added(
            add_page(
                home,
                MunicipalityIndexPage(
                    title="Gemeenten",
                    slug="gemeenten",
                    show_in_menus=True,
                    intro="<p>Alle gemeenten op het platform, per provincie.</p>",
                ),
            )
        )
        library = self._added(
            add_page(
                home,
                DocumentLibraryPage(
                    title="Documenten",
                    slug="documenten",
                    show_in_menus=True,
                    intro="<p>Rapporten, convenanten, verrekenmodellen en evaluaties uit de praktijk.</p>",
                ),
            )
        )
        publications = self._added(
            add_page(
                home,
                PublicationIndexPage(
                    title="Publicaties",
                    slug="publicaties",
                    show_in_menus=True,
                    intro="<p>Boeken, artikelen, columns en onderzoek over ambtelijke samenwerking.</p>",
                ),
            )
        )
        news = self._added(add_page(home, NewsIndexPage(title="Nieuws", slug="nieuws", show_in_menus=True)))
        events = self._added(
            add_page(home, EventIndexPage(title="Evenementen", slug="evenementen", show_in_menus=True))
        )
        for data in (content.COOPERATION_PAGE, content.ABOUT_PAGE, content.ACCESSIBILITY_PAGE):
            self._added(
                add_page(
                    home,
                    StandardPage(
                        title=data["title"],
                        slug=data["slug"],
                        intro=data["intro"],
                        body=data["body"],
                        show_in_menus=data is content.ABOUT_PAGE,
                    ),
                )
            )
        self.build_profiles(collaborations)
        self._added(lessons.build_overview(home, add_page))
        self.build_documents(library)
        self.build_publications(publications)
        self.build_news(news)
        self.build_events(events)
        self.created += build_route(home)
        self.created += build_questions(home, add_page)

    def build_profiles(self, index):
        for data in content.COLLABORATIONS:
            collaboration = Collaboration.objects.get(slug=data["slug"])
            if CollaborationPage.objects.filter(collaboration=collaboration).exists():
                continue
            extra = content.BEL_PROFILE if data["short_name"] == "BEL" else {}
            page = CollaborationPage(
                title=collaboration.name,
                slug=collaboration.slug,
                collaboration=collaboration,
                summary=data["summary"],
                body=extra.get("body", []),
                governance=extra.get("governance", ""),
            )
            page.lessons = lessons.profile_lessons(data["short_name"])
            if extra:
                page.themes = list(Theme.objects.filter(name__in=["Governance", "Bedrijfsvoering"]))
            self._added(add_page(index, page))

    def _tag(self, page, data):
        collaborations = list(Collaboration.objects.filter(short_name__in=data.get("collaborations", [])))
        page.collaborations = collaborations
        municipalities = data.get("municipalities")
        if municipalities is None:  # default: the members of the tagged collaborations
            members = Municipality.objects.filter(collaborations__in=collaborations).distinct()
        else:
            members = Municipality.objects.filter(name__in=municipalities)
        page.municipalities = list(members)
        page.themes = list(Theme.objects.filter(name__in=data.get("themes", [])))
        return page

    def build_documents(self, library):
        for data in knowledge.DOCUMENTS:
            slug = slugify(data["title"])[:80]
            if child_by_slug(library, slug):
                continue
            file = demo_file(data["title"], data["extension"], [data["summary"], *data.get("file_text", [])])
            page = KnowledgeDocumentPage(
                title=data["title"],
                slug=slug,
                date=data["date"],
                summary=data["summary"],
                document_type=DocumentType.objects.get(name=data["type"]),
                file=file,
            )
            self._added(add_page(library, self._tag(page, data)))

    def build_publications(self, index):
        for data in knowledge.PUBLICATIONS:
            slug = slugify(data["title"])[:80]
            if child_by_slug(index, slug):
                continue
            page = PublicationPage(
                title=data["title"],
                slug=slug,
                date=data["date"],
                kind=data["kind"],
                publisher=data["publisher"],
                summary=data["summary"],
                body=f"<p>{data['summary']}</p>",
            )
            page.authors = [PublicationAuthor(name=name, organisation=org) for name, org in data["authors"]]
            self._added(add_page(index, self._tag(page, data)))

    def build_news(self, index):
        for data in knowledge.NEWS:
            slug = slugify(data["title"])[:80]
            if child_by_slug(index, slug):
                continue
            page = NewsPage(
                title=data["title"],
                slug=slug,
                date=data["date"],
                summary=data["summary"],
                body=[("paragraph", f"<p>{data['summary']}</p>")],
            )
            self._added(add_page(index, self._tag(page, data)))

    def build_events(self, index):
        from events.models import Audience, EventPage, EventQuestion

        tz = timezone.get_current_timezone()
        past_day = datetime(2017, 10, 5, tzinfo=tz)
        # The next edition is always about three months ahead, so the demo has an upcoming event.
        next_day = (timezone.localtime() + timedelta(days=90)).date()
        editions = [
            ("Dag van de Ambtelijke Fusie 2017", "dag-van-de-ambtelijke-fusie-2017", past_day.date(), {}),
            (
                "Dag van de Ambtelijke Fusie",
                "dag-van-de-ambtelijke-fusie",
                next_day,
                {
                    "registration_enabled": True,
                    "capacity": 120,
                    "waiting_list": True,
                    "audience": Audience.EVERYONE,
                },
            ),
        ]
        for title, slug, day, registration in editions:
            if child_by_slug(index, slug):
                continue
            page = EventPage(
                title=title,
                slug=slug,
                start=datetime.combine(day, time(9, 30), tzinfo=tz),
                end=datetime.combine(day, time(16, 30), tzinfo=tz),
                venue="Congrescentrum",
                address="Omgeving Utrecht",
                summary="De jaarlijkse ontmoetingsdag voor bestuurders, managers en medewerkers van "
                "ambtelijke fusieorganisaties: praktijkverhalen, workshops en netwerken.",
                body=[
                    (
                        "paragraph",
                        "<p>Met bijdragen uit de BEL Combinatie, de BAR-organisatie en de "
                        "OVER-gemeenten over sturing, verrekening en personeel.</p>",
                    )
                ],
                **registration,
            )
            if registration:
                page.questions = [
                    EventQuestion(label="Functie", kind=EventQuestion.Kind.TEXT),
                    EventQuestion(
                        label="Workshopronde",
                        kind=EventQuestion.Kind.CHOICE,
                        required=True,
                        choices="Sturing en governance\nVerrekenmodellen\nPersoneel en cultuur",
                    ),
                    EventQuestion(
                        label="Dieetwensen",
                        kind=EventQuestion.Kind.LONG_TEXT,
                        help_text="Bijvoorbeeld vegetarisch of een allergie.",
                    ),
                ]
            self._added(add_page(index, self._tag(page, {"themes": ["Governance", "Personeel"]})))
        self.build_members_meeting(index, tz)

    def build_members_meeting(self, index, tz):
        """A small members-only meeting, so the demo shows both kinds of registration."""
        from events.models import Audience, EventPage

        slug = "intervisie-griffiers"
        if child_by_slug(index, slug):
            return
        day = (timezone.localtime() + timedelta(days=45)).date()
        page = EventPage(
            title="Intervisie griffiers van ambtelijke fusiegemeenten",
            slug=slug,
            start=datetime.combine(day, time(15, 0), tzinfo=tz),
            end=datetime.combine(day, time(17, 0), tzinfo=tz),
            online_url="https://meet.example.nl/intervisie-griffiers",
            summary="Online intervisie voor griffiers: hoe houden drie raden grip op één ambtelijke organisatie?",
            registration_enabled=True,
            capacity=12,
            waiting_list=True,
            audience=Audience.MEMBERS,
        )
        self._added(add_page(index, self._tag(page, {"themes": ["Governance"]})))


def demo_file(title, extension, paragraphs):
    """A small real file for a demo document, uploaded once and reused by title."""
    existing = LibraryFile.objects.filter(title=title).first()
    if existing:
        return existing
    data = make_document(extension, title, paragraphs)
    file = LibraryFile(title=title)
    file.file.save(f"{slugify(title)[:60]}.{extension}", ContentFile(data), save=False)
    file._set_document_file_metadata()
    file.save()
    return file


def ensure_editor():
    """The demo editor account: in the Editors and Moderators groups, able to edit the taxonomy.

    The password is new on every run and printed once, so no known password ever exists.
    """
    user, _ = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME,
        defaults={"email": EDITOR_EMAIL, "first_name": "Demo", "last_name": "Redacteur", "is_staff": True},
    )
    editors = Group.objects.get(name="Editors")
    user.groups.add(editors, Group.objects.get(name="Moderators"))
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="cms",
            content_type__model__in=[model._meta.model_name for model in TAXONOMY_MODELS],
        )
    )
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save()
    # Logging in is by e-mail address (allauth), which must be verified.
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user, password
