"""Caches by purpose: a flood of page variants never pushes out the login rate limits.

The flood is the one confirmed on a running site: five failed logins make the sixth refused;
then anonymous requests with a new query string each (``/?x=N``) used to fill the shared cache
until it culled the rate-limit keys, and the address could guess again. Each test runs against
a real cache backend: the database table, locmem, and Redis where a server can be started.
"""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from cms.models import NewsIndexPage
from core.page_cache import HEADER, PAGE_CACHE
from core.ratelimit import consume
from kennisplatform.env import cache_from_url, page_cache_url
from tests.factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db
# Small enough that the flood below overruns the page cache many times over.
PAGE_CACHE_ENTRIES = 40
LIMITED = "Te veel inlogpogingen"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private redis-server for this module, when the machine has one (CI installs it)."""
    server = shutil.which("redis-server")
    pytest.importorskip("redis")
    if not server:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(params=["db", "locmem", "redis"])
def cache_backend(request, tmp_path):
    """CACHES as the settings build them for this backend, with a small page cache. With
    ``db`` (the default) the counters are in a table and the pages in a folder of files."""
    url = pages_url = request.param
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        pages_url = url[:-1] + "1"  # another database on the same server, as the README says
    content_url = page_cache_url(url, pages_url if request.param == "redis" else "", tmp_path)
    configured = {
        "default": cache_from_url(url, table="kennisplatform_cache", max_entries=1_000_000),
        "pages": cache_from_url(
            content_url, table="kennisplatform_page_cache", max_entries=PAGE_CACHE_ENTRIES, key_prefix="pages"
        ),
        "template_fragments": cache_from_url(
            content_url, table="kennisplatform_fragments", max_entries=PAGE_CACHE_ENTRIES, key_prefix="fragments"
        ),
    }
    with override_settings(CACHES=configured, PAGE_CACHE_SECONDS=300):
        if request.param == "db":
            # The test settings keep caches in memory, so the migration made no tables; made
            # here, inside the test's transaction (rolled back with it).
            call_command("createcachetable", verbosity=0)
        for alias in configured:
            caches[alias].clear()
        yield request.param
        for alias in configured:
            caches[alias].clear()


def log_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password}).content.decode()


def test_a_flood_of_page_variants_leaves_the_login_limit_in_force(cache_backend):
    member = MemberFactory(username="doelwit")
    attacker = Client()
    pages = [log_in(attacker, member.email, "fout-wachtwoord-123") for _ in range(6)]
    assert LIMITED not in pages[0] and LIMITED in pages[-1]

    visitor = Client()
    listing = NewsIndexPage.objects.live().first().url
    for n in range(PAGE_CACHE_ENTRIES * 3):
        assert visitor.get(f"/?x={n}").status_code == 200  # unknown parameter: never cached
        assert visitor.get(f"{listing}?page={n}").status_code == 200  # known one: cached, bounded

    assert LIMITED in log_in(attacker, member.email, PASSWORD)  # even the right password, for now
    assert "_auth_user_id" not in attacker.session


def test_our_own_counters_survive_the_flood_too(cache_backend):
    assert consume("test-scope", "iemand@voorbeeld.nl", limit=1, period=600)
    visitor = Client()
    for n in range(PAGE_CACHE_ENTRIES * 2):
        visitor.get(f"/?utm_source={n}")
    assert not consume("test-scope", "iemand@voorbeeld.nl", limit=1, period=600)


def test_only_known_parameters_make_a_cached_variant(cache_backend):
    visitor = Client()
    for url in ("/?x=1", "/?x=2", "/?page=1&page=2", "/?page=" + "9" * 200):
        assert visitor.get(url).status_code == 200
        assert HEADER not in visitor.get(url).headers, url
    listing = NewsIndexPage.objects.live().first().url
    assert visitor.get(f"{listing}?page=1")[HEADER] == "miss"
    assert visitor.get(f"{listing}?page=1")[HEADER] == "hit"


def test_a_page_caches_only_its_own_filters(cache_backend):
    """The library's filters make variants of the library, not of the news listing."""
    visitor = Client()
    news = NewsIndexPage.objects.live().first().url
    for _ in range(2):
        assert HEADER not in visitor.get(f"{news}?theme=ict").headers
    for _ in range(2):
        response = visitor.get("/documenten/?theme=ict&year=2015")
    assert response[HEADER] == "hit"
    assert visitor.get("/documenten/?year=2015&theme=ict")[HEADER] == "hit"  # order does not matter


def test_the_page_cache_is_its_own_alias(cache_backend):
    visitor = Client()
    listing = NewsIndexPage.objects.live().first().url
    visitor.get(listing)
    caches["default"].clear()
    assert visitor.get(listing)[HEADER] == "hit"  # lives in "pages", not next to the counters
    assert PAGE_CACHE == "pages"


def test_redis_needs_a_page_cache_of_its_own():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        page_cache_url("redis://cache:6379/0", "", "/x")
    with pytest.raises(ImproperlyConfigured):
        page_cache_url("redis://cache:6379/0", "redis://cache:6379/0", "/x")
    assert page_cache_url("redis://cache:6379/0", "redis://pages:6379/0", "/x") == "redis://pages:6379/0"


def test_by_default_pages_are_kept_in_files_not_in_the_database(tmp_path):
    assert page_cache_url("db", "", tmp_path) == f"file://{tmp_path.resolve()}"
    assert page_cache_url("locmem", "", tmp_path) == "locmem"
    assert page_cache_url("db", "db", tmp_path) == "db"  # a table, when asked for
    configured = cache_from_url(f"file://{tmp_path}", table="kennisplatform_page_cache", max_entries=10)
    assert configured["BACKEND"].endswith("FileBasedCache")
    assert configured["LOCATION"] == str(tmp_path / "kennisplatform_page_cache")


def test_a_cached_page_costs_no_database_query(cache_backend, django_assert_num_queries):
    """With every backend, the default ``db`` included (its pages are kept in files)."""
    visitor = Client()
    listing = NewsIndexPage.objects.live().first().url
    assert visitor.get(listing)[HEADER] == "miss"
    with django_assert_num_queries(0):
        assert visitor.get(listing)[HEADER] == "hit"
