"""axe-core in the browser tests: the serious and critical WCAG 2.1 A/AA violations on a page.

axe-core comes inside the ``axe-playwright-python`` wheel (a dev dependency): nothing is
downloaded at test time. Without the package the tests that use it skip.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious(page: Page) -> list[str]:
    """Each serious or critical violation with the elements it concerns (Shadow DOM included)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    options = {"runOnly": {"type": "tag", "values": WCAG}}
    results = axe.Axe().run(page, options=options)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
