"""Managers do not choose documents or images (issue 12, finding 2).

Wagtail's own migrations (wagtaildocs 0011, wagtailimages 0023) gave "choose" to every group
that reaches the admin, "because choosing wasn't permissioned" before. Managers author no
content, yet the document and image choosers and the admin API listed every file to them.
Trainers, lead trainers and administrators keep it (``courses.0002_site_structure``).
"""

from django.db import migrations

ROLE = "Managers"
CHOOSE = [("wagtaildocs", "choose_document"), ("wagtailimages", "choose_image")]


def _choose_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        permission
        for app_label, codename in CHOOSE
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
    ]


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=ROLE).first()
    if group is None:
        return
    permissions = _choose_permissions(apps)
    GroupCollectionPermission.objects.filter(group=group, permission__in=permissions).delete()
    group.permissions.remove(*permissions)


def give_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=ROLE).first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for permission in _choose_permissions(apps):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_report_indexes"),
        ("accounts", "0002_roles"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(take_back, give_back)]
