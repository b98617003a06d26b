"""What a person does differently on a phone: open the header's menu to reach its links."""

from __future__ import annotations


def open_menu(page):
    """Open the header's menu where it is folded (a phone); a wide screen shows it anyway."""
    toggle = page.locator("[data-menu-toggle]")  # "Menu" in the page's language
    if toggle.is_visible():
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        page.locator("#mainnav").wait_for(state="visible")
