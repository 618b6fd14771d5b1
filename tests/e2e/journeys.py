"""Steps several browser journeys take the same way."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

CONFIRMATION_URL = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def on_live_server(url: str, live_server_url: str) -> str:
    """A link from a mail (built with the configured site address) on the test's server."""
    parts = urlsplit(url)
    return live_server_url + parts.path + (f"?{parts.query}" if parts.query else "")


def sign_up(
    page: Page,
    live_server_url: str,
    *,
    full_name: str,
    email: str,
    password: str,
    unit: str | None = None,
):
    """Sign up; ``unit`` names the unit to ask to join (the form's optional choice)."""
    page.goto(live_server_url + "/accounts/signup/")
    expect(page.get_by_role("heading", name="Sign up", level=1)).to_be_visible()
    page.get_by_label("Full name").fill(full_name)
    if unit is not None:
        units = page.get_by_label("Your unit (optional)")
        units.select_option(units.locator("option", has_text=unit).get_attribute("value"))
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(password)
    page.get_by_label(re.compile(r"^Password \(again\):?$")).fill(password)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Verify your email address")).to_be_visible()


def confirm_address_from_mail(page: Page, live_server_url: str, mailoutbox, email: str):
    """The one verification mail sent, its link opened and the address confirmed."""
    assert [mail.to for mail in mailoutbox] == [[email]]
    link = CONFIRMATION_URL.search(mailoutbox[0].body)
    assert link, mailoutbox[0].body
    page.goto(on_live_server(link.group(0), live_server_url))
    expect(page.get_by_role("heading", name="Confirm email address")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text(f"You have confirmed {email}")).to_be_visible()
