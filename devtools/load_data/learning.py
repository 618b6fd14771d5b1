"""Learners and what they did: users, enrolments in three states, step completions,
attempts at the final assessment and certificates, as rows for the bulk writer.

The proportions (docs/load-data.md): 20 % of enrolments not started, 35 % in progress,
45 % completed; 30 % assigned by a manager with a due date, so that those not completed
in time are overdue; enrolment dates over the past 18 months, more of them recently.
Reminders of due dates count as sent, as they would have been on a live site: otherwise
the reminder job's first run would e-mail a hundred thousand learners.
This runs a million times per million enrolments: it binds what it uses to locals and
builds no object it does not write.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from certificates import codes
from devtools.load_data import names
from devtools.load_data.base import EMAIL_DOMAIN
from devtools.load_data.bulk import IdAllocator, Writer
from devtools.load_data.courses import CoursePlan, Draw
from devtools.load_data.organisations import Tree
from enrolments.models import DueDateReminder
from enrolments.services.reminders import reminder_kind

NOT_STARTED, IN_PROGRESS = 0.20, 0.35  # completed: the remaining 0.45
ASSIGNED = 0.30  # with a due date 30, 60 or 90 days after enrolling
FAILED_FIRST = 0.20  # of completions: failed the final assessment once before passing
FAILED_ONLY = 0.50  # of those in progress who did every lesson: failed the assessment
REVOKED = 0.002  # of certificates, "issued in error"
HISTORY_DAYS = 540
DAY, MINUTE = timedelta(days=1), timedelta(minutes=1)
DUE_AFTER = (30 * DAY, 60 * DAY, 90 * DAY)
TIME_LIMIT = 30 * MINUTE
# When each reminder went out, relative to the due date.
REMINDER_SENT = {
    DueDateReminder.Kind.DUE_IN_7_DAYS: -7 * DAY,
    DueDateReminder.Kind.DUE_IN_1_DAY: -DAY,
    DueDateReminder.Kind.OVERDUE: 60 * MINUTE,
}


@dataclass
class Learners:
    """Everything the rows of the learners need, fixed for the whole run."""

    writer: Writer
    ids: IdAllocator
    rng: random.Random
    now: datetime
    tree: Tree
    plans: list[CoursePlan]
    per_learner: int  # enrolments each
    password: str  # hashed once: hashing per row would take hours
    group_id: int
    issuer: str
    template_id: int | None

    def add(self, numbers: range) -> list[tuple[int, int]]:
        """Learners ``numbers`` (0-based); returns their (user id, unit id) pairs."""
        rng, now, writer = self.rng, self.now, self.writer
        path_of = {unit["id"]: unit["path"] for unit in self.tree.units}
        homes = rng.choices(self.tree.leaves, weights=self.tree.weights, k=len(numbers))
        added = []
        for number, home in zip(numbers, homes, strict=True):
            user_id = self.ids.take("user")
            full_name, language = names.person(rng)
            email = f"learner-{number + 1}@{EMAIL_DOMAIN}"
            manager = self.tree.manager_of(path_of[home])
            first, last = now, None
            for plan in rng.sample(self.plans, self.per_learner):
                enrolled, active = self._enrollment(plan, user_id, full_name, manager)
                first = min(first, enrolled)
                if active is not None and (last is None or active > last):
                    last = active
            joined = first - DAY * (30 * rng.random())
            writer.users.rows.append(
                (user_id, self.password, last, False, email, full_name, language, home, True,
                 False, True, joined, True, False)
            )  # fmt: skip
            writer.user_groups.rows.append((user_id, self.group_id))
            writer.email_addresses.rows.append((user_id, email, True, True))
            added.append((user_id, home))
        return added

    def _enrollment(self, plan: CoursePlan, user_id: int, full_name: str, manager: int | None):
        """One enrolment and what goes with it; returns when it began and the learner's last
        activity in it (None if not started)."""
        random_ = self.rng.random
        now = self.now
        enrollment_id = self.ids.take("enrollment")
        enrolled = now - DAY * (HISTORY_DAYS * random_() ** 1.5)  # more of them recently
        assigned = random_() < ASSIGNED
        due = enrolled + DUE_AFTER[int(random_() * 3)] if assigned else None
        state, lessons = random_(), plan.lesson_keys
        status, completed, last = "active", None, None
        if NOT_STARTED <= state < NOT_STARTED + IN_PROGRESS:
            last = enrolled + (now - enrolled) * random_()
            done = 1 + int(random_() * len(lessons))
            self._steps(enrollment_id, lessons[:done], enrolled, last)
            if done == len(lessons) and random_() < FAILED_ONLY:
                draw = self.rng.choice(plan.draws)
                self._attempt(plan, draw, user_id, 1, self.rng.choice(draw.fails), last)
        elif state >= NOT_STARTED + IN_PROGRESS:
            status = "completed"
            completed = last = min(now, enrolled + DAY * self.rng.expovariate(1 / 21))
            lessons_done = enrolled + (completed - enrolled) * 0.8
            self._steps(enrollment_id, lessons, enrolled, lessons_done)
            self.writer.step_completions.rows.append(
                (enrollment_id, plan.quiz_key, completed, "en")
            )
            number = 1
            if random_() < FAILED_FIRST:
                draw = self.rng.choice(plan.draws)
                failed_at = lessons_done + (completed - lessons_done) / 2
                self._attempt(plan, draw, user_id, 1, self.rng.choice(draw.fails), failed_at)
                number = 2
            draw = self.rng.choice(plan.draws)
            self._attempt(plan, draw, user_id, number, self.rng.choice(draw.passes), completed)
            self._certificate(plan, enrollment_id, user_id, full_name, completed)
        self.writer.enrollments.rows.append(
            (enrollment_id, user_id, plan.id, status, enrolled, completed, due, last,
             manager if assigned else None, 1)
        )  # fmt: skip
        if assigned and completed is None:
            self._reminder(enrollment_id, due)
        return enrolled, last

    def _reminder(self, enrollment_id: int, due: datetime) -> None:
        """The reminder the job would send now, recorded as sent when it was due."""
        kind = reminder_kind(due_at=due, now=self.now)
        if kind is not None:
            sent = min(self.now, due + REMINDER_SENT[kind])
            self.writer.due_date_reminders.rows.append((enrollment_id, kind, due, sent))

    def _steps(self, enrollment_id: int, keys: list[str], start, end) -> None:
        """Steps done in order, evenly spread between ``start`` and ``end``."""
        span = (end - start) / len(keys)
        append = self.writer.step_completions.rows.append
        for n, key in enumerate(keys, start=1):
            append((enrollment_id, key, start + span * n, "en"))

    def _attempt(self, plan: CoursePlan, draw: Draw, user_id, number, result, at) -> None:
        attempt_id = self.ids.take("attempt")
        started = at - MINUTE * (12 + 3 * number)
        self.writer.attempts.rows.append(
            (attempt_id, user_id, plan.quiz_id, 1, number, "submitted", started,
             started + TIME_LIMIT, at, False, draw.frozen_json, result.graded_json,
             result.score, draw.max_score, result.percent, result.passed, "en")
        )  # fmt: skip
        append = self.writer.attempt_answers.rows.append
        for key, response, fraction, score in result.answers:
            append((attempt_id, key, response, at, fraction, score))

    def _certificate(self, plan: CoursePlan, enrollment_id, user_id, full_name, completed):
        """Issued two minutes after completion and marked e-mailed, so that reconcile sends
        nobody anything; no PDF, which reconcile would render, and no signed credential,
        which the first download signs (docs/load-data.md)."""
        issued = completed + 2 * MINUTE
        revoked = issued + 3 * DAY if self.rng.random() < REVOKED else None
        self.writer.certificates.rows.append(
            (enrollment_id, user_id, plan.id, certificate_code(self.rng), full_name,
             plan.title, self.issuer, plan.hours, completed.date(), issued, revoked,
             "issued_in_error" if revoked else "", "", self.template_id, "", "",
             issued + MINUTE, _expiry(plan, issued), "")
        )  # fmt: skip


def _expiry(plan: CoursePlan, issued):
    """Every third course certifies for a year (the compliance report's expiry windows
    and lapses need some), the others for good. From the ids, not ``rng``: the rest of the
    data set stays what the seed made it before."""
    return issued + 365 * DAY if plan.id % 3 == 0 else None


_PAIRS = [a + b for a in codes.ALPHABET for b in codes.ALPHABET]  # 10 bits each
_SIZE = codes.GROUPS * codes.GROUP_SIZE  # characters, 5 bits each


def certificate_code(rng: random.Random) -> str:
    """A code as ``certificates.codes.generate_code`` makes them, from 80 bits of ``rng``:
    the same for the same seed, and unique in practice, as the real ones are."""
    bits = rng.getrandbits(_SIZE * 5)
    chars = "".join([_PAIRS[(bits >> shift) & 1023] for shift in range(0, _SIZE * 5, 10)])
    groups = [chars[i : i + codes.GROUP_SIZE] for i in range(0, _SIZE, codes.GROUP_SIZE)]
    return "-".join([codes.PREFIX, *groups])
