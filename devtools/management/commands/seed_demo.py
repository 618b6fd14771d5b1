from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devtools.demo.builder import demo_build
from devtools.demo.report import DemoReport


class Command(BaseCommand):
    help = (
        "Create the demo data of docs/targets.md: four topics, four published courses (with a "
        "quiz per module and a final assessment, added by the assessments app), an "
        "organisation tree, one user per role and a learner part-way through a course. "
        "Safe to run again: topics are found by slug, organisations by code, users by "
        "e-mail address and courses by slug in the catalogue, and whatever exists is left "
        "as it is, never updated, because a trainer may have edited a demo course or an "
        "administrator a demo account. An existing course is skipped with its modules and "
        "lessons; the home page's introduction is written only while it is empty. New "
        "users get the password in DEMO_PASSWORD; existing users keep theirs."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ENABLED:
            raise CommandError(
                "Demo data is disabled on this site (DEMO_DATA_ENABLED=false): it would "
                "create accounts with a published password."
            )
        report = demo_build(password=settings.DEMO_PASSWORD)
        if options["verbosity"] > 0:
            self._print(report)

    def _print(self, report: DemoReport) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"  created:         {_counts(report.created) or 'nothing'}")
        self.stdout.write(f"  already present: {_counts(report.existing) or 'nothing'}")
        self.stdout.write("")
        self.stdout.write(
            f"Sign in as any of these with the password {settings.DEMO_PASSWORD!r}, "
            "unless it has been changed since the account was created:"
        )
        for account in report.accounts:
            where = f", {account.organisation}" if account.organisation else ""
            self.stdout.write(f"  {account.email:<24} {account.role}{where} ({account.full_name})")


def _counts(counter) -> str:
    return ", ".join(f"{kind} {number}" for kind, number in counter.items())
