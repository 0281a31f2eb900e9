"""``manage.py seed_demo [--scale N]``: demo content for local runs, safe to run twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.demo.builder import DemoSite, ensure_editor
from cms.demo.synthetic import add_synthetic_items
from community.demo import build_discussions
from community.demo_answers import build_answers


class Command(BaseCommand):
    help = "Create the demo knowledge platform (idempotent); --scale N adds N synthetic items."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=0, metavar="N", help="Make sure N synthetic items exist (for benchmarks)."
        )
        parser.add_argument("--no-editor", action="store_true", help="Do not create or reset the demo editor account.")
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never on a production site)."
        )

    def handle(self, *args, scale, no_editor, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo content and an editor account; it refuses to "
                "run with DEBUG off. Use --force if this really is a test site."
            )
        if scale < 0:
            raise CommandError("--scale must be 0 or more.")
        DemoSite(log=self.stdout.write).build()
        build_discussions(log=self.stdout.write)
        build_answers(log=self.stdout.write)
        if scale:
            added = add_synthetic_items(scale, log=self.stdout.write)
            self.stdout.write(f"Added {added} synthetic items ({scale} requested in total).")
        if not no_editor:
            user, password = ensure_editor()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Editor login at /admin/: e-mail address '{user.email}', password '{password}' "
                    "(a new password is set on every run)."
                )
            )
