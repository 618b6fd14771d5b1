"""The public verification page, its JSON twin, the code form, the rate limit, and the
owner-only PDF download."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates.codes import generate_code, normalise_code
from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_revoke
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory
from tests.query_counts import assert_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def certificate():
    learner = UserFactory(full_name="Élodie Lefèvre", email="elodie.private@example.org")
    return certificate_issue(enrollment=complete_course(learner))


def test_a_valid_certificate_shows_its_facts_and_no_personal_data(client, certificate):
    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()

    assert "Valid certificate" in html
    assert "Élodie Lefèvre" in html and "Integrated Border Management" in html
    assert "elodie.private@example.org" not in html


def test_the_code_can_be_typed_loosely(client, certificate):
    typed = certificate.code.lower().replace("-", " ").replace("0", "o")

    response = client.get(reverse("certificates:verify_form"), {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:verify", args=[certificate.code])


def test_an_expired_certificate_says_so(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()

    assert "Expired certificate" in html


def test_a_revoked_certificate_says_so_with_date_and_reason(client, certificate):
    certificate_revoke(certificate=certificate, reason="misconduct", note="internal", user=None)

    html = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()

    # A neutral category, never the recorded reason (tests/security/test_verification_disclosure).
    assert "Revoked certificate" in html and "Withdrawn by the issuer" in html
    assert "internal" not in html and "misconduct" not in html.lower()
    assert data["status"] == "revoked" and data["revocation_reason"] == "withdrawn"


def test_an_unknown_code_is_a_friendly_404(client):
    response = client.get(reverse("certificates:verify", args=[generate_code()]))

    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_the_json_view_gives_machines_the_same_facts(client, certificate):
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()

    assert data["status"] == "valid" and data["holder_name"] == "Élodie Lefèvre"
    assert "email" not in data


def test_lookups_are_rate_limited_per_client(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 5
    codes = [generate_code() for _ in range(5)]

    statuses = [client.get(reverse("certificates:verify", args=[c])).status_code for c in codes]
    blocked = client.get(reverse("certificates:verify", args=[certificate.code]))
    other_client = client.get(
        reverse("certificates:verify", args=[certificate.code]), REMOTE_ADDR="203.0.113.9"
    )

    assert statuses == [404] * 5
    assert blocked.status_code == 429
    assert other_client.status_code == 200


def test_verification_costs_at_most_3_queries(client, certificate):
    url = reverse("certificates:verify", args=[certificate.code])
    client.get(url)

    with assert_queries(1) as context:
        client.get(url)
    assert len(context.captured_queries) <= 3


def test_only_the_owner_downloads_the_pdf(client, certificate):
    url = reverse("certificates:pdf", args=[certificate.code])

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(certificate.user)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_my_learning_lists_the_certificate_with_its_links(client, certificate):
    client.force_login(certificate.user)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert reverse("certificates:pdf", args=[certificate.code]) in html
    assert reverse("certificates:verify", args=[certificate.code]) in html


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "WP-",
        "WP-1234",
        "x" * 500,
        "WP-ABCD-EFGH-IJKL-MNOP-QRST",
        "<script>",
        "WP-UUUU-0000-0000-0000",
    ],
)
def test_malformed_codes_are_rejected_cleanly(client, typed):
    assert normalise_code(typed) is None
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code in (200, 400)


def test_administrators_list_and_export_but_never_add_or_delete(client, certificate):
    client.force_login(UserFactory(is_superuser=True))

    listing = client.get(reverse("wagtailsnippets_certificates_certificate:list"))
    export = client.get(reverse("wagtailsnippets_certificates_certificate:list"), {"export": "csv"})
    add = client.get(reverse("wagtailsnippets_certificates_certificate:add"))
    delete = client.post(
        reverse("wagtailsnippets_certificates_certificate:delete", args=[certificate.pk])
    )

    assert certificate.code in listing.content.decode()
    assert "Add certificate" not in listing.content.decode()
    assert certificate.code in b"".join(export.streaming_content).decode()
    assert add.status_code in (302, 403) and delete.status_code in (302, 403)
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_learners_and_managers_cannot_see_the_certificate_admin(client, certificate):
    for roles in (["Learners"], ["Managers"], ["Trainers"]):
        client.force_login(UserFactory(roles=roles))
        response = client.get(reverse("wagtailsnippets_certificates_certificate:list"))
        assert response.status_code in (302, 403), roles
    revoke = client.post(reverse("certificates_revoke", args=[certificate.pk]), {"reason": "other"})
    assert revoke.status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_a_course_zip_is_built_in_the_background_and_downloaded(client, certificate):
    import io
    import zipfile

    client.force_login(UserFactory(is_superuser=True))
    url = reverse("certificates_course_zip", args=[certificate.course_id])

    client.post(url)  # eager in tests: the task runs now
    response = client.get(url, {"download": "1"})

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == [f"{certificate.code}.pdf"]
    client.force_login(UserFactory(roles=["Trainers"]))
    assert client.get(url, {"download": "1"}).status_code in (302, 403)


def _through_two_proxies(client, url, *, forwarded_for: str):
    """A request as the app sees it behind two proxies: the outer one appended the client's
    address to X-Forwarded-For, the inner one appended the outer one's, and REMOTE_ADDR is
    the inner proxy."""
    return client.get(
        url,
        REMOTE_ADDR="10.0.0.3",
        HTTP_X_FORWARDED_FOR=f"{forwarded_for}, 10.0.0.2",
    )


def test_behind_the_proxy_each_client_has_its_own_budget(client, certificate, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2  # what TRUSTED_PROXY_COUNT=2 sets
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 5
    url = reverse("certificates:verify", args=[certificate.code])

    first = [_through_two_proxies(client, url, forwarded_for="198.51.100.1") for _ in range(5)]
    blocked = _through_two_proxies(client, url, forwarded_for="198.51.100.1")
    colleague = _through_two_proxies(client, url, forwarded_for="198.51.100.2")

    assert [r.status_code for r in first] == [200] * 5
    assert blocked.status_code == 429
    assert colleague.status_code == 200


def test_a_forged_forwarded_for_entry_does_not_buy_a_fresh_budget(client, certificate, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE = 5
    url = reverse("certificates:verify_json", args=[certificate.code])
    for _ in range(5):
        _through_two_proxies(client, url, forwarded_for="198.51.100.1")

    # The client sends its own X-Forwarded-For; the outer proxy appends the real address.
    forged = [
        _through_two_proxies(client, url, forwarded_for=f"203.0.113.{n}, 198.51.100.1")
        for n in range(1, 4)
    ]

    assert [r.status_code for r in forged] == [429] * 3


def test_a_forwarded_for_shorter_than_the_proxy_chain_is_not_a_server_error(
    client, certificate, settings
):
    """Someone reaching the app past the proxies, with a made-up header: counted by the
    address they connect from, not a 500."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    url = reverse("certificates:verify", args=[certificate.code])

    response = client.get(url, REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR="not-an-address")

    assert response.status_code == 200
