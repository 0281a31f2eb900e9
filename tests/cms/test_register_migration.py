"""Migration cms 0010 carries today's register over: members become memberships (dates
unknown), the founding year becomes the start, a collaboration the site called current is
active, and the three phases exist.

It runs on a database file of its own, in a subprocess: migrating back and forth inside the
test database would need a transactional test, which empties the demo site for the others.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BEFORE = """
from cms.models import Province
from django.db import connection
province = Province.objects.create(name="Testprovincie", slug="testprovincie")
with connection.cursor() as cursor:
    for pk, name in ((9001, "Aa"), (9002, "Bb")):
        cursor.execute(
            "INSERT INTO cms_municipality (id, name, slug, cbs_code, province_id, valid_from, valid_until)"
            " VALUES (%s, %s, %s, '', %s, NULL, NULL)", [pk, name, name.lower(), province.pk])
    cursor.execute(
        "INSERT INTO cms_collaboration (id, short_name, name, slug, form, legal_form, founded, website)"
        " VALUES (9100, 'T', 'Test', 'test', 'ambtelijke-fusie', '', 2011, '')")
    for municipality in (9001, 9002):
        cursor.execute(
            "INSERT INTO cms_collaboration_municipalities (collaboration_id, municipality_id) VALUES (9100, %s)",
            [municipality])
"""

# Raw SQL: the models of today may have columns that migration 0010 does not create yet.
AFTER = """
import json
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT status, started_on, decided_on, ended_on FROM cms_collaboration WHERE slug = 'test'")
    fields = list(cursor.fetchone())
    cursor.execute(
        "SELECT m.name, ms.joined_on, ms.left_on FROM cms_collaborationmembership ms"
        " JOIN cms_municipality m ON m.id = ms.municipality_id WHERE ms.collaboration_id = 9100")
    members = sorted(list(row) for row in cursor.fetchall())
    cursor.execute("SELECT COUNT(*) FROM cms_phase")
    phases = cursor.fetchone()[0]
print(json.dumps({"fields": fields, "members": members, "phases": phases}))
"""


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_existing_collaborations_gain_the_new_fields_with_sensible_values(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'register.sqlite3'}", "ELASTICSEARCH_URL": ""}
    manage(env, "migrate", "cms", "0009_municipality_history", "--verbosity", "0")
    manage(env, "shell", "-c", BEFORE)
    manage(env, "migrate", "cms", "0010_collaboration_register", "--verbosity", "0")
    carried = json.loads(manage(env, "shell", "-c", AFTER).strip().splitlines()[-1])
    assert carried == {
        "fields": ["actief", "2011", "", ""],
        "members": [["Aa", "", ""], ["Bb", "", ""]],
        "phases": 3,
    }
