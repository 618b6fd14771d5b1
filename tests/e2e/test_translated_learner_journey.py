"""A visitor whose browser asks for French signs up, studies a course in French, switches to
Arabic on the course page and keeps every completed step, finishes the lessons and the
module quiz in Arabic (failing it once, then "Try again"), gets the certificate in Arabic (the
PDF's text, the course's Arabic title, the e-mail) and opens its verification page; on a
desktop and on a phone (issue 15). On every page: ``lang`` and ``dir``, no English interface
word (``test_interface_languages``'s list) and no serious or critical axe-core violation."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.certificates.test_pdf import extracted_text
from tests.e2e.conftest import SCREENSHOT_DIR, TIMEOUT_MS
from tests.e2e.journeys import CONFIRMATION_URL, on_live_server
from tests.e2e.test_accessibility import _blocking_violations, _describe
from tests.e2e.test_interface_languages import ENGLISH_INTERFACE, _interface_texts
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import lessons_of, make_course
from tests.factories.translations import locale, retitle, translate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FULL_NAME = "Leïla Benali"
EMAIL = "leila.benali@example.org"
PASSWORD = "amber-lighthouse-ferry-82"
COURSE = {"en": "Document examination", "fr": "Examen des documents", "ar": "فحص الوثائق"}
MODULE = {"fr": "Authenticité des documents", "ar": "أصالة الوثائق"}
LESSON = {"fr": "Leçon", "ar": "الدرس"}
BODY = {
    "fr": "<p>Ce que l'agent vérifie sur un passeport : les éléments de sécurité.</p>",
    "ar": "<p>ما يتحقق منه الموظف في جواز السفر: عناصر الأمان.</p>",
}
QUIZ = {
    "en": "Documents: check your knowledge",
    "fr": "Documents : vérifiez vos connaissances",
    "ar": "الوثائق: اختبر معلوماتك",
}
# The question, its right answer and the wrong ones.
QUESTION = {
    "en": ("Which document proves nationality?", "Passport", ("Boarding pass", "Hotel booking")),
    "fr": (
        "Quel document prouve la nationalité ?",
        "Passeport",
        ("Carte d'embarquement", "Réservation d'hôtel"),
    ),
    "ar": (
        "ما الوثيقة التي تثبت الجنسية؟",
        "جواز السفر",
        ("بطاقة الصعود إلى الطائرة", "حجز الفندق"),
    ),
}
ARABIC_TEMPLATE_TITLE = "شهادة إتمام"  # the standard template's, in Arabic
ARABIC_ISSUER = "مركز Waypoint للتدريب"
VERIFY_URL = re.compile(r"https?://\S+/certificates/verify/\S+/")
ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]")


def _t(language: str, message: str) -> str:
    """An interface string as the site writes it in ``language`` (and translated)."""
    with translation.override(language):
        text = translation.gettext(message)
    assert text != message, f"{message!r} has no translation into {language}"
    return text


def _translate_quiz(quiz, language: str) -> None:
    """The quiz translated as a trainer does (``tests/assessments/test_translated_quiz``)."""
    copy = translate(quiz, language, subtree=False)
    copy.title = QUIZ[language]
    text, right, wrong = QUESTION[language]
    question = copy.questions[0].value
    question["text"] = text
    wrong_texts = iter(wrong)
    for option in question["options"]:
        option["text"] = right if option["is_correct"] else next(wrong_texts)
        option["feedback"] = ""
    copy.save_revision().publish()


def _course():
    """One module of three lessons and its quiz, in English, French and Arabic. The
    certificate is the standard one in Arabic (certificates migration 0012)."""
    course = make_course(modules=1, lessons=3, title=COURSE["en"])
    text, right, wrong = QUESTION["en"]
    quiz = make_quiz(
        module=lessons_of(course)[0].get_parent().specific,
        title=QUIZ["en"],
        questions=[single(text=text, right=right, wrong=wrong)],
        pass_mark=100,
    )
    for language in ("fr", "ar"):
        retitle(translate(course, language), COURSE[language])
        target = locale(language)
        retitle(lessons_of(course)[0].get_parent().get_translation(target), MODULE[language])
        for number, lesson in enumerate(lessons_of(course), start=1):
            retitle(
                lesson.get_translation(target),
                f"{LESSON[language]} {number}",
                body=[("rich_text", BODY[language])],
            )
        _translate_quiz(quiz, language)
    return course


@pytest.fixture
def page(browser, viewport):
    """A browser that asks for French, at the test's size. It ignores the site's
    Content-Security-Policy so that axe-core can be injected (``test_accessibility``)."""
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": viewport[0], "height": viewport[1]},
        bypass_csp=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    yield page
    context.close()


def _looked_at(page: Page, language: str, name: str, viewport) -> None:
    """The page is wholly in ``language``, in its direction, and passes axe-core; a
    screenshot of it is kept."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    left_in_english = _interface_texts(page) & ENGLISH_INTERFACE
    assert not left_in_english, f"{name} in {language}: {sorted(left_in_english)}"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOT_DIR / f"translated-journey-{viewport[0]}-{name}.png"), full_page=True
    )
    violations = _blocking_violations(page)
    assert not violations, f"{name} in {language}:\n{_describe(violations)}"


