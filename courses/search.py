"""The catalogue's full-text search on what a visitor types.

A query is searched as its words, whatever else it holds: quotes, stars, brackets, dashes
and the search engines' operators (NEAR, AND, OR, NOT, `^`, `col:`; `&`, `|`, `!`, `<->`
and `:*` on PostgreSQL) separate words and mean nothing more, so the same query finds the
same courses on SQLite and on PostgreSQL. ``config.search_backend`` makes SQLite safe for
any text as well, for the admin's searches; this keeps the catalogue's meaning plain."""

import unicodedata

MAX_WORDS = 20  # each word is one more condition in the full-text query


def search_words(query: str) -> list[str]:
    """Runs of letters, marks and numbers, in any script: the marks keep Arabic diacritics
    and combining accents inside their word, as both databases' tokenisers do."""
    kept = (char if unicodedata.category(char)[0] in "LMN" else " " for char in query)
    return "".join(kept).split()[:MAX_WORDS]


def course_search(courses, query: str):
    """Courses matching every word of the query, the most relevant first; none for a query
    without a word in it (`"`, `*`, `()`)."""
    words = search_words(query)
    if not words:
        return courses.none()
    return courses.search(" ".join(words), operator="and", order_by_relevance=True)
