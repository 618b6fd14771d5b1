"""Joining a unit (issue 14, item 1): a learner asks, from the profile or at sign-up; a
manager of the unit, or above it, approves or declines; until then the learner is not in it.
The request always reaches someone who can decide, and the learner is told who."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from accounts.models import MembershipRequest
from accounts.selectors import deciders_for_unit
from accounts.services import (
    MembershipError,
    cohort_create,
    cohort_set_members,
    membership_request_create,
    membership_request_decide,
    user_update_profile,
)
from tests.factories.accounts import UserFactory
from tests.factories.approvals import administrator, make_tree, manager_of, person_in

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"
JOIN = "/accounts/profile/unit/"
WITHDRAW = "/accounts/profile/unit/withdraw/"
INDEX = "/admin/unit-requests/"


def decide_url(request):
    return f"{INDEX}{request.pk}/"


@pytest.fixture
def tree():
    return make_tree()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Mails go after the commit: run what a block queued when it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def border_manager(tree):
    return manager_of(tree.border_police, email="chief@border.example.org", full_name="Chief")


@pytest.fixture
def labour_manager(tree):
    return manager_of(tree.labour, email="chief@labour.example.org", full_name="Head of Labour")


def test_a_forged_profile_post_does_not_put_a_learner_in_a_unit(client, learner, tree):
    client.force_login(learner)

    response = client.post(
        PROFILE,
        {
            "full_name": learner.full_name,
            "preferred_language": "en",
            "organisation": tree.airport.pk,
        },
    )

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.organisation is None
    assert not MembershipRequest.objects.exists()


def test_the_profile_offers_to_ask_instead_of_a_free_choice(client, learner, tree):
    client.force_login(learner)

    content = client.get(PROFILE).content.decode()

    assert "You do not belong to a unit yet." in content
    assert f'action="{JOIN}"' in content
    assert "Ask to join a unit" in content
    assert 'name="organisation"' not in content


def test_asking_files_a_request_and_tells_the_learner_who_decides(
    client, learner, tree, border_manager, committed
):
    client.force_login(learner)

    with committed():
        response = client.post(JOIN, {"unit": tree.airport.pk}, follow=True)

    content = response.content.decode()
    # Nobody manages the Airport Unit itself: its parent's managers decide.
    assert "Your request to join Airport Unit was sent to the managers of Border Police." in (
        content
    )
    assert "You asked to join Airport Unit." in content
    assert f'action="{WITHDRAW}"' in content
    learner.refresh_from_db()
    assert learner.organisation is None  # not a member until approved
    request = MembershipRequest.objects.get(user=learner)
    assert (request.unit, request.status) == (tree.airport, MembershipRequest.Status.PENDING)
    (message,) = mail.outbox
    assert message.to == [border_manager.email]
    assert message.subject == "Request to join Airport Unit"
    assert decide_url(request) in message.body


def test_with_no_manager_up_the_tree_the_administrators_decide_and_the_learner_is_told(
    client, learner, tree, committed
):
    admin = administrator(email="admin@example.org")
    client.force_login(learner)

    with committed():
        response = client.post(JOIN, {"unit": tree.integration.pk}, follow=True)

    assert "was sent to the platform administrators." in response.content.decode()
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_deciders_are_the_nearest_managers_up_the_tree(tree, border_manager, labour_manager):
    airport_manager = manager_of(tree.airport, email="airport@example.org")
    admin = administrator(email="admin@example.org")

    assert deciders_for_unit(tree.airport).people == [airport_manager]
    assert deciders_for_unit(tree.land_border).people == [border_manager]
    assert str(deciders_for_unit(tree.land_border).description) == ("the managers of Border Police")
    assert deciders_for_unit(tree.integration).people == [labour_manager]
    assert deciders_for_unit(tree.interior).people == [admin]
    assert str(deciders_for_unit(None).description) == "the platform administrators"
    # The person asking never decides: the next managers up do.
    assert deciders_for_unit(tree.airport, exclude=airport_manager).people == [border_manager]


def test_the_learner_withdraws_their_request(client, learner, tree, border_manager):
    client.force_login(learner)
    client.post(JOIN, {"unit": tree.airport.pk})

    response = client.post(WITHDRAW, follow=True)

    assert "You withdrew your request to join Airport Unit." in response.content.decode()
    request = MembershipRequest.objects.get(user=learner)
    assert request.status == MembershipRequest.Status.WITHDRAWN
    learner.refresh_from_db()
    assert learner.organisation is None


def test_one_request_at_a_time_and_none_for_the_unit_one_is_in(client, tree, border_manager):
    mover = person_in(tree.airport)
    client.force_login(mover)

    same = client.post(JOIN, {"unit": tree.airport.pk})
    assert same.status_code == 400  # not offered: the form refuses it
    assert not MembershipRequest.objects.exists()

    client.post(JOIN, {"unit": tree.land_border.pk})
    second = client.post(JOIN, {"unit": tree.integration.pk})

    assert second.status_code == 400
    assert "Withdraw that request first." in second.content.decode()
    assert MembershipRequest.objects.filter(user=mover).count() == 1


@pytest.mark.parametrize("unit", ["", "not-a-number", "999999", "1; DROP TABLE accounts_user"])
def test_a_malformed_or_unknown_unit_is_refused_without_a_server_error(client, learner, unit):
    client.force_login(learner)

    response = client.post(JOIN, {"unit": unit})

    assert response.status_code == 400
    assert response.context["join_form"].errors["unit"]
    assert not MembershipRequest.objects.exists()


def test_withdrawing_with_nothing_pending_says_so(client, learner):
    client.force_login(learner)

    response = client.post(WITHDRAW, follow=True)

    assert "You have no request waiting for a decision." in response.content.decode()


# --- deciding ------------------------------------------------------------------------------------


@pytest.fixture
def joiner(tree):
    person = UserFactory(email="joiner@example.org", full_name="Nadia Joiner", roles=["Learners"])
    user_update_profile(user=person, preferred_language="fr")
    return person


@pytest.fixture
def pending(joiner, tree, border_manager):
    request = membership_request_create(user=joiner, unit=tree.airport)
    mail.outbox.clear()
    return request


def test_the_manager_approves_from_the_admin_and_the_learner_is_told_in_their_language(
    client, border_manager, pending, joiner, tree, committed
):
    client.force_login(border_manager)
    queue = client.get(INDEX).content.decode()
    assert "Nadia Joiner" in queue and "Airport Unit" in queue

    with committed():
        response = client.post(
            decide_url(pending), {"decision": "approve", "note": "Welcome to the airport."}
        )

    assert response.status_code == 302
    joiner.refresh_from_db()
    assert joiner.organisation == tree.airport
    pending.refresh_from_db()
    assert (pending.status, pending.decided_by) == ("approved", border_manager)
    (message,) = mail.outbox
    assert message.to == [joiner.email]
    assert message.body.startswith("Bonjour,")  # French, as she chose
    assert "> Welcome to the airport." in message.body
    entry = ModelLogEntry.objects.get(action="waypoint.membership.approve")
    assert entry.user == border_manager
    assert entry.data["from"] is None
    assert entry.data["to"]["code"] == tree.airport.code


def test_the_manager_declines_and_the_learner_stays_outside(
    client, border_manager, pending, joiner, committed
):
    client.force_login(border_manager)

    with committed():
        client.post(decide_url(pending), {"decision": "decline", "note": "Not our staff."})

    joiner.refresh_from_db()
    assert joiner.organisation is None
    pending.refresh_from_db()
    assert pending.status == "declined"
    (message,) = mail.outbox
    assert message.to == [joiner.email] and "> Not our staff." in message.body
    assert ModelLogEntry.objects.filter(action="waypoint.membership.decline").count() == 1


def test_a_manager_of_another_unit_cannot_see_or_decide_the_request(
    client, labour_manager, pending, joiner, committed
):
    client.force_login(labour_manager)

    assert "Nadia Joiner" not in client.get(INDEX).content.decode()
    assert client.get(decide_url(pending)).status_code == 404
    with committed():
        response = client.post(decide_url(pending), {"decision": "approve"})

    assert response.status_code == 404
    joiner.refresh_from_db()
    pending.refresh_from_db()
    assert (joiner.organisation, pending.status) == (None, "pending")
    with pytest.raises(PermissionDenied):
        membership_request_decide(membership_request=pending, decider=labour_manager, approve=True)
    assert mail.outbox == []


def test_a_manager_below_the_requested_unit_cannot_decide_it(client, tree, joiner):
    """A request for Border Police is beyond the Airport Unit's manager."""
    airport_manager = manager_of(tree.airport)
    request = membership_request_create(user=joiner, unit=tree.border_police)
    client.force_login(airport_manager)

    assert client.post(decide_url(request), {"decision": "approve"}).status_code == 404
    joiner.refresh_from_db()
    assert joiner.organisation is None


