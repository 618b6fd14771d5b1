"""GIFT import from the command line and the admin (upload, preview, import), and export:
a file with any error imports nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Revision

from assessments.gift import parse_gift
from assessments.models import Quiz
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz, numeric, short_text, single

pytestmark = pytest.mark.django_db

VALID = """$CATEGORY: Document security
::MRZ::How many lines has the MRZ of a TD3 passport? {#2}

::Fraud::A genuine passport with a substituted photo is a {=forgery ~counterfeit ~pseudo-document}.

Document security features are only checked at the second line. {F}
"""

BROKEN = """::One:: A question with an open block {=yes ~no

::Two:: Weights that do not add up {~%50%a ~%20%b ~%-100%c}
"""


def test_the_command_imports_a_valid_file_into_a_bank(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text(VALID, encoding="utf-8")
    out = io.StringIO()

    call_command("import_gift", str(path), "--bank", "Border security bank", stdout=out)

    bank = Quiz.objects.get(title="Border security bank")
    assert len(bank.questions) == 3
    assert {child.block_type for child in bank.questions} == {
        "numeric",
        "single_choice",
        "true_false",
    }
    assert "Imported 3 questions" in out.getvalue()
    assert Revision.objects.filter(object_id=str(bank.pk)).count() == 1


def test_the_command_reports_every_error_with_its_line_and_imports_nothing(tmp_path):
    path = tmp_path / "broken.gift"
    path.write_text(VALID + "\n" + BROKEN, encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_gift", str(path), "--bank", "Bank", stderr=err)

    lines = err.getvalue().strip().splitlines()
    assert len(lines) == len(parse_gift(VALID + "\n" + BROKEN).errors) >= 2
    assert all(":line " in line for line in lines)
    assert not Quiz.objects.exists()


def test_the_command_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.gift"
    path.write_bytes("Question accentuée {T}".encode("latin-1"))

    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_gift", str(path), "--bank", "Bank")
    assert not Quiz.objects.exists()


def test_trainers_import_in_the_admin_after_a_preview(client):
    trainer = UserFactory(roles=["Trainers"])
    quiz = make_quiz(title="Module 1 quiz", count=1)
    client.force_login(trainer)
    url = reverse("assessments_gift_import")

    preview = client.post(
        url, {"file": SimpleUploadedFile("q.gift", VALID.encode()), "quiz": quiz.pk}
    )
    assert "3 questions ready to import" in preview.content.decode()
    assert len(Quiz.objects.get(pk=quiz.pk).questions) == 1  # nothing written by a preview

    response = client.post(url, {"confirm": "1"}, follow=True)

    assert "3 questions imported" in response.content.decode()
    # Into the draft: the live quiz learners take keeps its one question until approval.
    quiz = Quiz.objects.get(pk=quiz.pk)
    assert len(quiz.get_latest_revision_as_object().questions) == 4
    assert len(quiz.questions) == 1 and quiz.has_unpublished_changes


def test_the_admin_preview_lists_errors_and_offers_no_import(client):
    client.force_login(UserFactory(roles=["Trainers"]))
    url = reverse("assessments_gift_import")

    response = client.post(
        url, {"file": SimpleUploadedFile("q.gift", BROKEN.encode()), "bank": "B"}
    )

    html = response.content.decode()
    assert "nothing will be imported" in html and "line 1" in html
    assert "Import these questions" not in html
    assert client.post(url, {"confirm": "1"}, follow=True).status_code == 200
    assert not Quiz.objects.exists()


def test_learners_cannot_reach_the_import(client, learner):
    client.force_login(learner)

    response = client.get(reverse("assessments_gift_import"))

    assert response.status_code in (302, 403)


def test_export_gives_back_a_file_that_imports_the_same_questions(client):
    quiz = make_quiz(
        title="Round trip",
        questions=[
            single(),
            short_text(answers=("Doc 9303", "doc 9303")),
            numeric(value="3.5", tolerance="0.5"),
        ],
    )
    client.force_login(UserFactory(roles=["Trainers"]))

    response = client.get(reverse("assessments_gift_export", args=[quiz.pk]))

    assert response["Content-Disposition"].startswith('attachment; filename="round-trip')
    result = parse_gift(response.content.decode())
    assert result.errors == []
    assert [q.type for q in result.questions] == ["single", "short_text", "numeric"]
    assert [q.text for q in result.questions] == [q.text for _key, q in quiz.question_data()]


@pytest.mark.parametrize(
    "text",
    ["\n\n   \n", "// only a comment\n// and another\n", "$CATEGORY: Border checks\n\n"],
    ids=["blank lines", "comments", "a category alone"],
)
def test_a_file_without_questions_is_refused_and_creates_no_bank(client, text):
    client.force_login(UserFactory(roles=["Trainers"]))
    url = reverse("assessments_gift_import")

    preview = client.post(
        url, {"file": SimpleUploadedFile("q.gift", text.encode()), "bank": "Empty bank"}
    )
    html = preview.content.decode()
    assert "the file holds no questions" in html and "nothing will be imported" in html
    assert "Import these questions" not in html

    client.post(url, {"confirm": "1"}, follow=True)
    assert not Quiz.objects.exists()


def test_the_command_refuses_a_file_without_questions(tmp_path):
    path = tmp_path / "empty.gift"
    path.write_text("// nothing here yet\n", encoding="utf-8")

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_gift", str(path), "--bank", "Bank", stderr=io.StringIO())
    assert not Quiz.objects.exists()


def test_the_import_service_refuses_an_empty_list_of_questions():
    from assessments.services import AttemptError, quiz_import_questions

    quiz = make_quiz(title="Final assessment", count=2)

    with pytest.raises(AttemptError, match="no questions"):
        quiz_import_questions(questions=[], quiz=quiz)
    with pytest.raises(AttemptError):
        quiz_import_questions(questions=[], bank_name="New bank")
    assert len(Quiz.objects.get(pk=quiz.pk).questions) == 2
    assert Quiz.objects.count() == 1
