"""What a run of ``seed_demo`` reports: what it found, what it created, who can sign in."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoAccount:
    """A line of the sign-in details the command prints."""

    email: str
    full_name: str
    role: str
    organisation: str


@dataclass
class DemoReport:
    """What one run found and what it created, counted by kind ("topics", "courses"...)."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    accounts: list[DemoAccount] = field(default_factory=list)

    def count(self, kind: str, *, created: bool) -> None:
        (self.created if created else self.existing)[kind] += 1
