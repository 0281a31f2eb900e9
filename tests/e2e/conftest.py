"""Browser tests: a real server with the demo site, driven by headless Chromium (Debian's
``chromium`` package) through Playwright, with axe-core (npm) for accessibility scans.

The server runs in its own process on its own SQLite database, so these tests see the site
exactly as a visitor does and never share a transaction with the test process.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


# The two screens every journey is walked at (issue #16).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _missing(reason):
    # On CI a missing browser is a broken build, not a reason to skip.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the test server did not answer at {url} within {timeout}s")


@pytest.fixture(scope="session")
def site_workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("e2e-site")


@pytest.fixture(scope="session")
def mail_dir(site_workdir):
    """Where the test server writes the e-mails it sends (Django's file-based e-mail backend)."""
    return site_workdir / "mail"


def site_env(site_workdir, mail_dir):
    """The environment the test server runs with; commands run with it see the same site."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.dev",
        DATABASE_URL=f"sqlite:///{site_workdir / 'site.sqlite3'}",
        MEDIA_ROOT=str(site_workdir / "media"),
        DEBUG="true",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mail_dir),
    )
    return env


@pytest.fixture(scope="session")
def live_site(site_workdir, mail_dir):
    """Base URL of a running demo site (migrated and seeded from scratch)."""
    workdir = site_workdir
    env = site_env(site_workdir, mail_dir)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo", "--no-editor"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    port = _free_port()
    log = open(workdir / "server.log", "w")
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base_url + "/", server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


# Package scope: Playwright's sync API keeps an event loop marked as running in this thread
# while it is open, and Django refuses to open a database connection under a running loop,
# so the tests that run after the browser tests must not see it.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_site):
    context = browser.new_context(base_url=live_site, accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_JS.exists():
        _missing("axe-core is not installed: run npm ci")
    return AXE_JS.read_text()


def serious_accessibility_violations(page, axe_source):
    """Run axe-core on the current page (WCAG 2.1 A/AA rules); return serious and critical ones."""
    # Evaluated through the DevTools protocol: an injected <script> would be (rightly) refused
    # by the site's Content-Security-Policy.
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


# Defined for the code run_on_site runs: a logged-in session for a user, as the login makes it.
SITE_HELPERS = """
def session_for(user):
    from importlib import import_module
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key
"""


def run_on_site(site_workdir, mail_dir, code):
    """Run Python ``code`` in ``manage.py shell`` against the test server's database, to set up
    what a journey needs (members, sessions, registrations); returns the last line printed.
    The code may call ``session_for(user)`` for the key of a logged-in session."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SITE_HELPERS + code],
        cwd=ROOT,
        env=site_env(site_workdir, mail_dir),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def artifact_folder(name):
    """Where a journey keeps its screenshots: ``$E2E_ARTIFACTS/<name>`` (default: under the
    system's temporary folder). The path is printed, so a run says where to look."""
    root = Path(os.environ.get("E2E_ARTIFACTS") or Path(tempfile.gettempdir()) / "kennisplatform-e2e")
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots ({name}): {folder}")
    return folder


class Walk:
    """A visitor's steps through the site at one screen size: each step is kept as a screenshot,
    scanned with axe, and checked for sideways scrolling; what the Content-Security-Policy
    refuses is collected. Assert ``walk.problems() == {}`` at the end."""

    def __init__(self, page, folder, prefix, axe_source):
        self.page, self.folder, self.prefix, self.axe_source = page, folder, prefix, axe_source
        self.violations, self.overflow, self.refused = {}, {}, []
        page.on("console", lambda m: self.refused.append(m.text) if "Content Security Policy" in m.text else None)

    def step(self, name):
        self.page.screenshot(path=str(self.folder / f"{self.prefix}-{name}.png"), full_page=True)
        found = serious_accessibility_violations(self.page, self.axe_source)
        if found:
            self.violations[name] = found
        sideways = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if sideways > 0:
            self.overflow[name] = sideways

    def problems(self):
        return {
            key: value
            for key, value in (
                ("axe", self.violations),
                ("scrolls sideways (px)", self.overflow),
                ("refused by CSP", self.refused),
            )
            if value
        }


# The community's members, one pair per test module (signing up takes a browser and an e-mail).
# Imported here, not at the top: tests/e2e/community.py itself imports from this conftest.


@pytest.fixture(scope="module")
def member(browser, live_site, mail_dir):
    from .community import sign_up_and_verify

    member = sign_up_and_verify(browser, live_site, mail_dir, "Carla", "Claassen")
    yield member
    member.context.close()


@pytest.fixture(scope="module")
def moderator(browser, live_site, mail_dir, site_workdir):
    from .community import make_moderator, sign_up_and_verify

    moderator = sign_up_and_verify(browser, live_site, mail_dir, "Daan", "Dekker")
    make_moderator(site_workdir, mail_dir, moderator.email)
    yield moderator
    moderator.context.close()
