"""Who may reach what: the expected outcome of every URL for every role (issue 6, item 4).

One row per URL, one column per role, in the order of ``ROLES``:

    anon   signed out
    lrn    the learner (unit A) who owns the enrolment, attempt and certificate
    oth    another learner (unit B)
    trn    a trainer            lead   a lead trainer
    mgA    the manager of unit A        mgB    the manager of unit B
    adm    an administrator (the Administrators group, not a superuser)

``A`` = allowed: 200 (or 201, 204), a redirect that is not a refusal, and for a POST also a
400 or 409 (the request reached the view, which refused the body, not the person).
``D`` = denied: a redirect to a sign-in page, 403, 404, Wagtail's "no permission" redirect
to the admin home, or a redirect the row names as its refusal. A denied POST must also
leave the database as it was. ``-`` (rules only) = not asserted for that role.
``hides_learner`` names allowed roles whose scope leaves out unit A (a listing of unit B,
an audit log of other things): the page must not show the learner of unit A.

Paths name the objects of the test's world in braces: ``{attempt}`` is the learner's
submitted attempt, ``{certificate}`` their certificate's code, and so on.

Every pattern of the URLconf is either probed by a row below or covered by a ``Rule``;
``test_every_url_pattern_is_classified`` fails on a pattern that is neither, so a new URL
must be added here before it can ship.
"""

import re
from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "trainer",
    "lead_trainer",
    "manager_a",
    "manager_b",
    "administrator",
)
ROLE_HEADER = "anon lrn oth trn lead mgA mgB adm"

# Our code: every pattern whose view lives here needs a row of its own.
OUR_MODULES = ("accounts.", "assessments.", "certificates.", "config.", "courses.", "home.",
               "reports.", "devtools.", "enrolments.")  # fmt: skip


@dataclass(frozen=True)
class Probe:
    path: str
    expect: str
    method: str = "GET"
    data: dict = field(default_factory=dict)
    refused_to: str = ""  # a redirect to this path is this row's designed refusal
    hides_learner: str = ""  # roles allowed here that must not see the learner of unit A
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def expected(self) -> dict[str, str]:
        return dict(zip(ROLES, self.expect.split(), strict=True))

    def out_of_scope(self) -> tuple[str, ...]:
        short = dict(zip(ROLE_HEADER.split(), ROLES, strict=True))
        return tuple(short[name] for name in self.hides_learner.split())


def get(path, expect, **kwargs) -> Probe:
    return Probe(path, expect, "GET", **kwargs)


def post(path, expect, data=None, **kwargs) -> Probe:
    return Probe(path, expect, "POST", data or {}, **kwargs)


