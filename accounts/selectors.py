from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import F, Q, QuerySet, Subquery
from django.utils.encoding import punycode
from django.utils.functional import lazy
from django.utils.translation import gettext

from accounts import roles
from accounts.models import (
    Cohort,
    MembershipRequest,
    Organisation,
    SsoClaimRule,
    UnitDomainRule,
    User,
)

ADMIN_ACCESS_SESSION_KEY = "waypoint_can_access_admin"


def session_can_access_admin(request) -> bool:
    """Whether to show links to /admin/, read from the session so that learner pages spend
    no query on permissions. It only hides or shows a link: /admin/ checks permissions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    session = request.session
    if ADMIN_ACCESS_SESSION_KEY not in session:
        session[ADMIN_ACCESS_SESSION_KEY] = user.has_perm("wagtailadmin.access_admin")
    return session[ADMIN_ACCESS_SESSION_KEY]


# --- organisation scope ------------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationScope:
    """The part of the organisation tree a person may see in reports and act on.

    Every report, export, drill-down, transcript, assignment and approval narrows its rows
    with this object and nothing else. Request parameters (an organisation id, a course id)
    can only narrow it further: ``narrow_to`` refuses a unit outside the scope.
    """

    paths: tuple[str, ...] = ()
    everything: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.paths

    def q(self, organisation_field: str = "organisation") -> Q:
        """A filter for rows whose ``organisation_field`` lies in the scope.

        ``organisation_field`` is the lookup path to an ``Organisation`` from the model being
        filtered: ``"organisation"`` on users, ``"user__organisation"`` on enrolments, and
        ``""`` on organisations themselves. People without an organisation are outside
        every scope but the administrators'.
        """
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        lookup = (
            f"{organisation_field}__path__startswith"
            if organisation_field
            else ("path__startswith")
        )
        condition = Q()
        for path in self.paths:
            condition |= Q(**{lookup: path})
        return condition

    def users(self) -> QuerySet:
        return User.objects.filter(self.q("organisation"))

    def organisations(self) -> QuerySet:
        return Organisation.objects.filter(self.q(""))

    def cohorts(self) -> QuerySet:
        """Cohorts that belong to a unit in the scope, with their unit."""
        return Cohort.objects.filter(self.q("organisation")).select_related("organisation")

    def contains(self, organisation: Organisation | None) -> bool:
        if organisation is None:
            return self.everything
        return self.everything or any(organisation.path.startswith(p) for p in self.paths)

    def narrow_to(self, organisation: Organisation) -> "OrganisationScope":
        """The scope below one unit; an empty scope when the unit is outside this one."""
        if not self.contains(organisation):
            return OrganisationScope()
        return OrganisationScope(paths=(organisation.path,))


def _outermost(paths: list[str]) -> tuple[str, ...]:
    """Drop paths that lie below another path of the list: the scope is the same."""
    kept: list[str] = []
    for path in sorted(paths, key=len):
        if not any(path.startswith(outer) for outer in kept):
            kept.append(path)
    return tuple(sorted(kept))


def organisation_scope_for(user) -> OrganisationScope:
    """Administrators and superusers see every unit; a manager sees the subtrees of the
    units they manage; anybody else sees nothing. Two queries at most."""
    if user is None or not user.is_authenticated or not user.is_active:
        return OrganisationScope()
    if user.is_superuser:
        return OrganisationScope(everything=True)
    groups = set(user.groups.values_list("name", flat=True))
    if roles.ADMINISTRATORS in groups:
        return OrganisationScope(everything=True)
    if roles.MANAGERS not in groups:
        return OrganisationScope()
    paths = list(user.managed_organisations.values_list("path", flat=True))
    return OrganisationScope(paths=_outermost(paths))


def organisation_scope_of_request(request) -> OrganisationScope:
    """The signed-in person's scope, computed once per request: the admin menu asks for it
    on every page, and the screen being shown asks again."""
    scope = getattr(request, "_waypoint_scope", None)
    if scope is None:
        scope = request._waypoint_scope = organisation_scope_for(request.user)
    return scope


def may_edit_organisation_tree(user, scope: OrganisationScope | None = None) -> bool:
    """Administrators change units and their managers; managers only look and move people.
    ``scope`` saves a query when the caller already has the person's scope."""
    scope = scope if scope is not None else organisation_scope_for(user)
    return scope.everything and user.has_perm("accounts.change_organisation")


