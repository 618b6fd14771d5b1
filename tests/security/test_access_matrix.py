# ruff: noqa: F811
"""The access-control matrix (issue 6, item 4; docs/targets.md R3): every URL of the URLconf,
requested as each of eight roles, against the table in ``access_matrix_table``.

The world is built once per module through the services; each request runs in a savepoint
that is rolled back, so one role's POST never changes what the next role sees.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from tests.security.access_matrix_table import (
    OUR_MODULES,
    PROBES,
    ROLE_HEADER,
    ROLES,
    RULES,
    Probe,
    Rule,
)

# The world's fixtures, imported by name so that they serve this module alone (a conftest.py
# would offer them to the whole folder); the tests' parameters of the same names are what
# pytest fills in, hence the file-wide F811 exemption at the top.
from tests.security.matrix_world import clients, media_root, signed_in, world  # noqa: F401

SIGN_IN_PATHS = ("/accounts/login/", "/admin/login/", "/django-admin/login/")
ADMIN_HOME = "/admin/"
PLACEHOLDER_ID = "999999"
# Apps whose rows a denied POST must leave untouched (sessions and caches aside).
GUARDED_APPS = ("accounts", "courses", "assessments", "certificates", "reports", "auth",
                "wagtailcore", "wagtaildocs", "wagtailimages", "account", "mfa")  # fmt: skip

TALLY = {"pairs": 0, "unexpected_allow": [], "unexpected_deny": [], "unclassified": []}


@pytest.fixture(autouse=True)
def _quiet_side_effects(settings, media_root, monkeypatch):
    """The PDFs live in the world's media; lookups are not rate-limited here (the
    verification tests check the limit); re-issuing renders a stand-in PDF."""
    settings.MEDIA_ROOT = media_root
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 1_000_000
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")
    cache.clear()


# --- requesting and judging ------------------------------------------------------------------


def _fill(text: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: ids[match.group(1)], text)


def database_state() -> dict:
    """Every row of the guarded apps, to prove that a refused POST changed nothing."""
    state = {}
    for app_label in GUARDED_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.proxy:
                continue
            state[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return state


def verdict(response, *, refused_to: str = "") -> tuple[str, str]:
    """(A, D or ?, a short description) of one response."""
    status = response.status_code
    method = response.request["REQUEST_METHOD"]
    if status in (301, 302, 303, 307):
        target = urlsplit(response["Location"]).path
        described = f"{status} → {target}"
        if target.startswith(SIGN_IN_PATHS):
            return "D", described
        if target == ADMIN_HOME and response.request["PATH_INFO"] != ADMIN_HOME:
            return "D", described  # wagtail.admin.auth.permission_denied
        if refused_to and target == refused_to:
            return "D", described
        return "A", described
    if status in (403, 404):
        return "D", str(status)
    if status in (200, 201, 204) or (method == "POST" and status in (400, 409)):
        return "A", str(status)
    return "?", str(status)


def request_as(client: Client, method: str, path: str, data: dict, *, snapshot: bool):
    """One request inside a savepoint rolled back at once, with the database as the request
    left it when ``snapshot``; streamed bodies are read inside it, as they query as they go."""
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, data)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        after = database_state() if snapshot else None
        transaction.set_rollback(True)
    return response, body, after


def check_pairs(
    clients,
    expected: dict[str, str],
    method: str,
    path: str,
    data: dict,
    *,
    refused_to: str = "",
    out_of_scope: tuple[str, ...] = (),
    traces: tuple[str, ...] = (),
) -> list[str]:
    failures = []
    before = database_state() if method == "POST" else None
    for role, want in expected.items():
        snapshot = method == "POST" and want == "D"
        response, body, after = request_as(clients[role], method, path, data, snapshot=snapshot)
        got, described = verdict(response, refused_to=refused_to)
        TALLY["pairs"] += 1
        pair = f"{method} {path} as {role}: expected {want}, got {got} ({described})"
        if got == "?":
            TALLY["unclassified"].append(pair)
            failures.append(pair)
        elif got != want:
            TALLY["unexpected_allow" if got == "A" else "unexpected_deny"].append(pair)
            failures.append(pair)
        elif snapshot and after != before:
            TALLY["unexpected_allow"].append(pair + ", but the database changed")
            failures.append(pair + ", but the database changed")
        elif got == "A" and role in out_of_scope and any(t.encode() in body for t in traces):
            TALLY["unexpected_allow"].append(pair + ", but it shows the learner of unit A")
            failures.append(pair + ", but it shows the learner of unit A")
    return failures


# --- the URLconf ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    route: str
    view: str


def url_patterns(patterns=None, prefix: str = "") -> list[Pattern]:
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        # Joined as ``ResolverMatch.route`` joins them.
        route = prefix + str(pattern.pattern).removeprefix("^") if prefix else str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            found.append(Pattern(route, pattern.lookup_str))
    return found


def route_of(path: str) -> str:
    return resolve(urlsplit(path).path).route


_CONVERTERS = {"int": PLACEHOLDER_ID, "str": "x", "slug": "x", "path": "x", "uuidb64": "x"}


def sample_path(route: str) -> str:
    """A path that the route matches, with placeholder values for its parameters."""

    def named(match):
        alternatives = match.group(2).split("|")
        if re.fullmatch(r"\w+", alternatives[0]):
            return alternatives[0]
        return PLACEHOLDER_ID if alternatives[0].startswith(r"\d") else "x"

    path = re.sub(r"\(\?P<(\w+)>((?:[^()]|\([^()]*\))*)\)", named, route)
    path = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: _CONVERTERS.get(m.group(1) or "str"), path)
    path = re.sub(r"\((?:[^()]|\([^()]*\))*\)", PLACEHOLDER_ID, path)
    path = path.replace("^", "").replace("$", "").replace("\\", "").replace(".*", "x")
    return "/" + path


class _Placeholders(dict):
    """Any id of the world: the route a row's path resolves to does not depend on it."""

    def __missing__(self, key: str) -> str:
        return "/placeholder/" if key.endswith("_url") else "1"


