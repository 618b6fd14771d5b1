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

Every pattern of the URLconf is either probed by a row (the site's in ``access_matrix_site``,
the admin's in ``access_matrix_admin``) or covered by a ``Rule`` below;
``test_every_url_pattern_is_classified`` fails on a pattern that is neither, so a new URL
must be added to the table before it can ship.
"""

from tests.security.access_matrix_admin import ADMIN_PROBES
from tests.security.access_matrix_base import ROLE_HEADER, ROLES, Probe, Rule
from tests.security.access_matrix_site import SITE_PROBES

__all__ = ["OUR_MODULES", "PROBES", "ROLE_HEADER", "ROLES", "RULES", "Probe", "Rule"]

# Our code: every pattern whose view lives here needs a row of its own.
OUR_MODULES = ("accounts.", "assessments.", "certificates.", "config.", "courses.", "home.",
               "reports.", "devtools.", "enrolments.", "offline.")  # fmt: skip


# The rows: the site's in access_matrix_site.py, the admin's (choosers and admin API too)
# in access_matrix_admin.py.
PROBES: list[Probe] = SITE_PROBES + ADMIN_PROBES


DJANGO_ADMIN_VIEWS = ("django.", "treebeard.", "taggit.", "django_celery_beat.")


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
    Rule("allauth single sign-on cancelled",
         r"accounts/3rdparty/login/cancelled/$", ("allauth.",),
         "A - - - - - - -", "public: the page saying a single sign-on was cancelled (no data)"),
    Rule("allauth single sign-on refused",
         r"accounts/3rdparty/login/error/$", ("allauth.",),
         "- - - - - - - -", "the page saying a single sign-on was refused answers 401 to "
                            "everyone, with no data"),
    Rule("allauth's old single sign-on addresses", r"accounts/social/",
         ("django.views.generic.",),
         "A - - - - - - -", "redirects to the same pages under accounts/3rdparty/, which "
                            "decide who may see them"),
    Rule("allauth account pages", r"accounts/", ("allauth.",),
         "D - - - - - - -", "signed-in only: each person's own e-mail, password and "
                            "two-factor methods; nothing in them names another person"),
    Rule("Wagtail admin: icons, translations", r"admin/(sprite|jsi18n)/$", ("wagtail.",),
         "A A A - - - - -", "public assets of the admin's sign-in page (no data)"),
    Rule("Wagtail admin: password reset", r"admin/password_reset/", ("wagtail.",),
         "D D D - - - - -", "switched off (WAGTAIL_PASSWORD_RESET_ENABLED): allauth's "
                            "rate-limited reset is the only one"),
    Rule("wagtail-localize: translating pages and quizzes, locales",
         r"admin/(localize|locales)/", ("wagtail_localize.", "django.views.i18n."),
         "D D D - - - - -", "staff only, as every admin URL; inside, its submit_translation "
                            "permission (trainers, lead trainers, administrators) and the "
                            "page and snippet permissions of what is translated decide "
                            "(tests/courses/test_translation_permission.py)"),
    Rule("Wagtail admin", r"admin/", ("wagtail.", "django.views.generic."),
         "D D D - - - - -", "staff only (wagtailadmin.access_admin); inside, Wagtail's own "
                            "permission policies decide, and the views that matter to "
                            "Waypoint have rows of their own above"),
]
# fmt: on
