from django.core.management.base import BaseCommand, CommandError

from devtools.load_data import DEFAULT_SEED, LoadDataError, load_data_generate


class Command(BaseCommand):
    help = (
        "Build a large, realistic data set for benchmarks and report development: an "
        "organisation tree with managers and cohorts, courses with final assessments, and "
        "learners with enrolments in every state, progress, attempts and certificates. "
        "Everything it creates is named @load.example.org or load-…; --reset deletes it "
        "first. See docs/load-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, required=True)
        parser.add_argument("--courses", type=int, required=True)
        parser.add_argument("--orgs", type=int, required=True, help="Organisation units.")
        parser.add_argument(
            "--enrollments-per-learner", type=int, default=10, help="Capped at --courses."
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--reset", action="store_true", help="Delete the load data of an earlier run first."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG and DEMO_DATA_ENABLED off (a throwaway database).",
        )

    def handle(self, *args, **options):
        say = self.stdout.write if options["verbosity"] > 0 else None
        try:
            report = load_data_generate(
                learners=options["learners"],
                courses=options["courses"],
                orgs=options["orgs"],
                enrollments_per_learner=options["enrollments_per_learner"],
                seed=options["seed"],
                reset=options["reset"],
                force=options["force"],
                progress=say,
            )
        except LoadDataError as error:
            raise CommandError(str(error)) from None
        if say is None:
            return
        for note in report.notes:
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(f"Load data ready in {report.seconds:.1f} s:"))
        for table, count in report.counts.items():
            self.stdout.write(f"  {table:<20} {count:>10,}")
