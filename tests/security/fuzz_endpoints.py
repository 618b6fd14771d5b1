"""The world the POST fuzz (test_post_fuzz.py) acts on, a learner and a manager with the
records the form endpoints change, and those endpoints: the address, the role that sends
the form and its valid fields, which the payloads of fuzz_payloads.py turn hostile."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from accounts import roles
from accounts.models import Cohort, MembershipRequest, Organisation, User
from accounts.services import membership_request_create
from assessments import questions as q
from assessments.models import Attempt
from assessments.services import attempt_start
from certificates.models import Certificate, CourseCertification
from certificates.services import certificate_issue
from courses.models import EnrollmentRequest, ModulePage
from courses.services import enrollment_create, enrollment_request_create
from tests.factories.accounts import UserFactory
from tests.factories.approvals import approval_course
from tests.factories.assessments import make_quiz, numeric, short_text, single
from tests.factories.assignments import complete, make_cohort, make_manager, make_tree
from tests.factories.courses import lessons_of, make_course

PASSWORD = "correct-horse-battery"
DUE = (timezone.localdate() + timedelta(days=30)).isoformat()


@dataclass
class World:
    learner: User
    manager: User
    open_course: object
    course: object
    lesson: object
    quiz_to_start: object
    attempt: Attempt
    approval_course: object
    requested_course: object
    request: EnrollmentRequest
    certificate: Certificate
    unit: Organisation
    cohort: Cohort
    membership_request: MembershipRequest


def _build_world() -> World:
    tree = make_tree()
    manager = make_manager(tree.police, email="manager@example.org")
    learner = UserFactory(
        email="learner@example.org", organisation=tree.airport, roles=[roles.LEARNERS]
    )
    course = make_course(modules=2, lessons=1, title="Document examination")
    first, second = ModulePage.objects.child_of(course).order_by("path")
    quiz_to_start = make_quiz(module=first, title="Module 1 quiz")
    quiz_taken = make_quiz(
        module=second,
        title="Module 2 quiz",
        questions=[
            single(),
            short_text(),
            numeric(value="2.5", tolerance="0.5"),
            q.QuestionData(
                type=q.MULTIPLE,
                text="Which are travel documents?",
                choices=[
                    q.ChoiceData(text="Passport", is_correct=True),
                    q.ChoiceData(text="Laissez-passer", is_correct=True),
                    q.ChoiceData(text="Library card"),
                ],
                partial_credit=True,
            ),
            q.QuestionData(
                type=q.MATCHING,
                text="Match the zone to its content.",
                choices=[
                    q.ChoiceData(text="Visual zone", match_text="Photo", is_correct=True),
                    q.ChoiceData(text="MRZ", match_text="Check digits", is_correct=True),
                ],
                partial_credit=True,
            ),
        ],
    )
    enrollment_create(user=learner, course=course)
    attempt = attempt_start(user=learner, quiz=quiz_taken)

    requested = approval_course(title="Asylum interviews")
    request = enrollment_request_create(user=learner, course=requested, message="Please.")

    certified = make_course(modules=1, lessons=1, title="Integrated border management")
    CourseCertification.objects.create(course=certified, validity_months=24)
    certificate = certificate_issue(enrollment=complete(learner, certified))
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=30)
    )
    return World(
        learner=learner,
        manager=manager,
        open_course=make_course(modules=1, lessons=1, title="Counter-trafficking basics"),
        course=course,
        lesson=lessons_of(course)[0],
        quiz_to_start=quiz_to_start,
        attempt=attempt,
        approval_course=approval_course(title="Migration data"),
        requested_course=requested,
        request=request,
        certificate=certificate,
        unit=tree.airport,
        cohort=make_cohort("Airport intake", tree.airport, members=[learner]),
        membership_request=membership_request_create(
            user=UserFactory(email="joiner@example.org", roles=[roles.LEARNERS]),
            unit=tree.land,
        ),
    )


# --- the endpoints --------------------------------------------------------------------------


@dataclass
class Endpoint:
    name: str
    method: str
    url: Callable[[World], str]
    role: str | None  # a World attribute, or None for an anonymous visitor
    fields: Callable[[World], dict[str, str]] = lambda world: {}
    multipart: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def _answers(world: World) -> dict[str, str]:
    fields = {}
    for item in world.attempt.frozen["questions"]:
        key = f"q{item['id']}"
        if item["type"] == q.MATCHING:
            for choice in item["choices"]:
                fields[f"{key}-{choice['id']}"] = "Photo"
        elif item["type"] in (q.SINGLE, q.MULTIPLE):
            fields[key] = str(item["choices"][0]["id"])
        else:
            fields[key] = "2.5"
    return fields


def _report_filters(world: World) -> dict[str, str]:
    return {
        "course": str(world.course.pk),
        "topic": str(world.course.topic_id),
        "unit": str(world.unit.pk),
        "cohort": str(world.cohort.pk),
        "enrolled_from": "2020-01-01",
        "enrolled_to": DUE,
        "status": "in_progress",
        "ordering": "-completed",
        "p": "1",
        "q": "border",
    }


def _report(path: str) -> Endpoint:
    return Endpoint(
        f"report filters {path} (GET)", "get", lambda w: path, "manager", _report_filters
    )


ENDPOINTS = [
    Endpoint(
        "signup",
        "post",
        lambda w: "/accounts/signup/",
        None,
        lambda w: {
            "email": "new@example.org",
            "password1": "a-long-Passphrase-9",
            "password2": "a-long-Passphrase-9",
            "full_name": "Nadia Rahman",
            "organisation": str(w.unit.pk),
        },
    ),
    Endpoint(
        "login",
        "post",
        lambda w: "/accounts/login/",
        None,
        lambda w: {"login": "learner@example.org", "password": PASSWORD, "remember": "on"},
    ),
    Endpoint(
        "password reset",
        "post",
        lambda w: "/accounts/password/reset/",
        None,
        lambda w: {"email": "learner@example.org"},
    ),
    Endpoint(
        "profile edit",
        "post",
        lambda w: "/accounts/profile/",
        "learner",
        lambda w: {
            "full_name": "Amina Haddad",
            "preferred_language": "fr",
            "organisation": str(w.unit.pk),
        },
    ),
    Endpoint(
        "ask to join a unit",
        "post",
        lambda w: "/accounts/profile/unit/",
        "learner",
        lambda w: {"unit": str(w.cohort.organisation.get_parent().pk)},
    ),
    Endpoint(
        "unit request withdraw", "post", lambda w: "/accounts/profile/unit/withdraw/", "learner"
    ),
    Endpoint("enrol", "post", lambda w: f"/learning/courses/{w.open_course.pk}/enrol/", "learner"),
    Endpoint(
        "enrolment request",
        "post",
        lambda w: f"/learning/courses/{w.approval_course.pk}/request/",
        "learner",
        lambda w: {"message": "I start at the airport next month."},
    ),
    Endpoint(
        "enrolment request withdraw",
        "post",
        lambda w: f"/learning/courses/{w.requested_course.pk}/request/withdraw/",
        "learner",
    ),
    Endpoint(
        "step complete",
        "post",
        lambda w: f"/learning/lessons/{w.lesson.pk}/complete/",
        "learner",
        lambda w: {"next": w.lesson.url},
    ),
    Endpoint(
        "quiz start", "post", lambda w: f"/learning/quizzes/{w.quiz_to_start.pk}/start/", "learner"
    ),
    Endpoint(
        "quiz answer save",
        "post",
        lambda w: f"/learning/attempts/{w.attempt.pk}/answer/",
        "learner",
        _answers,
    ),
    Endpoint(
        "quiz answer save (fetch)",
        "post",
        lambda w: f"/learning/attempts/{w.attempt.pk}/answer/",
        "learner",
        lambda w: {"question": str(w.attempt.frozen["questions"][1]["id"]), **_answers(w)},
        headers={"x-requested-with": "fetch"},
    ),
    Endpoint(
        "quiz submit (to the summary)",
        "post",
        lambda w: f"/learning/attempts/{w.attempt.pk}/submit/",
        "learner",
        _answers,
    ),
    Endpoint(
        "quiz submit (confirmed)",
        "post",
        lambda w: f"/learning/attempts/{w.attempt.pk}/submit/",
        "learner",
        lambda w: {**_answers(w), "finish": "confirmed"},
    ),
    Endpoint(
        "certificate verify form (GET)",
        "get",
        lambda w: "/certificates/verify/",
        None,
        lambda w: {"code": w.certificate.code},
    ),
    Endpoint(
        "certificate verify form (POST)",
        "post",
        lambda w: "/certificates/verify/",
        None,
        lambda w: {"code": w.certificate.code},
    ),
    Endpoint(
        "certificate file check",
        "post",
        lambda w: "/certificates/verify/file/",
        None,
        lambda w: {"file": w.certificate.code},
    ),
    Endpoint(
        "certificate file check (JSON)",
        "post",
        lambda w: "/certificates/verify/file.json",
        None,
        lambda w: {"file": w.certificate.code},
    ),
    Endpoint(
        "recertify",
        "post",
        lambda w: f"/certificates/{w.certificate.code}/recertify/",
        "learner",
    ),
    Endpoint("privacy export", "post", lambda w: "/accounts/profile/export/", "learner"),
    Endpoint(
        "privacy delete",
        "post",
        lambda w: "/accounts/profile/delete/",
        "learner",
        lambda w: {"password": PASSWORD, "confirm": "on"},
    ),
    Endpoint(
        "manager assignment form",
        "post",
        lambda w: "/admin/assignments/assign/",
        "manager",
        lambda w: {
            "course": str(w.open_course.pk),
            "due_date": DUE,
            "target": "unit",
            "organisation": str(w.unit.pk),
            "cohort": str(w.cohort.pk),
            "confirm": "1",
        },
    ),
    Endpoint(
        "manager CSV upload",
        "post",
        lambda w: "/admin/assignments/import/",
        "manager",
        lambda w: {"course": str(w.open_course.pk), "due_date": DUE},
        multipart=True,
    ),
    Endpoint(
        "manager CSV import confirm",
        "post",
        lambda w: "/admin/assignments/import/",
        "manager",
        lambda w: {"token": "A" * 32},
    ),
    Endpoint(
        "approval decide",
        "post",
        lambda w: f"/admin/enrolment-requests/{w.request.pk}/",
        "manager",
        lambda w: {"decision": "approve", "note": "Welcome."},
    ),
    Endpoint(
        "unit request decide",
        "post",
        lambda w: f"/admin/unit-requests/{w.membership_request.pk}/",
        "manager",
        lambda w: {"decision": "approve", "note": "Welcome."},
    ),
    # The four reports share one filter form: one summary report and one list of enrolments.
    _report("/admin/reports/courses/"),
    _report("/admin/reports/learners/"),
]
