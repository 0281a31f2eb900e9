"""No English in the Dutch interface (issue #16): the pages and e-mails a visitor, a member and
a moderator meet, rendered through the real views and mail builders.

Three checks:
- the catalogues (ours and the overrides of allauth's Dutch) leave a text in English only
  where Dutch uses the same word: names, abbreviations, loanwords (``SAME_IN_DUTCH``);
- while the pages and mails render, no text looked up in a catalogue comes back untranslated
  (a msgid missing from django.po, an allauth or Django text without Dutch): every gettext
  lookup is recorded;
- the English of every translated msgid appears nowhere in the rendered text (a copy of a
  msgid typed into a template, or a text translated before the language was known).
"""

import re

import polib
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from community import moderation, posting
from community.models import Category, MemberProfile
from events import mail as event_mail
from events import registration as registrations
from events.models import EventPage
from tests.factories import PASSWORD, MemberFactory

from .test_translations import OVERRIDES, PO

pytestmark = pytest.mark.django_db

# Where the Dutch is the English: names, abbreviations and words Dutch has borrowed. Nothing
# else may have msgstr == msgid.
SAME_IN_DUTCH = {
    "%(count)s document",  # "1 document"; the plural differs ("documenten")
    "%(start)s – %(until)s",  # a period of the register: only the dates are translated
    "checklist",
    "e-mail",  # the kind of a notification setting: the same word in Dutch
    "Checklist",
    "start",
    "column",
    "Community",
    "Document",
    "Download",
    "Home",
    "In “%(name)s”.",
    "Menu",
    "Moderator",
    "Online",
    "Sitemap",
    "slug",
    "status",
    "Status",
    "website",
    "Website",
    # Django's own units (filesizeformat)
    "%s KB",
    "%s MB",
    "%s GB",
    "%s TB",
    "%s PB",
}
TEXT_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{\w*\}|<[^>]+>")


def catalogue_entries():
    for path in (PO, OVERRIDES):
        yield from polib.pofile(str(path)).translated_entries()


def untranslated_in_catalogue(entry):
    if entry.msgid_plural:
        return any(text in (entry.msgid, entry.msgid_plural) for text in entry.msgstr_plural.values())
    return entry.msgstr == entry.msgid


def english_fragments():
    """The literal English of every translated msgid, cut at placeholders and markup, that is
    long enough to mean something (two words or more)."""
    fragments = set()
    for entry in catalogue_entries():
        if untranslated_in_catalogue(entry):
            continue
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for fragment in PLACEHOLDER.split(msgid):
                fragment = " ".join(fragment.split()).strip(" .,:;!?()“”\"'—-")
                if " " in fragment and len(fragment) >= 8:
                    fragments.add(fragment)
    return fragments


class GettextRecorder:
    """Records every catalogue lookup made in Dutch that came back in English."""

    FUNCTIONS = {"gettext": (0,), "ngettext": (0, 1), "pgettext": (1,), "npgettext": (1, 2)}

    def __init__(self, monkeypatch):
        self.untranslated = {}
        self.where = "?"
        trans = translation._trans
        for name, english_args in self.FUNCTIONS.items():
            monkeypatch.setattr(trans, name, self._wrap(getattr(trans, name), english_args))

    def _wrap(self, function, english_args):
        def lookup(*args):
            result = function(*args)
            english = [args[i] for i in english_args]
            if (
                translation.get_language() == "nl"
                and result in english
                and re.search(r"[A-Za-z]{2}", PLACEHOLDER.sub("", result))
                and english[0] not in SAME_IN_DUTCH
            ):
                self.untranslated.setdefault(english[0], self.where)
            return result

        return lookup


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    texts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        texts += [element[name] for name in TEXT_ATTRIBUTES if element.has_attr(name)]
        if (
            element.name in ("input", "button")
            and element.get("type") in ("submit", "button")
            and element.has_attr("value")
        ):
            texts.append(element["value"])
    return " ".join(" ".join(texts).split())


def make_person(username, *, groups=(), **names):
    user = MemberFactory(username=username, groups=groups, **names)
    MemberProfile.objects.create(user=user, organisation="Gemeente Ridderkerk", function="beleidsadviseur")
    return user


@pytest.fixture
def recorder(monkeypatch):
    cache.clear()  # allauth's rate limits count in the cache
    yield GettextRecorder(monkeypatch)
    cache.clear()


@pytest.fixture
def scene(db):
    """A member with a topic, a reply, a mention, a registration and a moderated post."""
    member = make_person("jet-lid", first_name="Jet", last_name="Jansen")
    other = make_person("kees-lid", first_name="Kees", last_name="Kok")
    moderator = make_person("mo-moderator", groups=["Moderators"], first_name="Mo", last_name="Mulder")
    category = Category.objects.filter(access="public").first()
    topic = posting.start_topic(
        member, category, "Verdeelsleutel voor de ICT-kosten", "Hoe verdelen jullie de **ICT**?"
    )
    reply = posting.reply(other, topic, "Per aantal werkplekken, @jet-lid.")
    moderation.hide_post(moderator, reply, "Dubbel geplaatst")
    moderation.restore_post(moderator, reply)
    event = EventPage.objects.live().filter(registration_enabled=True, start__gt=timezone.now()).first()
    outcome = registrations.register_member(event, member, name="Jet Jansen", organisation="Gemeente Ridderkerk")
    return {
        "member": member,
        "moderator": moderator,
        "topic": topic,
        "event": event,
        "registration": outcome.registration,
        "category": category,
    }


