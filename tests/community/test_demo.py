"""The demo discussions: present after seed_demo, added once, members-only kept private."""

import io

from django.urls import reverse

from community.demo import build_discussions
from community.models import Category, Topic


def test_demo_discussions_exist_once(client, db):
    seeded = (Category.objects.count(), Topic.objects.count())
    assert all(seeded)
    output = io.StringIO()
    build_discussions(log=lambda line: output.write(line))
    assert "0 new topics" in output.getvalue()
    assert (Category.objects.count(), Topic.objects.count()) == seeded
    html = client.get(reverse("community:categories")).content.decode()
    assert "Financiën en verrekening" in html and "Griffiersoverleg" not in html
