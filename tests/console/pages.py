"""Helpers for driving the console's pages in the browser tests."""
import json

from app.auth import tokens

TOKEN_KEY = "jusha.console.token"  # console/src/api/client.js


def signed_in(page, user):
    """The page starts signed in as ``user`` (the scan itself: test_sign_in.py)."""
    page.add_init_script(f"window.localStorage.setItem({json.dumps(TOKEN_KEY)}, {json.dumps(tokens.issue(user, 3600))})")


def choose(page, field, option):
    """Pick ``option`` in the Element Plus select of the form item labelled ``field``."""
    item = page.locator(".el-form-item").filter(has=page.locator("label", has_text=field)).first
    item.locator(".el-select").first.click()
    page.locator(".el-select-dropdown__item:visible", has_text=option).first.click()


# Every visible form control has a name a screen reader reads: a <label for>, a wrapping label,
# aria-label or aria-labelledby, or (Element Plus radios/checkboxes) its own text.
UNLABELLED = """
() => [...document.querySelectorAll('input, textarea, select')]
  .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
  .filter((el) => !(el.labels && [...el.labels].some((l) => l.textContent.trim()))
    && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map((el) => el.outerHTML.slice(0, 120))
"""


def tab_through(page, presses=40):
    """The texts of the elements Tab reaches, in order."""
    reached = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("(document.activeElement.innerText || document.activeElement.value || '').trim()"))
    return reached
