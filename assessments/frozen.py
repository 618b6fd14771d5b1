"""The frozen copy of a quiz that an attempt keeps: questions drawn and shuffled once, with
ids for every question and choice, stored as JSON and read back as ``QuestionData``.

Choice ids are what the attempt page posts, so they are drawn at random for each attempt:
numbered in authoring order, they told anyone that ``1`` is the answer an author writes
first, usually the right one (issue 12, finding 3). Attempts frozen before that keep their
1, 2, 3...: grading only matches ids, so both shapes grade and review the same way.
"""

import random
from dataclasses import asdict
from decimal import Decimal

from assessments import questions as q

_DECIMAL_FIELDS = {"points", "weight", "numeric_value", "numeric_tolerance"}
# Six digits: never a position (0, 1, 2...), still an int for the responses' stored shape.
CHOICE_IDS = range(100_000, 1_000_000)


def freeze_quiz(quiz, *, rng: random.Random | None = None) -> dict:
    rng = rng or random.SystemRandom()
    keyed = quiz.question_data()
    if quiz.draw_count and quiz.draw_count < len(keyed):
        keyed = rng.sample(keyed, quiz.draw_count)
    elif quiz.shuffle_questions:
        keyed = rng.sample(keyed, len(keyed))
    questions = []
    for key, question in keyed:
        # The block id: stable across edits and shuffles, so answers group by question.
        question.id = key
        for choice, choice_id in zip(
            question.choices, rng.sample(CHOICE_IDS, len(question.choices)), strict=True
        ):
            choice.id = choice_id
        if quiz.shuffle_choices and question.type in (q.SINGLE, q.MULTIPLE):
            rng.shuffle(question.choices)
        questions.append(q.json_ready(asdict(question)))
    return {
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "review_policy": quiz.review_policy,
        "questions": questions,
        "match_options": {
            str(item["id"]): sorted(
                {c["match_text"] for c in item["choices"]}, key=lambda _: rng.random()
            )
            for item in questions
            if item["type"] == q.MATCHING
        },
    }


def thaw_questions(frozen: dict) -> list[q.QuestionData]:
    result = []
    for item in frozen["questions"]:
        fields = {k: v for k, v in item.items() if k != "choices"}
        fields["points"] = Decimal(fields["points"])
        choices = [q.ChoiceData(**_decimals(choice)) for choice in item["choices"]]
        result.append(q.QuestionData(**fields, choices=choices))
    return result


def max_score(frozen: dict) -> Decimal:
    return sum((Decimal(item["points"]) for item in frozen["questions"]), Decimal("0"))


def _decimals(choice: dict) -> dict:
    return {
        k: (Decimal(v) if k in _DECIMAL_FIELDS and v is not None else v) for k, v in choice.items()
    }


def learner_view(frozen: dict) -> list[dict]:
    """What a learner may see of the questions before submitting: texts and option ids,
    never which options are right, their weights, feedback or the matching pairs.

    Templates of the attempt page only ever receive this, so an answer key cannot leak
    into HTML, JSON or data attributes by accident.
    """
    view = []
    for item in frozen["questions"]:
        entry = {
            "id": item["id"],
            "type": item["type"],
            "text": item["text"],
            "points": item["points"],
        }
        if item["type"] in (q.SINGLE, q.MULTIPLE, q.TRUE_FALSE):
            entry["choices"] = [{"id": c["id"], "text": c["text"]} for c in item["choices"]]
        elif item["type"] == q.MATCHING:
            # A choice without a left-hand text only adds a distractor to the options.
            entry["items"] = [
                {"id": c["id"], "text": c["text"]} for c in item["choices"] if c["text"].strip()
            ]
            entry["options"] = frozen["match_options"][str(item["id"])]
        view.append(entry)
    return view


def model_answers(frozen: dict) -> dict[str, object]:
    """Responses that score full marks: for demo data and tests, never sent to a browser."""
    responses: dict[str, object] = {}
    for item in frozen["questions"]:
        correct = [c for c in item["choices"] if c["is_correct"]]
        key = str(item["id"])
        if item["type"] in (q.SINGLE, q.TRUE_FALSE):
            best = max(item["choices"], key=lambda c: (c["is_correct"], Decimal(c["weight"] or 0)))
            responses[key] = best["id"]
        elif item["type"] == q.MULTIPLE:
            positive = [c["id"] for c in item["choices"] if Decimal(c["weight"] or 0) > 0]
            responses[key] = (
                positive
                if any(c["weight"] for c in item["choices"])
                else [c["id"] for c in correct]
            )
        elif item["type"] == q.SHORT_TEXT:
            responses[key] = correct[0]["text"]
        elif item["type"] == q.NUMERIC:
            responses[key] = str(correct[0]["numeric_value"])
        elif item["type"] == q.MATCHING:
            responses[key] = {str(c["id"]): c["match_text"] for c in item["choices"] if c["text"]}
    return responses
