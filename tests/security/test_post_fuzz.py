"""A fuzz of the main form endpoints: malformed, oversized and Unicode-edge payloads
(``tests/security/fuzz_payloads.py``), each sent by the role the endpoint is for.

Every response must be below 500, and a request the site turns down (a 4xx, a form shown
again with errors, a warning message) must leave the learner records as they were: no
enrolment, request, attempt, answer, account or certificate appears or changes.

Each payload runs in a savepoint rolled back afterwards, so every one meets the same state;
the summary of endpoints × payloads and the statuses seen is printed at the end.
"""

import copy
from collections import Counter, defaultdict

import pytest
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm
from django.test import Client
from django.test.utils import override_settings

from accounts.models import Cohort, Organisation, User
from assessments.models import Attempt, AttemptAnswer
from certificates.models import Certificate
from courses.models import Enrollment, EnrollmentRequest, StepCompletion
from tests.security.fuzz_endpoints import ENDPOINTS, Endpoint, World, _build_world
from tests.security.fuzz_payloads import CSV_FILES, PAYLOADS, multipart_data, urlencoded

# What a turned-down request must not touch: every row of these, with the fields that matter.
WATCHED = {
    User: ("email", "full_name", "preferred_language", "organisation_id", "is_active"),
    EmailAddress: ("email", "verified"),
    Enrollment: ("user_id", "course_id", "status", "due_at", "cycle"),
    EnrollmentRequest: ("status", "message"),
    StepCompletion: ("enrollment_id", "step_key"),
    Attempt: ("status", "score"),
    AttemptAnswer: ("question_key", "response"),
    Certificate: ("revoked_at",),
    Organisation: ("name",),
    Cohort: ("name",),
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("fuzz-media")
    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4")
        with override_settings(MEDIA_ROOT=media):
            yield _build_world()
        transaction.set_rollback(True)


SUMMARY: dict[str, Counter] = defaultdict(Counter)


@pytest.fixture(scope="module", autouse=True)
def _print_summary(request):
    yield
    if not SUMMARY:
        return
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    tried = sum(sum(statuses.values()) for statuses in SUMMARY.values())
    with capture.global_and_fixture_disabled():
        reporter.write_line("")
        reporter.write_line(f"POST fuzz: {len(SUMMARY)} endpoints and addresses, {tried} requests")
        for name, statuses in SUMMARY.items():
            seen = ", ".join(f"{code}×{n}" for code, n in sorted(statuses.items(), key=str))
            reporter.write_line(f"  {name:<45} {sum(statuses.values()):>4} payloads  {seen}")


@pytest.fixture(autouse=True)
def _generous_verification_limit(settings):
    """The verification page's per-client limit would answer 429 to most of the fuzz."""
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 100_000


# --- sending and judging --------------------------------------------------------------------


def _state() -> dict:
    return {
        model.__name__: list(model.objects.order_by("pk").values_list("pk", *fields))
        for model, fields in WATCHED.items()
    }


def _turned_down(response) -> bool:
    if response.status_code >= 400:
        return True
    queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
    if any(message.level >= messages.WARNING for message in queued):
        return True
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in filter(None, contexts):
        for value in context.flatten().values():
            if isinstance(value, BaseForm) and value.is_bound and value.errors:
                return True
    return False


# gunicorn refuses a request line over 4,094 bytes and nginx one over 8 kB (414), so a
# query string longer than this never reaches Django.
MAX_QUERY_STRING = 8_192


def _send(client: Client, endpoint: Endpoint, url: str, pairs, upload: bytes | None = None):
    if endpoint.method == "get":
        return client.get(f"{url}?{urlencoded(pairs).decode()}", headers=endpoint.headers)
    if endpoint.multipart:
        data = multipart_data(pairs)
        data["file"] = SimpleUploadedFile("staff.csv", upload or b"", content_type="text/csv")
        return client.post(url, data, headers=endpoint.headers)
    return client.post(
        url,
        urlencoded(pairs),
        content_type="application/x-www-form-urlencoded",
        headers=endpoint.headers,
    )


def _client_for(world: World, role: str | None) -> Client:
    client = Client(raise_request_exception=False)
    if role is not None:
        client.force_login(getattr(world, role))
    return client


def _try(client, endpoint, url, label, pairs, before, upload=None, *, writes_nothing=False):
    """Send one payload in a savepoint that is rolled back, so every payload meets the state
    ``before``; return what went wrong. ``writes_nothing``: even an accepted request (a
    preview) must not write."""
    if endpoint.method == "get" and len(urlencoded(pairs)) > MAX_QUERY_STRING:
        SUMMARY[endpoint.name]["skipped (URL too long for any server)"] += 1
        return []
    problems = []
    cookies = copy.deepcopy(client.cookies)  # a payload that signs out must not sign out the next
    with transaction.atomic():
        response = _send(client, endpoint, url, pairs, upload)
        status = response.status_code
        SUMMARY[endpoint.name][status] += 1
        if status >= 500:
            problems.append(f"{endpoint.name} / {label}: HTTP {status}")
        elif (writes_nothing or _turned_down(response)) and _state() != before:
            changed = [k for k, rows in _state().items() if rows != before[k]]
            problems.append(
                f"{endpoint.name} / {label}: turned down ({status}) but wrote {changed}"
            )
        transaction.set_rollback(True)
    client.cookies = cookies
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_no_payload_gives_a_server_error_or_a_partial_write(world, endpoint):
    client = _client_for(world, endpoint.role)
    url = endpoint.url(world)
    valid = endpoint.fields(world)
    upload = CSV_FILES["header only"] if endpoint.multipart else None

    before = _state()
    problems = []
    for label, payload in PAYLOADS.items():
        problems += _try(client, endpoint, url, label, payload(valid), before, upload)

    assert problems == []


@pytest.mark.django_db
def test_no_csv_file_gives_a_server_error_and_a_preview_imports_nothing(world):
    endpoint = next(e for e in ENDPOINTS if e.multipart)
    client = _client_for(world, endpoint.role)
    valid = list(endpoint.fields(world).items())

    before = _state()
    problems = []
    for label, data in CSV_FILES.items():
        problems += _try(
            client, endpoint, endpoint.url(world), label, valid, before, data, writes_nothing=True
        )

    assert problems == []


BAD_IDS = ["0", "2147483648", "9223372036854775808", "9" * 40]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "template",
    [
        "/learning/courses/{}/enrol/",
        "/learning/courses/{}/request/",
        "/learning/courses/{}/request/withdraw/",
        "/learning/lessons/{}/complete/",
        "/learning/quizzes/{}/start/",
        "/learning/attempts/{}/answer/",
        "/learning/attempts/{}/submit/",
        "/admin/enrolment-requests/{}/",
        "/certificates/{}/recertify/",
    ],
)
def test_ids_in_the_address_that_name_nothing_are_not_found(world, template):
    learner = _client_for(world, "learner")
    manager = _client_for(world, "manager")
    client = manager if template.startswith("/admin/") else learner
    codes = ["WP-0000-0000-0000-0000", "%00", "a%00b", "%ED%A0%80", "x" * 2_000]

    for bad in BAD_IDS + (codes if "certificates" in template else []):
        with transaction.atomic():
            before = _state()
            response = client.post(template.format(bad))
            SUMMARY[f"bad id in {template}"][response.status_code] += 1
            assert response.status_code == 404, (template, bad)
            assert _state() == before
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["/", ".json"])
def test_any_code_in_the_verification_address_is_an_answer_not_an_error(world, suffix):
    client = Client(raise_request_exception=False)
    for code in ["%00", "WP-%00", "a%00b", "%ED%A0%80", "%FF", "\u202e", "x" * 5_000, "%2e%2e"]:
        response = client.get(f"/certificates/verify/{code}{suffix}")
        SUMMARY[f"verify address …{suffix}"][response.status_code] += 1
        assert response.status_code == 404, code