def test_nobody_decides_their_own_request(client, tree, border_manager):
    request = membership_request_create(user=border_manager, unit=tree.airport)
    client.force_login(border_manager)

    response = client.post(decide_url(request), {"decision": "approve"})

    assert response.status_code == 400
    assert "This is your own request" in response.content.decode()
    border_manager.refresh_from_db()
    assert border_manager.organisation is None


def test_a_decided_request_cannot_be_decided_again(client, border_manager, pending, joiner):
    membership_request_decide(membership_request=pending, decider=border_manager, approve=False)
    client.force_login(border_manager)

    response = client.post(decide_url(pending), {"decision": "approve"})

    assert response.status_code == 400
    joiner.refresh_from_db()
    assert joiner.organisation is None
    with pytest.raises(MembershipError):
        membership_request_decide(membership_request=pending, decider=border_manager, approve=True)


def test_moving_is_a_request_and_approval_drops_the_old_cohorts(client, tree, labour_manager):
    mover = person_in(tree.airport, full_name="Omar Mover")
    intake = cohort_create(name="Airport intake", organisation=tree.airport)
    ministry = cohort_create(name="Interior staff", organisation=tree.interior)
    cohort_set_members(cohort=intake, members=[mover])
    cohort_set_members(cohort=ministry, members=[mover])
    client.force_login(mover)
    client.post(JOIN, {"unit": tree.integration.pk})
    mover.refresh_from_db()
    assert mover.organisation == tree.airport  # until approved, still in the old unit
    request = MembershipRequest.objects.get(user=mover)

    client.force_login(labour_manager)
    client.post(decide_url(request), {"decision": "approve"})

    mover.refresh_from_db()
    assert mover.organisation == tree.integration
    assert list(mover.cohorts.all()) == []
    left = ModelLogEntry.objects.filter(action="waypoint.cohort.members")
    assert {entry.object_id for entry in left if entry.data["removed"] == [mover.pk]} >= {
        str(intake.pk),
        str(ministry.pk),
    }
    entry = ModelLogEntry.objects.get(action="waypoint.membership.approve")
    assert (entry.data["from"]["code"], entry.data["to"]["code"]) == (
        tree.airport.code,
        tree.integration.code,
    )


def test_the_queue_costs_the_same_queries_however_many_requests(client, tree, border_manager):
    from tests.query_counts import count_queries

    def load():
        return client.get(INDEX)

    client.force_login(border_manager)
    membership_request_create(user=person_in(None), unit=tree.airport)
    load()
    few, _ = count_queries(load)
    for unit in (tree.airport, tree.land_border, tree.border_police) * 3:
        membership_request_create(user=person_in(tree.integration), unit=unit)
    many, response = count_queries(load)

    assert few == many
    assert response.content.decode().count(INDEX) >= 10


def test_an_unverified_address_tells_no_decider_until_it_is_confirmed(tree, border_manager):
    person = UserFactory(verified=False, roles=["Learners"])
    EmailAddress.objects.create(user=person, email=person.email, verified=False, primary=True)

    request = membership_request_create(user=person, unit=tree.airport)

    assert mail.outbox == []
    assert request.deciders_told_at is None
