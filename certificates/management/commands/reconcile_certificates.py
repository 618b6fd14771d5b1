from django.core.management.base import BaseCommand

from certificates.services import certificates_reconcile


class Command(BaseCommand):
    help = "Issue every certificate a completed enrolment lacks, and render missing PDFs."

    def handle(self, *args, **options):
        codes = certificates_reconcile()
        self.stdout.write(self.style.SUCCESS(f"{len(codes)} certificate(s) issued or repaired."))
