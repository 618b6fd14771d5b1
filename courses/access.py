"""Who may see a course page, and therefore act on it: one rule for every path.

Wagtail applies a page's view restrictions (its own and its ancestors': a shared password,
signing in, membership of a group) when it *serves* the page. Enrolling, completing a
lesson, taking a quiz, reading a quiz review, receiving a certificate and finding a course
in the catalogue do not go through ``Page.serve``; each of them asks here instead, with the
same semantics as Wagtail's ``BaseViewRestriction.accept_request``:

- *password*: the browser session has passed that restriction's password form;
- *login*: the person is signed in;
- *groups*: the person is a superuser or belongs to one of the restriction's groups.

A shared password belongs to a browser session, not to a person, so only a request can
pass it (``request_refusal``). Services and background jobs, which have no session, apply
the rules that belong to the person (``user_refusal``: signing in and groups); every
learner request reaches them through a view that has applied the whole rule first.

The restrictions are read from the shared course cache (``courses.page_cache``), dropped
whenever a restriction or its groups change, so a page without any costs no query and a
restricted one costs at most one (the person's groups), once per request.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from courses import page_cache

PASSWORD = PageViewRestriction.PASSWORD
LOGIN = PageViewRestriction.LOGIN
GROUPS = PageViewRestriction.GROUPS


@dataclass(frozen=True)
class Restriction:
    id: int
    kind: str
    path: str
    group_ids: frozenset[int]


@dataclass(frozen=True)
class Refusal:
    """Why a page is closed to someone: ``kind`` is the restriction they do not pass."""

    kind: str
    path: str

    @property
    def message(self) -> str:
        if self.kind == PASSWORD:
            return _("This course is protected by a password: open it and enter the password.")
        if self.kind == LOGIN:
            return _("Sign in to open this course.")
        return _("This course is open only to certain groups of users.")


def _restrictions_from_database() -> tuple[Restriction, ...]:
    """One query: the restrictions joined to their groups, a row per (restriction, group)."""
    rows = PageViewRestriction.objects.values_list(
        "id", "restriction_type", "page__path", "groups"
    ).order_by("page__path", "id")
    found: dict[int, tuple[str, str, set[int]]] = {}
    for restriction_id, kind, path, group_id in rows:
        _, _, group_ids = found.setdefault(restriction_id, (kind, path, set()))
        if group_id is not None:
            group_ids.add(group_id)
    return tuple(
        Restriction(id=restriction_id, kind=kind, path=path, group_ids=frozenset(group_ids))
        for restriction_id, (kind, path, group_ids) in found.items()
    )


RESTRICTIONS_CACHE_NAME = "view-restrictions:v2"


def all_restrictions() -> tuple[Restriction, ...]:
    """Every page view restriction on the site; few pages carry one."""
    return page_cache.shared(RESTRICTIONS_CACHE_NAME, _restrictions_from_database)


def restrictions_on(page_path: str) -> list[Restriction]:
    """The restrictions on the page at this tree path and on its ancestors."""
    return [r for r in all_restrictions() if page_path.startswith(r.path)]


def restrictions_of(page) -> list[Restriction]:
    """``restrictions_on`` the page, remembered on the page object: serving a page asks
    twice (our hook, then Wagtail's check), and a cache round trip each time shows."""
    found = getattr(page, "_waypoint_view_restrictions", None)
    if found is None:
        found = restrictions_on(page.path)
        page._waypoint_view_restrictions = found
    return found


def _group_ids(user) -> frozenset[int]:
    """The person's groups, read once per user object (so once per request)."""
    cached = getattr(user, "_waypoint_group_ids", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("id", flat=True))
        user._waypoint_group_ids = cached
    return cached


def _passes(restriction: Restriction, *, user, passed_passwords: Collection[int] | None) -> bool:
    if restriction.kind == PASSWORD:
        return passed_passwords is None or restriction.id in passed_passwords
    if restriction.kind == LOGIN:
        return bool(user and user.is_authenticated)
    if restriction.kind == GROUPS:
        if not (user and user.is_authenticated):
            return False
        return user.is_superuser or bool(restriction.group_ids & _group_ids(user))
    return True


def refusal(
    *, restrictions: list[Restriction], user, passed_passwords: Collection[int] | None
) -> Refusal | None:
    """The one rule, over the restrictions of a page and its ancestors. ``passed_passwords``
    are the password restrictions the browser session has passed; ``None`` leaves passwords
    out (no session to ask: see the module's docstring)."""
    for restriction in restrictions:
        if not _passes(restriction, user=user, passed_passwords=passed_passwords):
            return Refusal(kind=restriction.kind, path=restriction.path)
    return None


def _passed_passwords(request) -> set[int]:
    """The password restrictions this browser session has passed."""
    session = getattr(request, "session", None)
    key = PageViewRestriction.passed_view_restrictions_session_key
    return set(session.get(key, [])) if session is not None else set()


def request_refusal(request, *, page) -> Refusal | None:
    """Whether this request may see the page, exactly as Wagtail decides when serving it."""
    return refusal(
        restrictions=restrictions_of(page),
        user=request.user,
        passed_passwords=_passed_passwords(request),
    )


def user_refusal(user, *, page_path: str) -> Refusal | None:
    """Whether the person may see the page, by the rules that belong to the person."""
    return refusal(restrictions=restrictions_on(page_path), user=user, passed_passwords=None)


def refusal_response(request, *, page=None, page_id: int | None = None, page_url=None):
    """For views that act on a page (given, or by id): ``None`` when the request may see
    it, else the answer to send. The person is told why and sent where Wagtail would send
    them: to sign in when signing in could help, otherwise to the page itself, which asks
    for the password or says why it is closed. On a site where no page is restricted this
    is one cache read and no query (the answer-save of a quiz takes this path)."""
    if not all_restrictions():
        return None
    if page is None and page_id is not None:
        page = Page.objects.filter(pk=page_id).first()
    if page is None:  # a quiz detached from its module: nothing restricts it any more
        return None
    refused = request_refusal(request, page=page)
    if refused is None:
        return None
    if request.user.is_authenticated and refused.kind == GROUPS:
        return closed_to_groups_response(request)
    messages.warning(request, refused.message)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return redirect(page_url or page.url or "learning:dashboard")


def closed_to_groups_response(request):
    """A signed-in person outside a restriction's groups: signing in again cannot help
    (Wagtail would send them to the sign-in page, which sends a signed-in person back: a
    loop), so they are told plainly, with a 403."""
    return TemplateResponse(request, "courses/restricted.html", status=403)


def hidden_from_listing(user, *, depth: int, steplen: int) -> Q:
    """A filter that leaves out the pages (at ``depth``) the person may not see by the
    rules that belong to them; password-protected courses stay listed, as an enrolment
    key course is in other catalogues, and ask for the password when opened. No query for
    a site without restrictions."""
    closed = Q()
    for restriction in all_restrictions():
        if len(restriction.path) > depth * steplen:
            continue  # on a module or lesson: the course itself stays visible
        if not _passes(restriction, user=user, passed_passwords=None):
            closed |= Q(path__startswith=restriction.path)
    return closed


def closed_to_request(request) -> Q:
    """A filter for the pages this request may not see by the whole rule: a password not
    given in this browser session closes its pages too. For what the catalogue's search
    shows of modules and lessons, which are never listed unless the request may open
    them. No query for a site without restrictions."""
    passed = _passed_passwords(request)
    closed = Q()
    for restriction in all_restrictions():
        if not _passes(restriction, user=request.user, passed_passwords=passed):
            closed |= Q(path__startswith=restriction.path)
    return closed


def users_refused(user_ids: Collection[int], *, page_path: str) -> set[int]:
    """Which of these people may not see the page by the rules that belong to them, for
    writes about many people at once (a manager's bulk assignment): no query when the page
    has no group restriction, else one."""
    group_rules = [r for r in restrictions_on(page_path) if r.kind == GROUPS]
    if not group_rules or not user_ids:
        return set()
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(pk__in=user_ids)
    rows = people.values_list("pk", "is_superuser", "groups")
    groups: dict[int, set[int]] = {}
    superusers = set()
    for pk, is_superuser, group_id in rows:
        groups.setdefault(pk, set())
        if is_superuser:
            superusers.add(pk)
        if group_id is not None:
            groups[pk].add(group_id)
    return {
        pk
        for pk in user_ids
        if pk not in superusers
        and any(not (rule.group_ids & groups.get(pk, set())) for rule in group_rules)
    }
