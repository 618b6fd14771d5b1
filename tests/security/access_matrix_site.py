"""The access matrix's rows for the site: public pages, certificates, the learner's own
account and learning, and a course private to the Managers group. Part of
``access_matrix_table`` (``PROBES``), whose docstring explains the columns and letters."""

from tests.security.access_matrix_base import get, post

# fmt: off
#                                                                 anon lrn oth trn lead mgA mgB adm
SITE_PROBES = [
    # --- public site --------------------------------------------------------------------
    get("/healthz",                                                  "A A A A A A A A"),
    get("/readyz",                                                   "A A A A A A A A"),
    get("/metrics",                                                  "D D D D D D D D",
        note="only the monitoring system's bearer token (METRICS_TOKEN) opens it"),
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
    post("/accounts/profile/unit/",                                  "D A A A A A A A",
         {"unit": "{unit_b}"}, note="asking to join a unit changes no unit: its managers decide"),
    post("/accounts/profile/unit/withdraw/",                         "D A A A A A A A",
         note="withdraws the person's own request only"),
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
    get("/learning/attempts/{attempt}/summary/",                     "D A D D D D D D"),
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
    get("/learning/attempts/{restricted_attempt}/summary/",          "D D D D D D D D"),
    post("/learning/attempts/{restricted_attempt}/submit/",          "D D D D D D D D"),
    get("/learning/attempts/{restricted_attempt}/result/",           "D D D D D D D D"),
]
# fmt: on
