"""The organisation tree of the load data (ministries → agencies → units), its managers and
a few cohorts. The tree goes through treebeard (``load_bulk``); people go through the bulk
writer with the learners."""

import math
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import Cohort, Organisation
from devtools.load_data import names
from devtools.load_data.base import EMAIL_DOMAIN, PREFIX
from devtools.load_data.bulk import IdAllocator, Writer

AGENCY, UNIT = 2, 3  # depths: the load ministries are roots
MAX_COHORTS = 20
COHORT_SIZE = 25


def tree_shape(count: int) -> list[list[int]]:
    """How ``count`` organisations split into ministries → agencies → units: for each
    ministry, the number of units under each of its agencies. About one ministry per 40
    organisations and four units per agency; every ministry has an agency when there are
    enough organisations to go round."""
    ministries = max(1, count // 40)
    rest = count - ministries
    agencies = min(rest, max(ministries, math.ceil(rest / 4))) if rest else 0
    shape: list[list[int]] = [[] for _ in range(ministries)]
    for number in range(agencies):
        shape[number % ministries].append(0)
    slots = [(m, a) for m in range(ministries) for a in range(len(shape[m]))]
    for number in range(rest - agencies):
        m, a = slots[number % len(slots)]
        shape[m][a] += 1
    return shape


def organisation_specs(count: int) -> list[dict]:
    """``Organisation.load_bulk`` data, one dict per ministry. Siblings are sorted by name,
    as the model's ``node_order_by`` wants, because ``load_bulk`` keeps the order given."""
    ministries = []
    for m, agencies in enumerate(tree_shape(count)):
        country, language, cities = names.COUNTRIES[m % len(names.COUNTRIES)]
        titles = names.MINISTRIES[language]
        turn = m // len(names.COUNTRIES)  # 8 countries, then their next ministry, ...
        title = titles[turn % len(titles)]
        if turn >= len(titles):
            title = f"{title} {turn // len(titles) + 1}"
        children = []
        for a, units in enumerate(agencies):
            grandchildren = [
                _node(
                    f"{PREFIX}{m + 1}-{a + 1}-{u + 1}",
                    f"{names.UNITS[language][u % 6]} {cities[(a + u // 6) % len(cities)]}",
                    country,
                )
                for u in range(units)
            ]
            agency = names.AGENCIES[language][a % len(names.AGENCIES[language])]
            children.append(_node(f"{PREFIX}{m + 1}-{a + 1}", agency, country, grandchildren))
        ministries.append(_node(f"{PREFIX}{m + 1}", f"{title} ({country})", country, children))
    return ministries


def _node(code: str, name: str, country: str, children=()) -> dict:
    ordered = sorted(children, key=lambda child: child["data"]["name"])
    return {"data": {"code": code, "name": name, "country": country}, "children": ordered}


@dataclass
class Tree:
    units: list[dict]  # every load organisation: id, code, name, path, depth
    leaves: list[int]  # ids of the units learners work in
    weights: list[int]  # how many learners each leaf gets, relatively
    managers: dict[str, int] = field(default_factory=dict)  # unit path -> manager's user id

    def manager_of(self, path: str) -> int | None:
        """The manager of the unit, or of the nearest unit above it."""
        for end in range(len(path), 0, -Organisation.steplen):
            if path[:end] in self.managers:
                return self.managers[path[:end]]
        return None


def build_organisations(count: int, *, rng: random.Random) -> Tree:
    # One ministry per call: a root sorted in before an earlier one moves the earlier one's
    # path, and load_bulk computes a ministry's descendants' paths before creating them.
    for spec in organisation_specs(count):
        Organisation.load_bulk([spec], bulk_create=True)
    units = list(
        Organisation.objects.filter(code__startswith=PREFIX)
        .order_by("path")
        .values("id", "code", "name", "path", "depth", "numchild")
    )
    leaves = [unit for unit in units if unit["numchild"] == 0]
    return Tree(
        units=units,
        leaves=[unit["id"] for unit in leaves],
        weights=[rng.randint(1, 6) for _ in leaves],  # some units are bigger than others
    )


def add_managers(
    writer: Writer, tree: Tree, *, ids: IdAllocator, rng: random.Random, password: str
) -> None:
    """A manager for every ministry and agency, and for one unit in three, each scoped to
    the unit they work in: manager-<code>@load.example.org."""
    group = Group.objects.get(name=roles.MANAGERS).pk
    joined = timezone.now() - timedelta(days=600)
    for number, unit in enumerate(tree.units):
        if unit["depth"] == UNIT and number % 3:
            continue
        user_id = ids.take("user")
        full_name, language = names.person(rng)
        email = f"manager-{unit['code']}@{EMAIL_DOMAIN}"
        writer.users.rows.append(
            (user_id, password, None, False, email, full_name, language, unit["id"], True,
             False, True, joined, True, False)
        )  # fmt: skip
        writer.user_groups.rows.append((user_id, group))
        writer.managed_units.rows.append((user_id, unit["id"]))
        writer.email_addresses.rows.append((user_id, email, True, True))
        tree.managers[unit["path"]] = user_id


def add_cohorts(
    writer: Writer, tree: Tree, learners: list[tuple[int, int]], *, rng: random.Random
) -> int:
    """An intake cohort for each of the first agencies (the first ministry if there are
    none), with members from its subtree. ``learners``: (user id, unit id) pairs."""
    owners = [u for u in tree.units if u["depth"] == AGENCY][:MAX_COHORTS] or tree.units[:1]
    path_of = {unit["id"]: unit["path"] for unit in tree.units}
    year = timezone.now().year
    cohorts = Cohort.objects.bulk_create(
        Cohort(name=f"{o['name']}: intake {year} ({o['code']})", organisation_id=o["id"])
        for o in owners
    )
    by_owner: dict[str, list[int]] = {owner["path"]: [] for owner in owners}
    for user_id, unit_id in learners:
        owner_path = path_of[unit_id][: AGENCY * Organisation.steplen]
        if owner_path in by_owner:
            by_owner[owner_path].append(user_id)
        elif path_of[unit_id][: Organisation.steplen] in by_owner:  # ministries own them
            by_owner[path_of[unit_id][: Organisation.steplen]].append(user_id)
    for cohort, owner in zip(cohorts, owners, strict=True):
        members = by_owner[owner["path"]]
        for user_id in rng.sample(members, min(len(members), COHORT_SIZE)):
            writer.cohort_members.rows.append((cohort.pk, user_id))
    return len(cohorts)
