"""The site every install starts with: a home page, the catalogue at /courses/, the
trainers' page and media permissions on it, and the "Lead trainer approval" workflow.

Written with historical models, so treebeard's helpers are not available: paths, depths
and child counts are set by hand, as Wagtail's own initial-data migrations do.
"""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

STEPLEN = 4

PAGE_PERMISSIONS = {
    "Trainers": ["add_page", "change_page"],
    "Lead trainers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Administrators": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}
MEDIA_PERMISSIONS = ["add", "change", "choose"]
TOPIC_PERMISSIONS = {
    "Trainers": ["view_topic"],
    "Lead trainers": ["add_topic", "change_topic", "view_topic"],
    "Administrators": ["add_topic", "change_topic", "delete_topic", "view_topic"],
}


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def _create_home_and_catalogue(apps):
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    CourseIndexPage = apps.get_model("courses", "CourseIndexPage")

    locale = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Replace Wagtail's placeholder "Welcome" page with our home page.
        Page.objects.filter(
            depth=2, content_type=_content_type(apps, "wagtailcore", "page")
        ).delete()
        root = Page.objects.get(depth=1)
        last = Page.objects.filter(depth=2).order_by("-path").first()
        number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
        home = HomePage.objects.create(
            title="Waypoint",
            draft_title="Waypoint",
            slug="home",
            headline="Learning for the people who manage migration",
            content_type=_content_type(apps, "home", "homepage"),
            path=root.path + _base36(number),
            depth=2,
            numchild=0,
            url_path="/home/",
            locale=locale,
            translation_key=uuid.uuid4(),
            live=True,
        )
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])
    if not Site.objects.exists():
        Site.objects.create(
            hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
            site_name="Waypoint",
        )
    catalogue = CourseIndexPage.objects.filter(path__startswith=home.path, depth=3).first()
    if catalogue is None:
        catalogue = CourseIndexPage.objects.create(
            title="Courses",
            draft_title="Courses",
            slug="courses",
            intro="<p>Online courses for immigration and border officials.</p>",
            content_type=_content_type(apps, "courses", "courseindexpage"),
            path=home.path + _base36(home.numchild + 1),
            depth=3,
            numchild=0,
            url_path=home.url_path + "courses/",
            locale=locale,
            translation_key=uuid.uuid4(),
            live=True,
        )
        home.numchild += 1
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild)
    return catalogue


def _base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(STEPLEN, "0")


def _grant_permissions(apps, catalogue):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")

    root_collection = Collection.objects.get(depth=1)
    for role, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=catalogue.pk, permission=permission
            )
        for app_label, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
            for action in MEDIA_PERMISSIONS:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    for role, codenames in TOPIC_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="courses", codename__in=codenames)
        )


def _assign_workflow(apps, catalogue):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task, created = GroupApprovalTask.objects.get_or_create(
        name="Lead trainer review",
        defaults={
            "active": True,
            "content_type": _content_type(apps, "wagtailcore", "groupapprovaltask"),
        },
    )
    if created:
        task.groups.set([Group.objects.get(name="Lead trainers")])
    workflow, created = Workflow.objects.get_or_create(
        name="Lead trainer approval", defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def create_site_structure(apps, schema_editor):
    # Permissions are normally created after migrate; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    catalogue = _create_home_and_catalogue(apps)
    _grant_permissions(apps, catalogue)
    _assign_workflow(apps, catalogue)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("home", "0001_initial"),
        ("accounts", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_site_structure, migrations.RunPython.noop)]
