"""What ``assessments`` holds about a learner, for the personal-data export (accounts.privacy).

Questions are exported as the learner saw them (``frozen.learner_view``): texts and options,
never which options are right, so an export taken during an open attempt leaks no key. Per
question scores are left out for the same reason: the quiz's review policy decides what a
learner learns about each answer. Two queries whatever the number of attempts.
"""

from assessments.frozen import learner_view
from assessments.models import Attempt


def export_attempts(user) -> list[dict]:
    attempts = (
        Attempt.objects.filter(user=user)
        .select_related("quiz")
        .prefetch_related("answers")
        .order_by("started_at", "pk")
    )
    return [_attempt(attempt) for attempt in attempts]


def _attempt(attempt: Attempt) -> dict:
    texts = {str(item["id"]): item["text"] for item in learner_view(attempt.frozen)}
    submitted = not attempt.is_open
    return {
        "quiz": attempt.frozen.get("title") or attempt.quiz.title,
        "quiz_id": attempt.quiz_id,
        "cycle": attempt.cycle,
        "number": attempt.number,
        "status": attempt.status,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "score": attempt.score if submitted else None,
        "max_score": attempt.max_score,
        "percent": attempt.percent if submitted else None,
        "passed": attempt.passed if submitted else None,
        "answers": [
            {
                "question": texts.get(answer.question_key, ""),
                "question_key": answer.question_key,
                "response": answer.response,
                "saved_at": answer.saved_at,
            }
            for answer in sorted(attempt.answers.all(), key=lambda a: (a.saved_at, a.pk))
        ],
    }