def managers_by_unit(units) -> dict[int, list[User]]:
    """The managers of these units, in one query."""
    through = User.managed_organisations.through
    result: dict[int, list[User]] = {unit.pk: [] for unit in units}
    for row in through.objects.filter(organisation__in=list(result)).select_related("user"):
        result[row.organisation_id].append(row.user)
    return result


# --- who decides a learner's requests --------------------------------------------------------


@dataclass(frozen=True)
class RequestDeciders:
    """Who decides a learner's requests for a place: the managers of the unit ``unit_name``
    (the nearest unit at or above the learner's own that has any), or, when there is none,
    the platform administrators. The request's e-mail goes to ``people``; the learner is
    told who they are (``courses`` pages, ``enrolments`` mails), from this one rule."""

    unit_name: str = ""  # empty: the administrators decide
    people: tuple[User, ...] = ()

    @property
    def are_administrators(self) -> bool:
        return not self.unit_name


def request_deciders(learner: User, *, with_people: bool = True) -> RequestDeciders:
    """The managers of the nearest unit at or above the learner's own that has any, so a
    unit manager hears first and the head of the ministry only when nobody below manages;
    with no such manager (or no unit), the administrators. Every manager whose scope
    contains the learner may still decide. One query to find them (none for a learner
    without a unit), one more for ``people``."""
    if learner.organisation_id is not None:
        # The managers of the learner's unit and of every unit above it, in one query:
        # their unit's path begins the learner's unit's path.
        learner_path = Organisation.objects.filter(pk=learner.organisation_id).values("path")
        rows = (
            User.objects.filter(is_active=True, groups__name=roles.MANAGERS)
            .exclude(pk=learner.pk)
            .annotate(learner_path=Subquery(learner_path[:1]))
            .filter(learner_path__startswith=F("managed_organisations__path"))
            .values_list("pk", "managed_organisations__path", "managed_organisations__name")
        )
        nearest: dict[int, tuple[int, str]] = {}
        for pk, path, name in rows:
            nearest[pk] = max(nearest.get(pk, (0, "")), (len(path), name))
        if nearest:
            depth, unit_name = max(nearest.values())
            people: tuple[User, ...] = ()
            if with_people:
                pks = [pk for pk, (d, _name) in nearest.items() if d == depth]
                people = tuple(User.objects.filter(pk__in=pks).order_by("email"))
            return RequestDeciders(unit_name=unit_name, people=people)
    if not with_people:
        return RequestDeciders()
    administrators = (
        User.objects.filter(
            Q(groups__name=roles.ADMINISTRATORS) | Q(is_superuser=True), is_active=True
        )
        .exclude(pk=learner.pk)
        .distinct()
        .order_by("email")
    )
    return RequestDeciders(people=tuple(administrators))


# --- who decides -------------------------------------------------------------------------------


def units_at_or_above(unit: Organisation) -> list[str]:
    """The paths of a unit and of every unit above it, the unit's own last."""
    steps = range(Organisation.steplen, len(unit.path) + 1, Organisation.steplen)
    return [unit.path[:end] for end in steps]


class Deciders(NamedTuple):
    """Who decides a request about a unit, and how to name them to the person asking
    ("the managers of Border Police", "the platform administrators"), translated when shown."""

    people: list[User]
    description: str


def _managers_of(unit_name: str) -> str:
    return gettext("the managers of %(unit)s") % {"unit": unit_name}


def _administrators() -> str:
    return gettext("the platform administrators")