def pages_for(scene):
    topic, event, registration = scene["topic"], scene["event"], scene["registration"]
    public = [
        "/",
        "/samenwerkingen/",
        "/samenwerkingen/bel-combinatie/",
        "/gemeenten/",
        "/gemeenten/ridderkerk/",
        "/documenten/",
        "/documenten/?collaboration=bar-organisatie&year=abc",
        "/documenten/verrekenen-in-de-bar-samenwerking/",
        "/publicaties/",
        "/publicaties/ambtelijk-fuseren-groei/",
        "/nieuws/",
        "/nieuws/btw-plicht-gemeenten-bij-ambtelijke-fusie/",
        "/evenementen/",
        event.url,
        "/evenementen/intervisie-griffiers/",
        "/over/",
        "/zoeken/",
        "/zoeken/?q=verrekenen",
        "/zoeken/?q=verrekenen&collaboration=bar-organisatie&year=2013&sort=date",
        "/zoeken/?q=zzzqqqxx&collaboration=de-kompanjie",
        "/zoeken/?q=verekenmodel",
        "/bestaat-niet/",
        "/discussies/",
        scene["category"].get_absolute_url(),
        topic.get_absolute_url(),
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        reverse("registration_cancel", args=[registration.token]),
    ]
    member = [
        "/",
        topic.get_absolute_url(),
        reverse("community:new_topic", args=[scene["category"].slug]),
        "/leden/",
        "/leden/?collaboration=bar-organisatie",
        f"/leden/{scene['member'].username}/",
        reverse("community:edit_profile"),
        reverse("community:my_data"),
        reverse("my_registrations"),
        event.url,
        reverse("registration_cancel", args=[registration.token]),
        "/account/email/",
        "/account/password/change/",
        "/account/logout/",
    ]
    moderator = [
        reverse("community:moderation_queue"),
        reverse("community:moderation_log"),
        reverse("community:moderation_member", args=[scene["member"].username]),
        topic.get_absolute_url(),
    ]
    return (
        [("visitor", url) for url in public]
        + [("member", url) for url in member]
        + [("moderator", url) for url in moderator]
    )


def render_pages(scene, recorder):
    texts = {}
    for who, url in pages_for(scene):
        client = Client()
        if who != "visitor":
            client.force_login(scene[who])
        recorder.where = f"{url} ({who})"
        response = client.get(url)
        assert response.status_code in (200, 404), f"{url} as {who}: {response.status_code}"
        texts[recorder.where] = visible_text(response.content.decode())
    return texts


def render_mails(scene, recorder, mailoutbox, sending):
    """Every kind of e-mail the site sends, through the flows that send them where that is
    cheap, and the registration mails as the outbox records them."""
    client = Client()
    recorder.where = "mail: sign-up"
    with sending():
        client.post(
            reverse("account_signup"),
            {
                "email": "nieuw@laren.nl",
                "first_name": "Nina",
                "last_name": "Nieuwenhuis",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    recorder.where = "mail: sign-up with a known address"
    with sending():
        Client().post(
            reverse("account_signup"),
            {
                "email": scene["member"].email,
                "first_name": "Jet",
                "last_name": "Jansen",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    recorder.where = "mail: password reset"
    with sending():
        Client().post(reverse("account_reset_password"), {"email": scene["member"].email})
    recorder.where = "mail: reply and mention"
    with sending():
        posting.reply(scene["moderator"], scene["topic"], "Dank, @jet-lid: zo doen wij het ook.")
    texts = {f"mail to {m.to}: {m.subject}": f"{m.subject} {m.body}" for m in mailoutbox}
    registration = scene["registration"]
    extras = {
        event_mail.MESSAGE: {"subject": "Wijziging in het programma", "body": "De dag begint een uur later."},
        "event_cancelled": {"reason": "Te weinig aanmeldingen."},
    }
    for kind in (
        event_mail.CONFIRM_ADDRESS,
        event_mail.ALREADY_REGISTERED,
        event_mail.SEAT_CONFIRMED,
        event_mail.WAITLISTED,
        event_mail.PROMOTED,
        event_mail.CANCELLED,
        event_mail.EVENT_CANCELLED,
        event_mail.REMINDER,
        event_mail.MESSAGE,
    ):
        recorder.where = f"mail: registration {kind}"
        queued = event_mail.send_later(registration, kind, **extras.get(kind, {}))
        texts[recorder.where] = f"{queued.subject} {queued.body}"
    assert len(texts) >= 13, sorted(texts)
    return texts


def test_the_catalogues_leave_only_names_and_shared_words_in_english():
    same = {entry.msgid for entry in catalogue_entries() if untranslated_in_catalogue(entry)}
    assert sorted(same - SAME_IN_DUTCH) == []


def test_the_pages_and_mails_people_meet_speak_dutch(scene, recorder, mailoutbox, sending):
    with translation.override("nl"):
        texts = render_pages(scene, recorder)
        texts.update(render_mails(scene, recorder, mailoutbox, sending))
    untranslated = [f"{msgid!r} on {where}" for msgid, where in recorder.untranslated.items()]
    assert not untranslated, "looked up and found no Dutch:\n" + "\n".join(sorted(untranslated))
    fragments = english_fragments()
    english = sorted(
        f"{fragment!r} on {where}" for where, text in texts.items() for fragment in fragments if fragment in text
    )
    assert not english, "English in the Dutch interface:\n" + "\n".join(english)
