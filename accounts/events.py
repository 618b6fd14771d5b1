"""Events that ``accounts`` publishes for the apps that depend on it.

``account_deleting`` is sent with ``user_id`` while a learner's account is being closed,
inside the transaction that anonymises it and before anything is changed: a receiver may
still read what it needs, and whatever it writes is committed or rolled back with the
deletion, so an account is never half-closed. Receivers change only their own app's records
and queue no work (nothing may be sent to the address that is about to disappear). What
each app does is its documented policy (README, "Security and privacy").
"""

from django.dispatch import Signal

account_deleting = Signal()


def publish_account_deleting(*, user_id: int) -> None:
    account_deleting.send(sender="accounts", user_id=user_id)


# ``unit_leaving`` is sent with ``user_id`` and ``unit_id`` when a person leaves a unit (to
# join another, or none), inside the transaction that moves them and before their unit
# changes. A receiver keeps what the unit's records must keep (``courses`` marks the
# enrolments completed so far as reported in that unit), and queues no work.
unit_leaving = Signal()


def publish_unit_leaving(*, user_id: int, unit_id: int) -> None:
    unit_leaving.send(sender="accounts", user_id=user_id, unit_id=unit_id)
