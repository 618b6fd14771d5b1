"""A new learner goes from sign-up to a verified certificate in one sitting: verification
mail, sign in, catalogue, enrolment, lessons, module quiz, final assessment, certificate on
"My learning" and by e-mail, and the public verification page."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import confirm_address_from_mail, sign_up
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import lessons_of, make_course

COURSE = "Identifying victims of trafficking"
MODULE_QUIZ = "Indicators: check your knowledge"
FINAL = "Identifying victims: final assessment"
FULL_NAME = "Mariam Haidari"
EMAIL = "mariam.haidari@example.org"
PASSWORD = "amber-lighthouse-ferry-82"
VERIFY_URL = re.compile(r"https?://\S+/certificates/verify/\S+/")

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page: Page, live_server_url: str) -> None:
    page.goto(live_server_url + "/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _fact(page: Page, term: str):
    """The value of one fact on the verification page (a ``<dt>`` and its ``<dd>``)."""
    return page.locator("dl.facts-list dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def _take_quiz(page: Page, title: str, answers: dict[str, str]) -> None:
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_role("button", name="Start the quiz").click()
    for question, answer in answers.items():
        fieldset = page.locator("fieldset.question").filter(
            has=page.locator("legend", has_text=question)
        )
        fieldset.get_by_label(answer).check()
        # Saved in the background as it changes; submitting waits for it, as a learner would.
        expect(fieldset.locator(".question__status")).to_have_text("Saved")
    page.get_by_role("button", name="Review and submit").click()
    expect(page.get_by_role("heading", name="Summary of your attempt")).to_be_visible()
    count = len(answers)
    expect(page.get_by_text(f"You have answered {count} of {count} question")).to_be_visible()
    page.get_by_role("button", name="Submit all and finish").click()


def test_learner_signs_up_completes_a_course_and_verifies_the_certificate(
    live_server, mailoutbox, page, step
):
    course = make_course(modules=1, lessons=2, title=COURSE)
    first, second = lessons_of(course)
    make_quiz(
        module=first.get_parent().specific,
        title=MODULE_QUIZ,
        questions=[
            single(
                text="Which is an indicator of trafficking?",
                right="Someone else holds the traveller's passport",
                wrong=("The traveller has a return ticket", "The traveller speaks two languages"),
            )
        ],
        pass_mark=100,
    )
    make_quiz(
        course=course,
        title=FINAL,
        questions=[
            single(
                text="Who should a suspected victim be referred to?",
                right="A specialised support service",
                wrong=("The airline", "Nobody: the case is closed at the border"),
            ),
            single(
                text="What comes first when a victim is identified?",
                right="Their safety",
                wrong=("Their visa status", "The paperwork"),
            ),
        ],
        pass_mark=50,
    )
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    with step("sign-up"):
        sign_up(page, live_server.url, full_name=FULL_NAME, email=EMAIL, password=PASSWORD)

    with step("verify-email"):
        confirm_address_from_mail(page, live_server.url, mailoutbox, EMAIL)

    with step("sign-in"):
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
        _sign_in(page, live_server.url)
        expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
        expect(page.get_by_text("You are not taking any course yet.")).to_be_visible()

    with step("catalogue-and-enrol"):
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Courses").click()
        expect(page.get_by_role("heading", name="Courses", level=1)).to_be_visible()
        page.get_by_role("heading", name=COURSE, level=2).get_by_role("link").click()
        expect(page.get_by_role("heading", name=COURSE, level=1)).to_be_visible()
        expect(page.get_by_role("heading", name="Final assessment")).to_be_visible()
        page.get_by_role("button", name="Enrol in this course").click()
        expect(page.get_by_text(f"You are enrolled. Welcome to {COURSE}!")).to_be_visible()
        expect(page.get_by_text("0% complete (0 of 4 steps)")).to_be_visible()
        page.get_by_role("link", name="Start the course").click()

    pager = page.get_by_role("navigation", name="Lesson navigation")
    with step("lessons"):
        expect(page.get_by_role("heading", name=first.title, level=1)).to_be_visible()
        pager.get_by_role("button", name=re.compile(r"^Done, next lesson")).click()
        expect(page.get_by_role("heading", name=second.title, level=1)).to_be_visible()
        expect(page.get_by_text("25% complete (1 of 4 steps)")).to_be_visible()
        # The module's quiz comes after its last lesson: done, and on to the quiz.
        pager.get_by_role("button", name=re.compile(rf"^Done, next step\W+{MODULE_QUIZ}$")).click()

    with step("module-quiz"):
        _take_quiz(
            page,
            MODULE_QUIZ,
            {"Which is an indicator": "Someone else holds the traveller's passport"},
        )
        expect(page.get_by_role("heading", name="Passed", exact=True)).to_be_visible()
        expect(page.get_by_text("1 of 1 points (100%)")).to_be_visible()

    with step("final-assessment"):
        page.goto(live_server.url + course.url)
        expect(page.get_by_text("75% complete (3 of 4 steps)")).to_be_visible()
        page.get_by_role("link", name="Continue where you left off").click()
        _take_quiz(
            page,
            FINAL,
            {
                "Who should a suspected victim": "A specialised support service",
                "What comes first": "Their visa status",
            },
        )
        expect(page.get_by_role("heading", name="Passed", exact=True)).to_be_visible()
        expect(page.get_by_text("1 of 2 points (50%)")).to_be_visible()
        # The last step leads to the certificate (issued while the result page was asked for).
        expect(page.get_by_text(f"You have completed the course “{COURSE}”.")).to_be_visible()
        expect(page.get_by_role("link", name="Download your certificate")).to_be_visible()

    with step("course-complete"):
        page.goto(live_server.url + course.url)
        expect(page.get_by_text("100% complete (4 of 4 steps)")).to_be_visible()
        expect(page.get_by_text("You have completed this course.")).to_be_visible()

    with step("certificate-on-my-learning"):
        page.get_by_role("navigation", name="Main").get_by_role("link", name="My learning").click()
        certificates = page.get_by_role("region", name="Certificates")
        expect(certificates.get_by_role("heading", name=COURSE)).to_be_visible()
        expect(certificates.get_by_text("Valid", exact=True)).to_be_visible()
        pdf_link = certificates.get_by_role("link", name=re.compile("^Download PDF"))
        response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        with page.expect_download() as download:
            pdf_link.click()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")

    with step("certificate-mail"):
        certificate_mails = [mail for mail in mailoutbox if mail.attachments]
        assert len(certificate_mails) == 1, [mail.subject for mail in mailoutbox]
        mail = certificate_mails[0]
        assert mail.to == [EMAIL]
        # The course in the text, the holder's name only on the PDF (issue 12, finding 11).
        assert COURSE in mail.body and FULL_NAME not in mail.body
        ((filename, content, mimetype),) = mail.attachments
        assert mimetype == "application/pdf" and content.startswith(b"%PDF-")
        mailed_verify_url = VERIFY_URL.search(mail.body).group(0)

    with step("verification-page"):
        certificates.get_by_role("link", name="Verification link to share").click()
        assert urlsplit(page.url).path == urlsplit(mailed_verify_url).path
        page.context.clear_cookies()  # anyone with the link sees the same page
        page.reload()
        expect(page.get_by_role("heading", name="Valid certificate")).to_be_visible()
        expect(_fact(page, "Holder")).to_have_text(FULL_NAME)
        expect(_fact(page, "Course")).to_have_text(COURSE)
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
