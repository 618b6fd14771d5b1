"""The SQLite half of ``config.search_backend``: imported only when the database is
SQLite, since Wagtail defines the FTS5 index model only then."""

from django.db import OperationalError
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import Phrase, PlainText

from config.search_backend import is_search_syntax_error


def _quotes_doubled(query):
    if isinstance(query, PlainText):
        return PlainText(
            query.query_string.replace('"', '""'), operator=query.operator, boost=query.boost
        )
    if isinstance(query, Phrase):
        return Phrase(query.query_string.replace('"', '""'))
    return query  # And, Or, Not…: their parts come back through here one by one


class QuotedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_quotes_doubled(query), config=config)


class QuotedSQLiteAutocompleteQueryCompiler(SQLiteAutocompleteQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(_quotes_doubled(query), config=config)


class SyntaxSafeSQLiteSearchResults(SQLiteSearchResults):
    def _do_search(self):
        try:
            return super()._do_search()
        except OperationalError as error:
            if not is_search_syntax_error(error):
                raise
            return []

    def _do_count(self):
        try:
            return super()._do_count()
        except OperationalError as error:
            if not is_search_syntax_error(error):
                raise
            return 0


class QuotedSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = QuotedSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = QuotedSQLiteAutocompleteQueryCompiler
    results_class = SyntaxSafeSQLiteSearchResults