def _answer_quiz(page: Page, language: str, answer: str, viewport, name: str) -> None:
    text, _right, _wrong = QUESTION[language]
    fieldset = page.locator("fieldset.question").filter(has=page.locator("legend", has_text=text))
    fieldset.get_by_label(answer).check()
    expect(fieldset.locator(".question__status")).to_have_text(_t(language, "Saved"))
    _looked_at(page, language, f"{name}-attempt", viewport)
    page.get_by_role("button", name=_t(language, "Review and submit")).click()
    expect(
        page.get_by_role("heading", name=_t(language, "Summary of your attempt"))
    ).to_be_visible()
    _looked_at(page, language, f"{name}-summary", viewport)
    page.get_by_role("button", name=_t(language, "Submit all and finish")).click()


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_a_french_visitor_signs_up_switches_to_arabic_and_gets_an_arabic_certificate(
    page, live_server, mailoutbox, step, viewport
):
    _course()
    fr, ar = "fr", "ar"

    with step("sign-up-in-french"):
        page.goto(live_server.url + "/accounts/signup/")
        expect(page.get_by_role("heading", level=1)).to_have_text(_t(fr, "Sign Up"))
        _looked_at(page, fr, "01-sign-up", viewport)
        page.get_by_label(_t(fr, "Full name")).fill(FULL_NAME)
        page.get_by_label(_t(fr, "Email")).fill(EMAIL)
        page.locator("#id_password1").fill(PASSWORD)
        page.locator("#id_password2").fill(PASSWORD)
        page.get_by_role("main").get_by_role("button", name=_t(fr, "Sign Up")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            _t(fr, "Verify Your Email Address")
        )
        _looked_at(page, fr, "02-verify-sent", viewport)

    with step("confirm-address"):
        assert [mail.to for mail in mailoutbox] == [[EMAIL]]
        link = CONFIRMATION_URL.search(mailoutbox[0].body)
        assert link, mailoutbox[0].body
        page.goto(on_live_server(link.group(0), live_server.url))
        _looked_at(page, fr, "03-confirm", viewport)
        page.get_by_role("button", name=_t(fr, "Confirm")).click()
        confirmed = _t(fr, "You have confirmed %(email)s.") % {"email": EMAIL}
        expect(page.get_by_text(confirmed)).to_be_visible()
        _looked_at(page, fr, "04-confirmed", viewport)

    with step("catalogue-and-enrol-in-french"):
        page.goto(live_server.url + "/courses/")
        page.get_by_role("link", name=COURSE[fr]).first.click()
        expect(page.get_by_role("heading", name=COURSE[fr], level=1)).to_be_visible()
        page.get_by_role("button", name=_t(fr, "Enrol in this course")).click()
        expect(page.locator(".enrol-box")).to_be_visible()
        _looked_at(page, fr, "05-course-enrolled", viewport)
        page.get_by_role("link", name=_t(fr, "Start the course")).click()

    pager = page.get_by_role("navigation", name=_t(fr, "Lesson navigation"))
    with step("two-lessons-in-french"):
        for number in (1, 2):
            expect(page.get_by_role("heading", name=f"Leçon {number}", level=1)).to_be_visible()
            _looked_at(page, fr, f"06-lesson-{number}", viewport)
            # Done is sent by script, which then opens the next page: wait for it.
            with page.expect_navigation():
                pager.get_by_role(
                    "button", name=re.compile(re.escape(_t(fr, "Done, next lesson")))
                ).click()
        expect(page.get_by_role("heading", name="Leçon 3", level=1)).to_be_visible()

    with step("switch-to-arabic-on-the-course-page"):
        page.locator(".breadcrumb").get_by_role("link", name=COURSE[fr]).click()
        expect(page.get_by_role("heading", name=COURSE[fr], level=1)).to_be_visible()
        expect(page.locator(".step--done")).to_have_count(2)
        page.locator(".content-languages button[value='ar']").click()
        expect(page.get_by_role("heading", name=COURSE[ar], level=1)).to_be_visible()
        done = page.locator(".step--done")
        expect(done).to_have_count(2)
        expect(done.first).to_contain_text("الدرس 1")
        _looked_at(page, ar, "07-course-in-arabic", viewport)
        page.get_by_role("link", name=_t(ar, "Continue where you left off")).click()

    with step("last-lesson-in-arabic"):
        expect(page.get_by_role("heading", name="الدرس 3", level=1)).to_be_visible()
        _looked_at(page, ar, "08-lesson-3", viewport)
        pager = page.get_by_role("navigation", name=_t(ar, "Lesson navigation"))
        with page.expect_navigation():
            pager.get_by_role(
                "button", name=re.compile(re.escape(_t(ar, "Done, next step")))
            ).click()

    with step("quiz-in-arabic-failed-once"):
        expect(page.get_by_role("heading", name=QUIZ[ar], level=1)).to_be_visible()
        expect(page.locator(".breadcrumb")).to_have_text(COURSE[ar])
        _looked_at(page, ar, "09-quiz", viewport)
        page.get_by_role("button", name=_t(ar, "Start the quiz")).click()
        _answer_quiz(page, ar, QUESTION[ar][2][0], viewport, "10-first")
        expect(page.get_by_role("heading", name=_t(ar, "Not passed yet"))).to_be_visible()
        expect(page.locator(".breadcrumb")).to_have_text(QUIZ[ar])
        _looked_at(page, ar, "11-result-not-passed", viewport)

    with step("try-again-in-arabic"):
        # Try again opens the quiz in the language it was taken in, not the original.
        page.get_by_role("button", name=_t(ar, "Try again")).click()
        _answer_quiz(page, ar, QUESTION[ar][1], viewport, "12-second")
        expect(page.get_by_role("heading", name=_t(ar, "Passed"), exact=True)).to_be_visible()
        way_on = page.locator(".way-on__done")
        expect(way_on).to_contain_text(COURSE[ar])
        _looked_at(page, ar, "13-result-passed", viewport)

    with step("certificate-in-arabic"):
        expect(page.get_by_role("link", name=_t(ar, "Download your certificate"))).to_be_visible()
        main = page.get_by_role("navigation", name=_t(ar, "Main"))
        main.get_by_role("link", name=_t(ar, "My learning")).click()
        certificates = page.get_by_role("region", name=_t(ar, "Certificates"))
        expect(certificates.get_by_role("heading", name=COURSE[ar])).to_be_visible()
        completed = page.get_by_role("region", name=_t(ar, "Completed"))
        expect(completed.get_by_role("heading", name=COURSE[ar])).to_be_visible()
        _looked_at(page, ar, "14-my-learning", viewport)
        pdf_link = certificates.get_by_role(
            "link", name=re.compile(re.escape(_t(ar, "Download PDF")))
        )
        with page.expect_download() as download:
            pdf_link.click()
        pdf = Path(download.value.path())
        assert pdf.read_bytes().startswith(b"%PDF-")
        text = extracted_text(pdf, layout=False)
        assert COURSE[ar] in text and ARABIC_TEMPLATE_TITLE in text, text
        assert COURSE["en"] not in text and COURSE[fr] not in text, text

    with step("certificate-mail-in-arabic"):
        certificate_mails = [mail for mail in mailoutbox if mail.attachments]
        assert len(certificate_mails) == 1, [mail.subject for mail in mailoutbox]
        mail = certificate_mails[0]
        assert mail.to == [EMAIL] and COURSE[ar] in mail.subject and COURSE[ar] in mail.body
        assert ARABIC_LETTERS.search(mail.body.replace(COURSE[ar], ""))
        assert _t(ar, "Hello,") in mail.body
        mailed_verify_url = VERIFY_URL.search(mail.body).group(0)

    with step("verification-page"):
        page.get_by_role("link", name=_t(ar, "Verification link to share")).click()
        assert urlsplit(page.url).path == urlsplit(mailed_verify_url).path
        expect(page.get_by_role("heading", name=_t(ar, "Valid certificate"))).to_be_visible()
        expect(page.get_by_text(COURSE[ar])).to_be_visible()
        _looked_at(page, ar, "15-verification", viewport)
        # Anyone with the link (here a browser that asks for French) sees it valid.
        page.context.clear_cookies()
        page.reload()
        expect(page.get_by_role("heading", name=_t(fr, "Valid certificate"))).to_be_visible()
        expect(page.get_by_text(COURSE[ar])).to_be_visible()
        # The certificate's Arabic wording keeps its own direction in a French page.
        for value in (COURSE[ar], ARABIC_ISSUER):
            expect(page.locator("dd", has_text=value)).to_have_attribute("dir", "auto")
        _looked_at(page, fr, "16-verification-signed-out", viewport)