# fmt: off
#                                                                 anon lrn oth trn lead mgA mgB adm
PROBES = [
    # --- public site --------------------------------------------------------------------
    get("/healthz",                                                  "A A A A A A A A"),
    get("/",                                                         "A A A A A A A A"),
    get("/courses/",                                                 "A A A A A A A A"),
    get("{course_url}",                                              "A A A A A A A A"),
    get("{module_url}",                                              "A A A A A A A A"),
    get("{lesson_url}",                                              "D A D A A D D A",
        refused_to="{course_url}", note="editors of the catalogue may read any lesson"),
    get("{approval_course_url}",                                     "A A A A A A A A"),
    post("/i18n/setlang/",                                           "A A A A A A A A",
         {"language": "fr", "next": "/"}),
    get("/documents/{document}/{document_filename}",                 "A A A A A A A A",
        note="documents of the public root collection are public, as lesson media"),
    get("/documents/authenticate_with_password/999999/",             "D D D D D D D D",
        note="Waypoint has no password-protected collections: nothing to reach"),
    get("/_util/authenticate_with_password/999999/{course}/",        "D D D D D D D D",
        note="Waypoint has no password-protected pages: nothing to reach"),
    get("/_util/login/",                                             "D D D D D D D D",
        note="forwards to the allauth sign-in (MFA, throttling), never a password form"),
    post("/_util/login/",                                            "D D D D D D D D",
         {"username": "{administrator_email}", "password": "correct-horse-battery"}),
    # --- certificates: verification is public, the PDF and recertifying are the holder's ---
    get("/certificates/verify/",                                     "A A A A A A A A"),
    get("/certificates/verify/{certificate}/",                       "A A A A A A A A"),
    get("/certificates/verify/{certificate}.json",                   "A A A A A A A A"),
    get("/certificates/{certificate}/pdf/",                          "D A D D D D D D"),
    post("/certificates/{certificate}/recertify/",                   "D A D D D D D D"),
    # --- the learner's own account and learning ------------------------------------------
    get("/accounts/profile/",                                        "D A A A A A A A"),
    post("/accounts/profile/",                                       "D A A A A A A A",
         {"full_name": ""}),
    post("/accounts/profile/export/",                                "D A A A A A A A"),
    get("/accounts/profile/delete/",                                 "D A A A A A A A",
        note="staff see why they cannot close their own account"),
    post("/accounts/profile/delete/",                                "D A A D D D D D",
         {"password": "wrong"}, note="staff accounts are closed by an administrator"),
    get("/accounts/deleted/",                                        "A A A A A A A A"),
    get("/learning/",                                                "D A A A A A A A"),
    post("/learning/courses/{course}/enrol/",                        "D A A A A A A A"),
    post("/learning/courses/{approval_course}/request/",             "D A A A A A A A"),
    post("/learning/courses/{approval_course}/request/withdraw/",    "D A A A A A A A"),
    post("/learning/lessons/{lesson}/complete/",                     "D A A A A A A A",
         note="acts on the signed-in person's own enrolment only"),
    get("/learning/quizzes/{quiz}/",                                 "D A A A A A A A"),
    post("/learning/quizzes/{quiz}/start/",                          "D A A A A A A A",
         note="starts the signed-in person's own attempt, if enrolled"),
    get("/learning/attempts/{attempt}/",                             "D A D D D D D D"),
    post("/learning/attempts/{attempt}/answer/",                     "D A D D D D D D"),
    post("/learning/attempts/{attempt}/submit/",                     "D A D D D D D D"),
    get("/learning/attempts/{attempt}/result/",                      "D A D D D D D D"),
    # --- a course private to the Managers group (Wagtail privacy), issue 12 finding 1 -------
    # The learner enrolled and began the quiz before it was made private; only the two
    # managers are in the group. Editors are refused too: privacy holds on the site for all.
    get("{restricted_course_url}",                                   "D D D D D A A D"),
    get("{restricted_lesson_url}",                                   "D D D D D D D D",
        refused_to="{restricted_course_url}", note="the managers are not enrolled"),
    post("/learning/courses/{restricted_course}/enrol/",             "D D D D D A A D"),
    post("/learning/lessons/{restricted_lesson}/complete/",          "D D D D D A A D",
         note="the managers are told to enrol first (a redirect to the lesson)"),
    get("/learning/quizzes/{restricted_quiz}/",                      "D D D D D A A D"),
    post("/learning/quizzes/{restricted_quiz}/start/",               "D D D D D A A D",
         note="the managers are told to enrol first"),
    get("/learning/attempts/{restricted_attempt}/",                  "D D D D D D D D"),
    post("/learning/attempts/{restricted_attempt}/answer/",          "D D D D D D D D"),
    post("/learning/attempts/{restricted_attempt}/submit/",          "D D D D D D D D"),
    get("/learning/attempts/{restricted_attempt}/result/",           "D D D D D D D D"),
    # --- Wagtail admin: home, pages ----------------------------------------------------------
    get("/admin/login/",                                             "D D D D D D D D",
        note="forwards signed-out people to the allauth sign-in; 403 when signed in"),
    get("/admin/",                                                   "D D D A A A A A"),
    get("/admin/pages/",                                             "D D D A A D D A"),
    get("/admin/pages/{catalogue}/",                                 "D D D A A D D A"),
    get("/admin/pages/{course}/edit/",                               "D D D A A D D A"),
    get("/admin/pages/add/courses/coursepage/{catalogue}/",          "D D D A A D D A"),
    get("/admin/pages/{course}/unpublish/",                          "D D D D A D D A"),
    get("/admin/pages/{course}/delete/",                             "D D D D D D D D",
        refused_to="/admin/pages/{course}/edit/",
        note="a course with learners is never deleted, only unpublished"),
    get("/admin/pages/{approval_module}/delete/",                    "D D D D D D D A"),
    get("/admin/pages/{course}/move/",                               "D D D D A D D A"),
    get("/admin/pages/{course}/history/",                            "D D D A A D D A"),
    get("/admin/reports/site-history/",                              "D D D A A A A A",
        hides_learner="trn lead mgB", note="each sees entries about what they may see"),
    get("/admin/reports/workflow/",                                  "D D D A A D D A"),
    get("/admin/workflows/list/",                                    "D D D D D D D D",
        note="the moderation workflow is set up by a data migration; superusers only"),
    get("/admin/users/",                                             "D D D D D D D A"),
    get("/admin/users/edit/{learner}/",                              "D D D D D D D A"),
    get("/admin/users/new/",                                         "D D D D D D D A"),
    get("/admin/users/results/",                                     "D D D D D D D A"),
    get("/admin/users/copy/{learner}/",                              "D D D D D D D A",
        note="a second creation form: no superuser field but for superusers"),
    get("/django-admin/accounts/user/{learner}/password/",           "D D D D D D D D",
        note="superusers only; the person is told of the new password"),
    get("/admin/users/delete/{learner}/",                            "D D D D D D D D"),
    get("/admin/groups/",                                            "D D D D D D D A"),
    get("/admin/logout/",                                            "D D D A A A A A",
        note="a GET signs nobody out: it goes on to allauth's page, which asks; POST signs out"),
    get("/admin/documents/",                                         "D D D A A D D A"),
    get("/admin/documents/edit/{document}/",                         "D D D A A D D A"),
    get("/admin/images/",                                            "D D D A A D D A"),
    get("/admin/images/{image}/",                                    "D D D A A D D A"),
    # --- manager reports, exports and transcripts ----------------------------------------------
    get("/admin/reports/courses/",                                   "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/courses/?export=csv",                        "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/courses/?export=xlsx",                       "D D D D D A A A"),
    get("/admin/reports/units/",                                     "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/learners/",                                  "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/learners/?export=csv",                       "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/learners/{learner}/",                        "D D D D D A D A"),
    get("/admin/reports/overdue/",                                   "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/reports/overdue/?export=xlsx",                       "D D D D D A A A"),
    post("/admin/reports/learners/?export=xlsx",                     "D D D D D A A A"),
    # --- assignments ---------------------------------------------------------------------
    get("/admin/assignments/assign/",                                "D D D D D A A A",
        hides_learner="mgB"),
    post("/admin/assignments/assign/",                               "D D D D D A A A"),
    get("/admin/assignments/import/",                                "D D D D D A A A"),
    post("/admin/assignments/import/",                               "D D D D D A A A"),
    # --- approvals, organisations, cohorts --------------------------------------------------
    get("/admin/enrolment-requests/",                                "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/enrolment-requests/results/",                        "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/enrolment-requests/{enrollment_request}/",           "D D D D D A D A"),
    post("/admin/enrolment-requests/{enrollment_request}/",          "D D D D D A D A",
         {"decision": "approve"}),
    get("/admin/organisations/",                                     "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/organisations/add/",                                 "D D D D D D D A"),
    post("/admin/organisations/add/",                                "D D D D D D D A"),
    get("/admin/organisations/{unit_a}/",                            "D D D D D A D A"),
    post("/admin/organisations/{unit_a}/",                           "D D D D D A D A"),
    get("/admin/organisations/{unit_a}/edit/",                       "D D D D D D D A"),
    get("/admin/organisations/{unit_a}/delete/",                     "D D D D D D D A"),
    post("/admin/organisations/{unit_a}/delete/",                    "D D D D D D D A"),
    get("/admin/organisations/{unit_a}/managers/",                   "D D D D D D D A"),
    post("/admin/organisations/{unit_a}/managers/",                  "D D D D D D D A",
         {"remove": "{manager_a}"}),
    get("/admin/cohorts/",                                           "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/cohorts/results/",                                   "D D D D D A A A",
        hides_learner="mgB"),
    get("/admin/cohorts/add/",                                       "D D D D D A A A"),
    post("/admin/cohorts/add/",                                      "D D D D D A A A"),
    get("/admin/cohorts/{cohort_a}/",                                "D D D D D A D A"),
    post("/admin/cohorts/{cohort_a}/",                               "D D D D D A D A"),
    get("/admin/cohorts/{cohort_a}/edit/",                           "D D D D D A D A"),
    get("/admin/cohorts/{cohort_a}/delete/",                         "D D D D D A D A"),
    post("/admin/cohorts/{cohort_a}/delete/",                        "D D D D D A D A"),
    # --- certificates in the admin -------------------------------------------------------------
    get("/admin/snippets/certificates/certificate/",                 "D D D D D D D A"),
    get("/admin/snippets/certificates/certificate/?export=csv",      "D D D D D D D A"),
    get("/admin/snippets/certificates/certificate/results/",         "D D D D D D D A"),
    get("/admin/snippets/certificates/certificate/inspect/{certificate_id}/", "D D D D D D D A"),
    get("/admin/snippets/certificates/certificate/edit/{certificate_id}/",    "D D D D D D D A"),
    get("/admin/snippets/certificates/certificate/add/",             "D D D D D D D D",
        note="certificates come from completions, never from a form"),
    get("/admin/snippets/certificates/certificate/delete/{certificate_id}/",  "D D D D D D D D"),
    get("/admin/certificates/{certificate_id}/revoke/",              "D D D D D D D A"),
    post("/admin/certificates/{certificate_id}/revoke/",             "D D D D D D D A",
         {"reason": "issued_in_error"}),
    post("/admin/certificates/{certificate_id}/reissue/",            "D D D D D D D A"),
    get("/admin/certificates/course/{course}/zip/",                  "D D D D D D D A"),
    post("/admin/certificates/course/{course}/zip/",                 "D D D D D D D A"),
    get("/admin/snippets/certificates/certificatetemplate/",         "D D D D D D D A"),
    get("/admin/snippets/certificates/certificatetemplate/edit/{template}/", "D D D D D D D A"),
    get("/admin/snippets/certificates/coursecertification/",         "D D D D A D D A"),
    get("/admin/snippets/certificates/coursecertification/add/",     "D D D D A D D A"),
    # --- quizzes, question banks, topics --------------------------------------------------------
    get("/admin/snippets/assessments/quiz/",                         "D D D A A D D A"),
    get("/admin/snippets/assessments/quiz/add/",                     "D D D A A D D A"),
    get("/admin/snippets/assessments/quiz/edit/{quiz}/",             "D D D A A D D A"),
    get("/admin/snippets/assessments/quiz/edit/{bank}/",             "D D D A A D D A"),
    get("/admin/snippets/assessments/quiz/delete/{quiz}/",           "D D D D A D D A"),
    get("/admin/quizzes/import-gift/",                               "D D D A A D D A"),
    post("/admin/quizzes/import-gift/",                              "D D D A A D D A"),
    get("/admin/quizzes/{quiz}/gift/",                               "D D D A A D D A"),
    get("/admin/quizzes/{quiz}/analysis/",                           "D D D A A D D A"),
    get("/admin/snippets/courses/topic/",                            "D D D A A D D A"),
    get("/admin/snippets/courses/topic/add/",                        "D D D D A D D A"),
    get("/admin/snippets/courses/topic/delete/{topic}/",             "D D D D D D D A"),
    # --- admin choosers and admin API ---------------------------------------------------------
    # A chooser is a listing in a modal: each checks what its listing checks
    # (config.admin_choosers). Certificates: administrators only, as their listing.
    get("/admin/snippets/choose/certificates/certificate/",          "D D D D D D D A"),
    get("/admin/snippets/choose/certificates/certificate/results/?q=Lena", "D D D D D D D A"),
    get("/admin/snippets/choose/certificates/certificate/chosen/{certificate_id}/",
                                                                     "D D D D D D D A"),
    get("/admin/snippets/choose/certificates/certificate/chosen-multiple/?id={certificate_id}",
                                                                     "D D D D D D D A"),
    get("/admin/snippets/choose/certificates/certificate/create/",   "D D D D D D D D",
        note="certificates come from completions, never from a form"),
    get("/admin/bulk/certificates/certificate/delete/?id={certificate_id}", "D D D D D D D D",
        note="the confirmation listed the code and holder of any id to all staff"),
    # Templates: administrators list them; lead trainers choose one in a course's settings.
    get("/admin/snippets/choose/certificates/certificatetemplate/",  "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/certificatetemplate/results/", "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/certificatetemplate/chosen/{template}/",
                                                                     "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/certificatetemplate/chosen-multiple/?id={template}",
                                                                     "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/certificatetemplate/create/", "D D D D D D D A"),
    get("/admin/snippets/choose/certificates/coursecertification/",  "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/coursecertification/results/", "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/coursecertification/chosen/{course_certification}/",
                                                                     "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/coursecertification/chosen-multiple/"
        "?id={course_certification}",                                "D D D D A D D A"),
    get("/admin/snippets/choose/certificates/coursecertification/create/", "D D D D A D D A"),
    get("/admin/snippets/choose/assessments/quiz/",                  "D D D A A D D A"),
    get("/admin/snippets/choose/assessments/quiz/results/",          "D D D A A D D A"),
    get("/admin/snippets/choose/assessments/quiz/chosen/{quiz}/",    "D D D A A D D A"),
    get("/admin/snippets/choose/assessments/quiz/chosen-multiple/?id={quiz}", "D D D A A D D A"),
    get("/admin/snippets/choose/assessments/quiz/create/",           "D D D A A D D A"),
    get("/admin/snippets/choose/courses/topic/",                     "D D D A A D D A",
        note="trainers choose a course's topic"),
    get("/admin/snippets/choose/courses/topic/results/",             "D D D A A D D A"),
    get("/admin/snippets/choose/courses/topic/chosen/{topic}/",      "D D D A A D D A"),
    get("/admin/snippets/choose/courses/topic/chosen-multiple/?id={topic}", "D D D A A D D A"),
    get("/admin/snippets/choose/courses/topic/create/",              "D D D D A D D A"),
    # Documents and images: Wagtail's "choose" (and "add" to upload) collection permission,
    # which managers no longer hold (courses 0005).
    get("/admin/documents/chooser/",                                 "D D D A A D D A"),
    get("/admin/documents/chooser/results/",                         "D D D A A D D A"),
    get("/admin/documents/chooser/chosen/{document}/",               "D D D A A D D A"),
    get("/admin/documents/chooser/chosen-multiple/?id={document}",   "D D D A A A A A",
        note="managers get an empty choice (tests/security/test_admin_choosers.py)"),
    get("/admin/documents/chooser/create/",                          "D D D A A D D A"),
    get("/admin/images/chooser/",                                    "D D D A A D D A"),
    get("/admin/images/chooser/results/",                            "D D D A A D D A"),
    get("/admin/images/chooser/chosen/{image}/",                     "D D D A A D D A"),
    get("/admin/images/chooser/chosen-multiple/?id={image}",         "D D D A A A A A",
        note="managers get an empty choice (tests/security/test_admin_choosers.py)"),
    get("/admin/images/chooser/create/",                             "D D D A A D D A"),
    get("/admin/images/chooser/{image}/select_format/",              "D D D A A D D A"),
    # Pages: for people who edit pages (and the quizzes and course settings that point at them).
    get("/admin/choose-page/",                                       "D D D A A D D A"),
    get("/admin/choose-page/{catalogue}/",                           "D D D A A D D A"),
    get("/admin/choose-page/search/?q=Matrix",                       "D D D A A D D A"),
    get("/admin/choose-page/chosen-multiple/?id={course}",           "D D D A A A A A",
        note="Wagtail checks nothing here: the titles and URLs of the pages asked for by id "
             "(no personal data; issue 12 notes)"),
    get("/admin/choose-external-link/",                              "D D D A A A A A",
        note="the link choosers are forms with no data"),
    get("/admin/choose-email-link/",                                 "D D D A A A A A"),
    get("/admin/choose-phone-link/",                                 "D D D A A A A A"),
    get("/admin/choose-anchor-link/",                                "D D D A A A A A"),
    get("/admin/embeds/chooser/",                                    "D D D A A A A A",
        note="a form for a video address; no data"),
    post("/admin/embeds/chooser/upload/",                            "D D D A A A A A",
         {"embed-chooser-url": ""}),
    get("/admin/workflows/task_chooser/",                            "D D D A A A A A",
        note="workflow task names only; creating one needs Wagtail's add_task (superusers)"),
    get("/admin/workflows/task_chooser/results/",                    "D D D A A A A A"),
    get("/admin/workflows/task_chooser/create/",                     "D D D A A A A A"),
    get("/admin/workflows/task_chooser/{task}/",                     "D D D A A A A A"),
    get("/admin/tag-autocomplete/?term=a",                           "D D D A A A A A",
        note="tag names of documents and images"),
    get("/admin/tag-autocomplete/wagtaildocs/document/?term=a",      "D D D D D D D D",
        note="answers 404 for models that are not taggable"),
    # Wagtail's admin API: pages as the explorer shows them, files as the choosers do.
    get("/admin/api/main/pages/",                                    "D D D A A A A A",
        note="managers get an empty listing: they may explore no page"),
    get("/admin/api/main/pages/{course}/",                           "D D D A A D D A"),
    get("/admin/api/main/pages/find/?html_path=/",                   "D D D A A D D A"),
    post("/admin/api/main/pages/{course}/action/unpublish/",         "D D D D A D D A"),
    get("/admin/api/main/documents/",                                "D D D A A A A A",
        note="managers get an empty listing (tests/security/test_admin_choosers.py)"),
    get("/admin/api/main/documents/{document}/",                     "D D D A A D D A"),
    get("/admin/api/main/documents/find/?id={document}",             "D D D A A D D A"),
    get("/admin/api/main/images/",                                   "D D D A A A A A",
        note="managers get an empty listing (tests/security/test_admin_choosers.py)"),
    get("/admin/api/main/images/{image}/",                           "D D D A A D D A"),
    get("/admin/api/main/images/find/?id={image}",                   "D D D A A D D A"),
]
# fmt: on


