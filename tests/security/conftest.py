# The browser check of the Content-Security-Policy uses the browser journeys' fixtures.
from tests.e2e.conftest import browser, page, step  # noqa: F401