_managers_of_lazy = lazy(_managers_of, str)
_administrators_lazy = lazy(_administrators, str)


def deciders_for_unit(unit: Organisation | None, *, exclude: User | None = None) -> Deciders:
    """A request about ``unit`` (to join it, or a place asked by one of its people) always
    reaches someone who can decide it: the active managers of the unit, or of the nearest
    unit above it that has any; with none up the tree (or no unit), the active
    administrators and superusers. ``exclude`` (the person asking) never decides their own
    request. Every manager whose scope holds the unit may still decide; these are the ones
    told. Two queries."""
    if unit is not None:
        rows = User.objects.filter(
            is_active=True,
            groups__name=roles.MANAGERS,
            managed_organisations__path__in=units_at_or_above(unit),
        ).values_list("pk", "managed_organisations__path", "managed_organisations__name")
        if exclude is not None:
            rows = rows.exclude(pk=exclude.pk)
        nearest: dict[str, set[int]] = {}
        names: dict[str, str] = {}
        for pk, path, name in rows:
            nearest.setdefault(path, set()).add(pk)
            names[path] = name
        if nearest:
            deepest = max(nearest, key=len)
            people = list(User.objects.filter(pk__in=nearest[deepest]).order_by("email"))
            return Deciders(people, _managers_of_lazy(names[deepest]))
    administrators = (
        User.objects.filter(Q(groups__name=roles.ADMINISTRATORS) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("email")
    )
    if exclude is not None:
        administrators = administrators.exclude(pk=exclude.pk)
    return Deciders(list(administrators), _administrators_lazy())


# --- membership requests and domain rules -------------------------------------------------------


def membership_requests_in(scope: OrganisationScope) -> QuerySet:
    """Requests to join a unit inside the scope, with the person and both units: who asks
    to join one of the manager's units is theirs to decide, wherever the person is now."""
    return MembershipRequest.objects.filter(scope.q("unit")).select_related(
        "user", "user__organisation", "unit", "decided_by"
    )


def pending_membership_request(user: User) -> MembershipRequest | None:
    return (
        MembershipRequest.objects.filter(user=user, status=MembershipRequest.Status.PENDING)
        .select_related("unit")
        .first()
    )


def email_domain(email: str) -> str:
    """The domain of an address as domain rules store it: lower case, IDNA-encoded."""
    domain = email.rpartition("@")[2].strip().lower()
    try:
        return punycode(domain)
    except UnicodeError:
        return domain


def domain_rule_for(email: str) -> UnitDomainRule | None:
    return UnitDomainRule.objects.filter(domain=email_domain(email)).select_related("unit").first()


# --- single sign-on --------------------------------------------------------------------------


def claim_values(claims: dict, name: str) -> set[str]:
    """The values of one claim as rules compare them: a string, number or true/false, or
    each of a list's; a dotted name reaches inside objects (``realm_access.roles``)."""
    value = claims
    for part in name.split("."):
        if not isinstance(value, dict):
            return set()
        value = value.get(part)
    items = value if isinstance(value, list) else [value]
    return {
        ("true" if item else "false") if isinstance(item, bool) else str(item)
        for item in items
        if isinstance(item, str | int | float | bool)
    }


def sso_rules_matching(*, provider_id: str, claims: dict) -> list[SsoClaimRule]:
    """The provider's rules that the claims satisfy, the deciding one first; one query."""
    rules = SsoClaimRule.objects.filter(provider_id=provider_id).select_related("unit")
    return [rule for rule in rules if rule.value in claim_values(claims, rule.claim)]


def managers_opted_in(*, preference: str):
    """Active managers of at least one unit who keep the mail ``preference`` names (a
    boolean field of the user, e.g. ``receives_overdue_digest``), each once, in id order:
    who the periodic digests go to."""
    return (
        User.objects.filter(
            is_active=True,
            groups__name=roles.MANAGERS,
            managed_organisations__isnull=False,
            **{preference: True},
        )
        .distinct()
        .order_by("pk")
    )
