"""Test data, made one way: users, members, editors, pages, events, registrations, discussions.

Every test that needs a person or a page makes it here, with ``PASSWORD`` as everyone's
password. Pages are published under the demo site's parents (the news index, the document
library, the event index), which the session's database holds (tests/conftest.py).
"""

import datetime
import itertools

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import (
    DocumentLibraryPage,
    DocumentType,
    KnowledgeDocumentPage,
    LibraryFile,
    NewsIndexPage,
    NewsPage,
    PublicationIndexPage,
    PublicationPage,
)
from community.models import Category, CategoryAccess, MemberProfile, Post, Topic
from community.posting import render_body
from events.models import Audience, EventIndexPage, EventPage, EventQuestion, EventRegistration, RegistrationStatus

PASSWORD = "een-lang-wachtwoord-2026"

# Slugs and titles stay unique across the whole session (pages outlive no test, but a slug
# that repeats within one test would clash).
_numbers = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    """An account with a password and nothing else: no verified address, no profile."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ()
        skip_postgeneration_save = True

    class Params:
        joined_days_ago = 100

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@voorbeeld.nl")
    password = factory.django.Password(PASSWORD)
    date_joined = factory.LazyAttribute(lambda user: timezone.now() - datetime.timedelta(days=user.joined_days_ago))

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        for name in names or ():
            user.groups.add(Group.objects.get(name=name))


class MemberFactory(UserFactory):
    """A member as signing up makes one: a primary e-mail address, verified unless
    ``verified=False``. ``with_profile=True`` adds the MemberProfile that the signup form
    creates (the directory and mentions look there); without it the member has none."""

    class Params:
        with_profile = factory.Trait(
            profile=factory.RelatedFactory("tests.factories.MemberProfileFactory", factory_related_name="user"),
        )

    @classmethod
    def _create(cls, model_class, *args, verified=True, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
        return user


class MemberProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberProfile

    user = factory.SubFactory(MemberFactory)


class StaffFactory(UserFactory):
    """Someone from the editorial office: staff, in the Editors group unless ``groups`` says otherwise."""

    is_staff = True

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        for name in ["Editors"] if names is None else names:
            user.groups.add(Group.objects.get(name=name))


def make_superuser(username="testredacteur", email="redactie@example.org"):
    """A Wagtail superuser, for tests that go through the admin."""
    return get_user_model().objects.create_superuser(username, email, PASSWORD)


class PageFactory(factory.django.DjangoModelFactory):
    """A page published under the demo site's parent for its type (``parent`` overrides)."""

    class Meta:
        abstract = True

    title = factory.LazyFunction(lambda: f"Testpagina {next(_numbers)}")
    slug = factory.LazyAttribute(lambda page: f"test-{next(_numbers)}-{timezone.now().timestamp():.0f}")
    summary = "Een korte samenvatting voor lijsten en zoekresultaten."

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        # Tags (many-to-many) and child rows (an event's questions) are set on the unsaved page.
        related = {name: kwargs.pop(name) for name in ("collaborations", "municipalities", "themes") if name in kwargs}
        children = {name: kwargs.pop(name) for name in ("questions",) if name in kwargs}
        page = model_class(**kwargs)
        for name, values in related.items():
            getattr(page, name).set(values)
        for name, rows in children.items():
            setattr(page, name, rows)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return model_class.objects.get(pk=page.pk)


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    parent = factory.LazyFunction(lambda: NewsIndexPage.objects.get())  # the demo's

    date = factory.LazyFunction(lambda: timezone.localdate())


class DocumentPageFactory(PageFactory):
    class Meta:
        model = KnowledgeDocumentPage

    parent = factory.LazyFunction(lambda: DocumentLibraryPage.objects.get())  # the demo's

    date = factory.LazyFunction(lambda: timezone.localdate())
    document_type = factory.LazyFunction(lambda: DocumentType.objects.order_by("pk").first())
    file = factory.LazyFunction(lambda: LibraryFile.objects.order_by("pk").first())  # one of the demo's


class PublicationPageFactory(PageFactory):
    class Meta:
        model = PublicationPage

    parent = factory.LazyFunction(lambda: PublicationIndexPage.objects.get())  # the demo's

    date = factory.LazyFunction(lambda: timezone.localdate())
    kind = PublicationPage.Kind.values[0]


class EventPageFactory(PageFactory):
    """A published event three weeks ahead that takes registrations (10 seats, a waiting list),
    with one required question; ``start`` moves it, ``questions=[]`` drops the question."""

    class Meta:
        model = EventPage

    parent = factory.LazyFunction(lambda: EventIndexPage.objects.get())  # the demo's

    title = factory.LazyFunction(lambda: f"Werkconferentie ambtelijke samenwerking {next(_numbers)}")
    slug = factory.LazyAttribute(lambda page: f"werkconferentie-{next(_numbers)}-{timezone.now().timestamp():.0f}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=6))
    venue = "Stadhuis Ridderkerk"
    address = "Koningsplein 1, Ridderkerk"
    summary = "Een dag over sturing en verrekening in de ambtelijke fusie."
    registration_enabled = True
    capacity = 10
    waiting_list = True
    audience = Audience.EVERYONE
    questions = factory.LazyFunction(
        lambda: [EventQuestion(label="Functie", kind=EventQuestion.Kind.TEXT, required=True)]
    )


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration, written straight to the table (no seat check, no mail): for
    tests that need registrations to exist. Tests of registering go through the service."""

    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventPageFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    email = factory.Sequence(lambda n: f"deelnemer{n}@voorbeeld.nl")
    status = RegistrationStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Categorie {n} (test)")
    slug = factory.Sequence(lambda n: f"test-categorie-{n}")
    access = CategoryAccess.PUBLIC


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Verrekening in de praktijk {n}")
    author = factory.SubFactory(MemberFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(MemberFactory)
    body = factory.Sequence(lambda n: f"Bijdrage {n}: hoe verdelen jullie de kosten van de ICT?")
    body_html = factory.LazyAttribute(lambda post: render_body(post.body))
