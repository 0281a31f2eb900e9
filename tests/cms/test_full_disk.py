"""A full disk on upload: a clear message, and nothing half-written (no file, no row).

The disk is really full: a 64 KB tmpfs mounted as MEDIA_ROOT (needs the right to mount, which
the test machines have as root; elsewhere the test is skipped and says why).
"""

import os
import subprocess

import pytest

from cms.demo.files import make_document
from cms.models import LibraryFile

from .test_uploads import upload_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_disk(settings, tmp_path):
    mount = tmp_path / "media"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if result.returncode:
        pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()}")
    settings.MEDIA_ROOT = str(mount)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def files_in(directory):
    return [os.path.join(root, name) for root, _, names in os.walk(directory) for name in names]


def test_an_upload_that_fills_the_disk_is_refused_plainly_and_leaves_nothing(editor_client, small_disk):
    big = make_document("pdf", "Jaarverslag", [f"Alinea {n}: " + os.urandom(400).hex() for n in range(300)])
    assert len(big) > 64 * 1024
    before = LibraryFile.objects.count()
    response = upload_document(editor_client, "jaarverslag.pdf", big)
    assert response.status_code == 507
    assert "niet opgeslagen" in response.content.decode()
    assert LibraryFile.objects.count() == before
    assert files_in(small_disk) == []  # the partial file was removed

    # The space is there again for a file that fits.
    small = make_document("pdf", "Notitie", ["Korte tekst"])
    assert upload_document(editor_client, "notitie.pdf", small).status_code == 302
    assert LibraryFile.objects.count() == before + 1 and len(files_in(small_disk)) == 1
