"""The admin menu offers people what they can use (issue 16, manager 1): no "Import GIFT"
for managers (the import refuses them), and Wagtail's release notes and the Help menu's
"new" badge for superusers only, who upgrade the platform. People who edit pages keep the
Editor Guide; everybody keeps the keyboard shortcuts."""

import json

import pytest
from bs4 import BeautifulSoup

from accounts import roles
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _menu(client, user) -> dict[str, dict]:
    """Every item of the admin's sidebar menu, submenus included, by name."""
    client.force_login(user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    items: dict[str, dict] = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith("MenuItem"):
                options = node["_args"][0]
                name = options["name"]  # telepath packs a repeated value as {"_val": …}
                items[name["_val"] if isinstance(name, dict) else name] = options
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return items


def _has_badge(item: dict) -> bool:
    return item.get("attrs", {}).get("data-controller") == "w-dismissible"


def test_a_manager_gets_no_gift_import_nor_release_notes(client):
    manager = UserFactory(roles=[roles.MANAGERS])

    menu = _menu(client, manager)

    assert "waypoint-learners" in menu, "the reports are there"
    assert not any("gift" in name or "import" in name.lower() for name in menu)
    assert not any(name.startswith("whats-new-in-wagtail") for name in menu)
    assert "editor-guide" not in menu, "managers edit no page"
    assert "keyboard-shortcuts-trigger" in menu
    assert not _has_badge(menu["help"])


def test_a_trainer_keeps_the_gift_import_and_the_editor_guide(client):
    trainer = UserFactory(roles=[roles.TRAINERS])

    menu = _menu(client, trainer)

    labels = {item["label"] for item in menu.values()}
    assert "Import GIFT" in labels
    assert "editor-guide" in menu
    assert not any(name.startswith("whats-new-in-wagtail") for name in menu)
    assert not _has_badge(menu["help"])


def test_superusers_keep_wagtails_release_notes(client):
    superuser = UserFactory(is_superuser=True, is_staff=True)

    menu = _menu(client, superuser)

    assert any(name.startswith("whats-new-in-wagtail") for name in menu)
    assert _has_badge(menu["help"])
