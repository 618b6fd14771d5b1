"""The summary a learner confirms before an attempt is graded (issue 16, as Moodle's "Submit
all and finish"): which questions are answered, which are not, and the time left.

An attempt is graded only on a post that says the learner confirmed (``FINISH_FIELD``), or
when its time is up: a submit without it saves the answers and shows this summary, so an
empty quiz is never graded by a slip of the finger. The timer's own submit at the deadline
says ``time_up`` and is graded at once; the server's deadline decides either way."""

from django.utils import timezone

from assessments import questions as q
from assessments.frozen import learner_view
from assessments.models import Attempt

FINISH_FIELD = "finish"
CONFIRMED = "confirmed"
TIME_UP = "time_up"

ANSWERED, PARTLY_ANSWERED, NOT_ANSWERED = "answered", "partly", "unanswered"


def submit_is_final(post, attempt: Attempt) -> bool:
    """Whether a submit grades the attempt now, or first shows the summary."""
    return post.get(FINISH_FIELD) in (CONFIRMED, TIME_UP) or attempt.is_past_deadline()


def _state(question: dict, response) -> str:
    if response in (None, "", [], {}):
        return NOT_ANSWERED
    if question["type"] == q.MATCHING and isinstance(response, dict):
        given = sum(1 for value in response.values() if value)
        if given == 0:
            return NOT_ANSWERED
        return ANSWERED if given >= len(question["items"]) else PARTLY_ANSWERED
    return ANSWERED


def summary_context(*, attempt: Attempt, now=None) -> dict:
    """One query: the saved answers, read against what the learner sees of the questions
    (never the answer key)."""
    saved = dict(attempt.answers.values_list("question_key", "response"))
    rows = [
        {
            "number": number,
            "id": question["id"],
            "text": question["text"],
            "state": _state(question, saved.get(str(question["id"]))),
        }
        for number, question in enumerate(learner_view(attempt.frozen), start=1)
    ]
    unanswered = [row for row in rows if row["state"] != ANSWERED]
    seconds_left = None
    if attempt.deadline:
        left = attempt.deadline - (now or timezone.now())
        seconds_left = max(0, int(left.total_seconds()))
    return {
        "attempt": attempt,
        "rows": rows,
        "answered_count": len(rows) - len(unanswered),
        "unanswered": unanswered,
        "minutes_left": None if seconds_left is None else (seconds_left + 59) // 60,
        "finish_field": FINISH_FIELD,
        "confirmed": CONFIRMED,
        "time_up": TIME_UP,
    }
