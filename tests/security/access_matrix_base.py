"""The access matrix's columns, the eight roles, and its two kinds of row: a ``Probe``
requests one URL as every role, a ``Rule`` covers third-party patterns together. The
table itself is ``access_matrix_table`` (its docstring explains the letters)."""

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
