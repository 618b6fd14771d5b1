"""The roles of docs/targets.md, as Django groups. The data migration and the demo data use
these names; nothing else should spell them."""

LEARNERS = "Learners"
TRAINERS = "Trainers"
LEAD_TRAINERS = "Lead trainers"
MANAGERS = "Managers"
ADMINISTRATORS = "Administrators"

ALL_ROLES = [LEARNERS, TRAINERS, LEAD_TRAINERS, MANAGERS, ADMINISTRATORS]
