"""What a person does differently on a phone: open the header's menu to reach its links."""

from __future__ import annotations


def open_menu(page):
    """Open the header's menu where it is folded (a phone); a wide screen shows it anyway."""
    toggle = page.locator("[data-menu-toggle]")  # "Menu" in the page's language
    if toggle.is_visible():
        if toggle.get_attribute("aria-expanded") != "true":
            toggle.click()
        page.locator("#mainnav").wait_for(state="visible")


def open_layers(page):
    """Open the map's layer switch where it is folded into its button (a phone: a tap, as
    a finger does it); a wide screen shows it open anyway."""
    toggle = page.locator(".leaflet-control-layers-toggle")
    if toggle.is_visible():
        toggle.tap()
        page.locator(".leaflet-control-layers-list").wait_for(state="visible")
