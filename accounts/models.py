from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from . import roles


class Organisation(MP_Node):
    """A ministry, agency, mission or one of their units. Managers see subtrees."""

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code.")
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with their e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=200,
        blank=True,
        help_text=_("Your name exactly as it should appear on certificates."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    images_on_tap = models.BooleanField(
        _("show images only when I tap them"),
        default=False,
        help_text=_(
            "Lessons show a button in place of each picture, and load it only when you tap it. "
            "Saves data on a slow or costly connection."
        ),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    managed_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("manages"),
        blank=True,
        related_name="managers",
        help_text=_(
            "Organisation units this person manages. A manager sees reports for these units "
            "and every unit below them, nothing else."
        ),
    )
    receives_overdue_digest = models.BooleanField(
        _("weekly digest of overdue staff"),
        default=True,
        help_text=_("Managers only: a weekly e-mail listing staff with overdue courses."),
    )
    receives_compliance_digest = models.BooleanField(
        _("monthly summary of lapsing certificates"),
        default=True,
        help_text=_(
            "Managers only: a monthly e-mail listing the required certificates of their staff "
            "that lapse next month."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        # Reports list learners by name (docs/reports.md).
        indexes = [
            models.Index(fields=["full_name", "email"], name="user_name_email_idx"),
            # The compliance report: the active people of a set of units, from the index.
            models.Index(
                fields=["organisation", "id"],
                condition=models.Q(is_active=True),
                name="user_active_by_unit_idx",
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Cohort(models.Model):
    """A named group of learners assigned courses together, such as "2026 airport intake".

    A cohort belongs to an organisation unit: its managers (and the managers above it) see
    and assign to it. Members may come from anywhere in that unit's subtree.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="cohorts",
    )
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        User, verbose_name=_("members"), blank=True, related_name="cohorts"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self):
        return self.name


class MembershipRequest(models.Model):
    """A person asking to join a unit (or to move to another one). Until a manager of the
    unit, or of a unit above it, approves it, the person stays where they were: a new
    sign-up in no unit, a mover in their old one (``accounts.services.membership``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note to the person"), blank=True)
    # The deciders are told once the person's address is verified (a request filed at
    # sign-up waits for the confirmation link), and only once.
    deciders_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("unit request")
        verbose_name_plural = _("unit requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_membership_request",
            ),
        ]
        indexes = [
            models.Index(
                fields=["unit", "requested_at"],
                condition=models.Q(status="pending"),
                name="membership_request_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.unit_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class UnitDomainRule(models.Model):
    """People who sign up with a verified address at ``domain`` join ``unit``: at once
    (``place``), or by a request its managers decide (``request``)."""

    class Mode(models.TextChoices):
        PLACE = "place", _("Place directly in the unit")
        REQUEST = "request", _("Ask the unit's managers to approve")

    domain = models.CharField(
        _("e-mail domain"),
        max_length=253,
        unique=True,
        help_text=_(
            "The part of the address after @, such as border.gov.example. Only that exact "
            "domain matches, not its subdomains."
        ),
    )
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="domain_rules",
    )
    mode = models.CharField(_("what happens"), max_length=10, choices=Mode.choices)

    class Meta:
        verbose_name = _("e-mail domain rule")
        verbose_name_plural = _("e-mail domain rules")
        ordering = ["domain"]

    def __str__(self):
        return self.domain


class SsoClaimRule(models.Model):
    """What a claim of a single sign-on provider says about a person: ``claim`` equal to
    ``value`` (or, for a list such as ``groups``, containing it) puts them in ``unit``, at
    once or by a request its managers decide, and gives them ``role``. Applied at every
    sign-in through the provider (``accounts.services.sso``); the first matching rule with a
    unit decides the unit, every matching rule gives its role."""

    class Placement(models.TextChoices):
        PLACE = "place", _("Place directly in the unit")
        REQUEST = "request", _("Ask the unit's managers to approve")

    # Roles a claim may give. Managers need units to manage and administrators hold every
    # permission: a person grants those, never a claim.
    ROLE_CHOICES = [
        (roles.LEARNERS, _("Learner")),
        (roles.TRAINERS, _("Trainer")),
        (roles.LEAD_TRAINERS, _("Lead trainer")),
    ]

    provider_id = models.SlugField(
        _("provider"),
        max_length=40,
        help_text=_("The provider's name in OIDC_PROVIDERS, such as ministry."),
    )
    claim = models.CharField(
        _("claim"),
        max_length=100,
        help_text=_(
            "The claim's name, such as department or groups; a dot reaches inside an object "
            "(realm_access.roles)."
        ),
    )
    value = models.CharField(_("value"), max_length=200)
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sso_claim_rules",
    )
    placement = models.CharField(
        _("what happens"),
        max_length=10,
        choices=Placement.choices,
        default=Placement.REQUEST,
    )
    role = models.CharField(_("role"), max_length=40, choices=ROLE_CHOICES, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=100,
        help_text=_("When several rules with a unit match, the lowest number decides."),
    )

    class Meta:
        verbose_name = _("single sign-on rule")
        verbose_name_plural = _("single sign-on rules")
        ordering = ["provider_id", "priority", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_id", "claim", "value"],
                name="one_sso_rule_per_claim_value",
                violation_error_message=_("Another rule already covers this claim and value."),
            ),
            models.CheckConstraint(
                condition=~models.Q(unit__isnull=True, role=""),
                name="sso_rule_does_something",
                violation_error_message=_("Choose a unit, a role, or both."),
            ),
        ]

    def __str__(self):
        return f"{self.provider_id}: {self.claim} = {self.value}"