def probed_routes() -> set[str]:
    return {route_of(_fill(probe.path, _Placeholders())) for probe in PROBES}


def rule_for(pattern: Pattern) -> Rule | None:
    return next((rule for rule in RULES if rule.matches(pattern.route, pattern.view)), None)


def ruled_patterns() -> list[Pattern]:
    """The third-party patterns that rules cover and no row probes, once each (a route may
    be registered twice; the first registration is what a request reaches)."""
    seen, result = probed_routes(), []
    for pattern in url_patterns():
        if pattern.route in seen or pattern.view.startswith(OUR_MODULES):
            continue
        seen.add(pattern.route)
        if rule_for(pattern) is not None:
            result.append(pattern)
    return result


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("probe", PROBES, ids=lambda probe: probe.label)
def test_url_as_every_role(probe: Probe, world, clients):
    path = _fill(probe.path, world.ids)
    data = {key: _fill(value, world.ids) for key, value in probe.data.items()}
    refused_to = _fill(probe.refused_to, world.ids)
    failures = check_pairs(
        clients,
        probe.expected(),
        probe.method,
        path,
        data,
        refused_to=refused_to,
        out_of_scope=probe.out_of_scope(),
        traces=world.learner_traces,
    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("pattern", ruled_patterns(), ids=lambda pattern: pattern.route)
def test_third_party_url_by_rule(pattern: Pattern, clients):
    rule = rule_for(pattern)
    path = sample_path(pattern.route)
    assert route_of(path) == pattern.route, f"no sample path for {pattern.route}"
    failures = check_pairs(clients, rule.expected(), "GET", path, {})
    assert not failures, f"rule {rule.name!r} ({rule.why}):\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("path", "in_scope"),
    [
        ("/admin/reports/learners/", ("manager_a", "administrator")),
        ("/admin/reports/learners/?export=csv", ("manager_a", "administrator")),
        ("/admin/enrolment-requests/", ("manager_a", "administrator")),
        ("/admin/cohorts/", ("manager_a", "administrator")),
        ("/admin/reports/site-history/", ("administrator",)),
    ],
)
def test_pages_that_must_hide_the_learner_do_show_them_in_scope(path, in_scope, world, clients):
    """The "hides the learner" checks would pass on an empty page: the people whose scope
    includes the learner of unit A do find them on each of these pages."""
    for role in in_scope:
        response, body, _ = request_as(clients[role], "GET", path, {}, snapshot=False)
        assert response.status_code == 200
        assert any(trace.encode() in body for trace in world.learner_traces), f"{path} as {role}"


def test_every_url_pattern_is_classified():
    probed = probed_routes()
    unclassified = [
        f"{pattern.route}  ({pattern.view})"
        for pattern in url_patterns()
        if pattern.route not in probed
        and (pattern.view.startswith(OUR_MODULES) or rule_for(pattern) is None)
    ]
    assert not unclassified, (
        "URL patterns missing from tests/security/access_matrix_table.py (add a row, or a "
        "rule for third-party patterns):\n" + "\n".join(unclassified)
    )


def test_every_chooser_has_rows_of_its_own():
    """A chooser is a listing in a modal, and Wagtail's check nothing but admin access
    unless told to (issue 12): each chooser route is probed by a row, never left to the
    broad "Wagtail admin" rule."""
    probed = probed_routes()
    unprobed = [
        f"{pattern.route}  ({pattern.view})"
        for pattern in url_patterns()
        if re.search(r"choose|chooser|admin/api/", pattern.route) and pattern.route not in probed
    ]
    assert not unprobed, (
        "Chooser and admin API routes without a row in tests/security/access_matrix_table.py "
        '(add one per role, under "admin choosers and admin API"):\n' + "\n".join(unprobed)
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_catalogue_lists_the_restricted_course_to_its_group_only(role, world, clients):
    """Listings apply view restrictions too: the course private to the Managers group is in
    the catalogue, and in its search, for the two managers alone."""
    in_group = role in ("manager_a", "manager_b")
    for path in ("/courses/", "/courses/?q=restricted"):
        page = clients[role].get(path).content.decode()
        assert ("Matrix restricted course" in page) is in_group, f"{path} as {role}"


def test_zz_matrix_summary(capsys):
    """Printed at the end of the module: the size of the matrix and what it found."""
    routes = {pattern.route for pattern in url_patterns()}
    probed = probed_routes()
    by_rule = ruled_patterns()
    lines = [
        f"access matrix: {len(routes)} URL patterns; {len(PROBES)} rows ({len(probed)} "
        f"patterns) x {len(ROLES)} roles ({ROLE_HEADER}) + {len(by_rule)} third-party "
        f"patterns by rule = {TALLY['pairs']} (URL, role) pairs requested",
        f"unexpected allows: {len(TALLY['unexpected_allow'])}, unexpected denies: "
        f"{len(TALLY['unexpected_deny'])}, unclassified responses: "
        f"{len(TALLY['unclassified'])}",
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