DJANGO_ADMIN_VIEWS = ("django.", "treebeard.", "taggit.", "django_celery_beat.")


@dataclass(frozen=True)
class Rule:
    """Third-party patterns covered together: every pattern the rule matches is requested
    (with placeholder ids) as the roles whose expectation is not ``-``."""

    name: str
    route: str  # a regular expression on the pattern's full route
    views: tuple[str, ...]  # where the views live (module prefixes)
    expect: str
    why: str

    def matches(self, route: str, view: str) -> bool:
        return bool(re.match(self.route, route)) and view.startswith(self.views)

    def expected(self) -> dict[str, str]:
        return {
            role: letter
            for role, letter in zip(ROLES, self.expect.split(), strict=True)
            if letter != "-"
        }


# fmt: off
#    name                              route (regular expression)    view modules
#                                      anon lrn oth trn lead mgA mgB adm    why
RULES = [
    Rule("Django admin: sign-out, translations",
         r"django-admin/(logout/|accounts/organisation/jsi18n/)$", ("django.",),
         "A A A A A A A A", "signing oneself out; the tree widget's translations (no data)"),
    Rule("Django admin", r"django-admin/", DJANGO_ADMIN_VIEWS,
         "D D D D D D D D", "superusers only: none of the eight roles is staff or superuser"),
    Rule("allauth sign-in pages",
         r"accounts/(login/$|logout/$|signup/$|inactive/$|confirm-email/|password/reset/)",
         ("allauth.",),
         "A - - - - - - -", "public: signing in and out, signing up, confirming an "
                            "address, resetting a password"),
    Rule("allauth account pages", r"accounts/", ("allauth.",),
         "D - - - - - - -", "signed-in only: each person's own e-mail, password and "
                            "two-factor methods; nothing in them names another person"),
    Rule("Wagtail admin: icons, translations", r"admin/(sprite|jsi18n)/$", ("wagtail.",),
         "A A A - - - - -", "public assets of the admin's sign-in page (no data)"),
    Rule("Wagtail admin: password reset", r"admin/password_reset/", ("wagtail.",),
         "D D D - - - - -", "switched off (WAGTAIL_PASSWORD_RESET_ENABLED): allauth's "
                            "rate-limited reset is the only one"),
    Rule("Wagtail admin", r"admin/", ("wagtail.", "django.views.generic."),
         "D D D - - - - -", "staff only (wagtailadmin.access_admin); inside, Wagtail's own "
                            "permission policies decide, and the views that matter to "
                            "Waypoint have rows of their own above"),
]
# fmt: on
