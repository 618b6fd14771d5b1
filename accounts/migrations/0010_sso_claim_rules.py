"""Single sign-on rules (issue 14, item 2), kept by administrators: the Administrators group
gets the model's four permissions, as with the e-mail domain rules (0008). Managers get none:
a rule places people and gives roles without anyone's approval."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


CODENAMES = [f"{action}_ssoclaimrule" for action in ("add", "change", "delete", "view")]


def _group_and_permissions(apps):
    for app_config in apps.get_app_configs():  # permissions are created after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Administrators").first()
    permissions = Permission.objects.filter(
        content_type__app_label="accounts", codename__in=CODENAMES
    )
    return group, list(permissions)


def grant(apps, schema_editor):
    group, permissions = _group_and_permissions(apps)
    if group:
        group.permissions.add(*permissions)


def withdraw(apps, schema_editor):
    group, permissions = _group_and_permissions(apps)
    if group:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_compliance"),
    ]

    operations = [
        migrations.CreateModel(
            name="SsoClaimRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "provider_id",
                    models.SlugField(
                        help_text="The provider's name in OIDC_PROVIDERS, such as ministry.",
                        max_length=40,
                        verbose_name="provider",
                    ),
                ),
                (
                    "claim",
                    models.CharField(
                        help_text="The claim's name, such as department or groups; a dot reaches inside an object (realm_access.roles).",
                        max_length=100,
                        verbose_name="claim",
                    ),
                ),
                ("value", models.CharField(max_length=200, verbose_name="value")),
                (
                    "placement",
                    models.CharField(
                        choices=[
                            ("place", "Place directly in the unit"),
                            ("request", "Ask the unit's managers to approve"),
                        ],
                        default="request",
                        max_length=10,
                        verbose_name="what happens",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("Learners", "Learner"),
                            ("Trainers", "Trainer"),
                            ("Lead trainers", "Lead trainer"),
                        ],
                        max_length=40,
                        verbose_name="role",
                    ),
                ),
                (
                    "priority",
                    models.PositiveSmallIntegerField(
                        default=100,
                        help_text="When several rules with a unit match, the lowest number decides.",
                        verbose_name="priority",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sso_claim_rules",
                        to="accounts.organisation",
                        verbose_name="unit",
                    ),
                ),
            ],
            options={
                "verbose_name": "single sign-on rule",
                "verbose_name_plural": "single sign-on rules",
                "ordering": ["provider_id", "priority", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("provider_id", "claim", "value"),
                        name="one_sso_rule_per_claim_value",
                        violation_error_message="Another rule already covers this claim and value.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("role", ""), ("unit__isnull", True), _negated=True),
                        name="sso_rule_does_something",
                        violation_error_message="Choose a unit, a role, or both.",
                    ),
                ],
            },
        ),
        migrations.RunPython(grant, withdraw),
    ]
