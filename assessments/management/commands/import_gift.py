from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.gift import parse_gift
from assessments.services import quiz_import_questions


class Command(BaseCommand):
    help = (
        "Import questions from a Moodle GIFT file into a question bank (a quiz attached to "
        "no page), created if needed. A file with any error imports nothing; every error is "
        "listed with its line number and the command exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--bank", required=True, help="Name of the question bank.")

    def handle(self, *args, file: Path, bank: str, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not UTF-8 text; save it as UTF-8") from None
        result = parse_gift(text)
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{file}:{error}")
            raise CommandError(f"{len(result.errors)} error(s); nothing was imported.")
        quiz = quiz_import_questions(questions=result.questions, bank_name=bank)
        self.stdout.write(
            self.style.SUCCESS(f"Imported {len(result.questions)} questions into “{quiz}”.")
        )
