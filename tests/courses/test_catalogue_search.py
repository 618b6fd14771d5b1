"""The catalogue search takes whatever a visitor types: quotes, stars, brackets and the
backends' own operators (FTS5's NEAR, AND, NOT, ^, column filters; PostgreSQL's &, |, !,
<->, :*) search as words, and a query with no words finds nothing. Never the 503 page a
full-text syntax error used to give (`/courses/?q="` on SQLite).

Runs on the test database whatever it is: SQLite here, PostgreSQL in CI."""

import pytest

from courses.search import search_words
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

TITLE = "Detecting forged passports"

# Each is tried alone and around the words of a course: `"passports`, `passports"`…
SYNTAX = [
    '"', '""', '"""', "'", "''", "*", "**", "(", ")", "()", "((", "{", "}", "[", "]",
    ":", "::", "^", "-", "--", "+", "!", "&", "|", "<", ">", "<->", "~", "\\", "\\\\",
    "%", "_", "?", ";", ",", ".", "#", "@", "$", "=", "/", "`", "\u200b",
    "NEAR", "NEAR(", "NEAR/2", "AND", "OR", "NOT", "and", "or", "not",
    "title:", "{title}:", "title : x", "body:*", "*:", ":*", "'a':*", "!!", "&&", "||",
    "'; DROP TABLE wagtailsearch_indexentry; --", '" OR 1=1 --', "\\'", "\\\"",
]  # fmt: skip
SHAPES = ["{}", "{}passports", "passports{}", "{}passports{}", "forged {} passports"]


@pytest.fixture
def catalogue(client):
    make_course(modules=0, title=TITLE)
    make_course(modules=0, title="Labour market integration")
    return lambda q: client.get("/courses/", {"q": q})


@pytest.mark.parametrize("syntax", SYNTAX)
def test_search_syntax_searches_as_words_and_never_fails(catalogue, syntax):
    for shape in SHAPES:
        query = shape.replace("{}", syntax)

        response = catalogue(query)

        assert response.status_code == 200, query
        html = response.content.decode()
        words = set(search_words(query))
        if not words:
            assert "No course matches" in html, query
        elif words <= {"forged", "passports"}:
            assert TITLE in html, query
            assert "Labour market integration" not in html, query


@pytest.mark.parametrize(
    "query", ["passports", "PASSPORTS", "forged passports", "Passports, forged", "forged-passports"]
)
def test_ordinary_queries_still_find_the_course(catalogue, query):
    html = catalogue(query).content.decode()

    assert TITLE in html
    assert "Labour market integration" not in html


def test_the_words_of_a_query_are_its_letters_and_numbers_in_any_script():
    assert search_words('"NEAR(passport* -visa)" OR x:1') == [
        "NEAR", "passport", "visa", "OR", "x", "1"
    ]  # fmt: skip
    assert search_words("l'intégration des migrants") == ["l", "intégration", "des", "migrants"]
    assert search_words("الهجرةُ النظامية") == ["الهجرةُ", "النظامية"]  # diacritics stay
    assert search_words("\"'*()") == []
    assert len(search_words("word " * 200)) == 20
