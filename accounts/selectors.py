from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Subquery

from accounts import roles
from accounts.models import Cohort, Organisation, User

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
