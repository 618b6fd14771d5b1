"""Reading answers out of a plain form post, so that quizzes work without JavaScript.

Field names: ``q<id>`` for one value (a choice id, a text, a number), repeated for
multiple choice; ``q<id>-<item id>`` for each item of a matching question.
"""

from assessments import questions as q


def responses_from_post(post, frozen: dict, only: str | None = None) -> dict[str, object]:
    responses = {}
    for item in frozen["questions"]:
        key = str(item["id"])
        if only is not None and key != only:
            continue
        field = f"q{key}"
        if item["type"] == q.MULTIPLE:
            if field in post or f"{field}-present" in post:
                responses[key] = [_int(v) for v in post.getlist(field) if _int(v) is not None]
        elif item["type"] == q.MATCHING:
            pairs = {
                str(choice["id"]): post.get(f"{field}-{choice['id']}", "")
                for choice in item["choices"]
                if f"{field}-{choice['id']}" in post
            }
            if pairs:
                responses[key] = {k: v for k, v in pairs.items() if v}
        elif field in post:
            value = post.get(field, "")
            responses[key] = _int(value) if item["type"] in (q.SINGLE, q.TRUE_FALSE) else value
    return responses


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
