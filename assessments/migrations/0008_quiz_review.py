"""Quizzes go live through review (issue 14, item 4).

- Every existing quiz becomes live with a first revision made from what learners take now
  (the row), so that later edits are drafts beside it.
- Existing attempts name the revision they were taken with: the quiz's latest revision
  saved before the attempt started (before this change every save wrote the row and a
  revision together, so that revision is what the attempt froze). An attempt with no
  earlier revision is left empty.
- Quiz snippets get the pages' "Lead trainer approval" workflow (created here if a site
  has none).
- Trainers may lock a quiz while they edit it; lead trainers and administrators may also
  publish and unlock. Publishing is what the workflow's approval does, so trainers never
  hold it.
"""

from django.db import migrations
from django.db.models import IntegerField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields

ROLE_PERMISSIONS = {
    "Trainers": ["lock_quiz"],
    "Lead trainers": ["publish_quiz", "lock_quiz", "unlock_quiz"],
    "Administrators": ["publish_quiz", "lock_quiz", "unlock_quiz"],
}
PERMISSION_NAMES = {
    "publish_quiz": "Can publish quiz",
    "lock_quiz": "Can lock quiz",
    "unlock_quiz": "Can unlock quiz",
}


def _quiz_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="assessments", model="quiz")[0]


def grant_permissions(apps, content_type):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for codename, name in PERMISSION_NAMES.items():
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group:
            group.permissions.add(
                *Permission.objects.filter(content_type=content_type, codename__in=codenames)
            )


def assign_workflow(apps, content_type):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, created = Workflow.objects.get_or_create(
        name="Lead trainer approval", defaults={"active": True}
    )
    if created:
        task, task_created = GroupApprovalTask.objects.get_or_create(
            name="Lead trainer review",
            defaults={
                "active": True,
                "content_type": ContentType.objects.get_or_create(
                    app_label="wagtailcore", model="groupapprovaltask"
                )[0],
            },
        )
        if task_created:
            task.groups.set(Group.objects.filter(name="Lead trainers"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.update_or_create(
        content_type=content_type, defaults={"workflow": workflow}
    )


def make_quizzes_live(apps, content_type):
    Quiz = apps.get_model("assessments", "Quiz")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for quiz in Quiz.objects.all():
        content = get_serializable_data_for_fields(quiz)
        content.update(live=True, has_unpublished_changes=False, live_revision=None)
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(quiz.pk),
            object_str=quiz.title[:255],
            content=content,
            created_at=now,
        )
        Quiz.objects.filter(pk=quiz.pk).update(
            live=True,
            has_unpublished_changes=False,
            live_revision=revision,
            latest_revision=revision,
            first_published_at=now,
            last_published_at=now,
        )


def name_attempt_revisions(apps, content_type):
    Attempt = apps.get_model("assessments", "Attempt")
    Revision = apps.get_model("wagtailcore", "Revision")
    taken_with = (
        Revision.objects.annotate(quiz_pk=Cast("object_id", IntegerField()))
        .filter(
            base_content_type=content_type,
            quiz_pk=OuterRef("quiz_id"),
            created_at__lte=OuterRef("started_at"),
        )
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    Attempt.objects.filter(quiz_revision__isnull=True).update(quiz_revision=Subquery(taken_with))


def forwards(apps, schema_editor):
    content_type = _quiz_content_type(apps)
    grant_permissions(apps, content_type)
    assign_workflow(apps, content_type)
    # Attempts first: the revisions made now are later than every attempt.
    name_attempt_revisions(apps, content_type)
    make_quizzes_live(apps, content_type)


def backwards(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(content_type=_quiz_content_type(apps)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0007_quiz_draft_state"),
        ("courses", "0002_site_structure"),
        ("accounts", "0002_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
