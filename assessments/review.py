"""The result page: score, pass or fail, attempts left, and the review the quiz's policy
allows. Correct answers are shown only when the policy says so, and so are the marks per
question: "0 of 1 points" beside an answer tells which answers were right as plainly as the
key (issue 12, finding 3). With answers hidden, a learner sees the answers they gave and the
total. Where they are shown, each answer is marked right, partly right or wrong by an icon,
a colour and a word (issue 16), and the page ends with the way on (``way_on``)."""

from assessments import questions as q
from assessments.frozen import thaw_questions
from assessments.grading import grade_question
from assessments.models import Quiz
from assessments.selectors import attempts_summary, quiz_as_taken
from assessments.way_on import way_on_after

CORRECT, PARTLY_CORRECT, INCORRECT = "correct", "partial", "incorrect"


def review_allowed(attempt) -> bool:
    policy = attempt.frozen["review_policy"]
    return policy == Quiz.ReviewPolicy.ALWAYS or (
        policy == Quiz.ReviewPolicy.AFTER_PASS and bool(attempt.passed)
    )


def result_context(*, attempt) -> dict:
    summary = attempts_summary(user=attempt.user, quiz=attempt.quiz, cycle=attempt.cycle)
    show_answers = review_allowed(attempt)
    responses = attempt.graded_responses
    if responses is None:
        responses = dict(attempt.answers.values_list("question_key", "response"))
    items = []
    for question in thaw_questions(attempt.frozen):
        response = responses.get(str(question.id))
        item = {"question": question, "your_answer": describe_response(question, response)}
        if show_answers:
            graded = grade_question(question, response)
            item |= {
                "score": graded.score,
                "is_correct": graded.is_correct,
                "mark": mark_of(graded),
                "feedback": graded.feedback,
                "correct_answer": describe_correct(question),
                "explanation": question.general_feedback,
            }
        items.append(item)
    can_retry = not summary.passed and (summary.left is None or summary.left > 0)
    # The quiz, its course and the next step in the language the attempt was taken in.
    quiz = quiz_as_taken(attempt=attempt)
    return {
        "attempt": attempt,
        "quiz": quiz,
        "summary": summary,
        "show_answers": show_answers,
        "items": items,
        "can_retry": can_retry,
        "retry_quiz": quiz.id if can_retry else None,
        "way_on": way_on_after(
            user=attempt.user, quiz=quiz, passed=summary.passed, cycle=attempt.cycle
        ),
    }


def mark_of(graded) -> str:
    if graded.is_correct:
        return CORRECT
    return PARTLY_CORRECT if graded.fraction > 0 else INCORRECT


def describe_response(question: q.QuestionData, response) -> str:
    by_id = {choice.id: choice for choice in question.choices}
    if response in (None, "", [], {}):
        return ""
    if question.type in (q.SINGLE, q.TRUE_FALSE):
        choice = by_id.get(response) if isinstance(response, int) else None
        return choice.text if choice else ""
    if question.type == q.MULTIPLE and isinstance(response, list):
        return "; ".join(by_id[i].text for i in response if i in by_id)
    if question.type == q.MATCHING and isinstance(response, dict):
        return "; ".join(
            f"{by_id[int(k)].text} → {v}"
            for k, v in response.items()
            if k.isdigit() and int(k) in by_id
        )
    return str(response)


def describe_correct(question: q.QuestionData) -> str:
    if question.type == q.MATCHING:
        return "; ".join(f"{c.text} → {c.match_text}" for c in question.choices)
    if question.type == q.NUMERIC:
        return "; ".join(
            f"{c.numeric_value} ± {c.numeric_tolerance}"
            if c.numeric_tolerance
            else str(c.numeric_value)
            for c in question.choices
            if c.is_correct
        )
    return "; ".join(c.text for c in question.choices if c.is_correct)
