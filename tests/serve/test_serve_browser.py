"""The web page in a real browser: Playwright for Python driving the system's Chromium.

Skipped (with the reason) where no Chromium is installed at /usr/bin/chromium or Playwright is
missing; CI installs Debian's ``chromium``. Playwright's own browser download is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.serve.api import create_app
from dateline.serve.web.data import interim_timeline
from dateline.serve.web.server import running
from tests.serve.fixtures import XSS_TEXT, XSS_TITLE, build_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need Playwright (pip install playwright)"
    )
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    location = build_store(tmp_path_factory.mktemp("browser") / "serve.db")
    with running(create_app(location, token=None, timeline_builder=interim_timeline)) as base:
        yield base


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from dateline.demo import corpus_path
    from dateline.ingest import ingest
    from dateline.store import open_store

    location = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(location)
    ingest(store, [corpus_path("cep")])
    store.close()
    with running(create_app(str(location), token=None)) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def _dates(page: Any) -> list[str]:
    return page.locator("li.entry time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")


def test_demo_timeline_renders_on_a_phone(page: Any, demo_site: str) -> None:
    page.goto(demo_site + "/")
    assert page.title().startswith("Timeline")
    entries = page.locator("li.entry")
    assert entries.count() >= 5
    dates = _dates(page)
    assert dates == sorted(dates) and all(d.startswith(("2023-", "2024-")) for d in dates)
    assert "independent source" in entries.first.locator(".count").inner_text()
    assert entries.first.locator("details.evidence summary").count() >= 1
    # Readable on a phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Ingested without enrichment: the page says why its dates are publication dates.
    assert page.locator("#not-enriched").is_visible()


@pytest.mark.slow
def test_enriched_demo_timeline_renders(page: Any, tmp_path: Path) -> None:
    from dateline.demo import corpus_path
    from dateline.enrich.pipeline import enrich_store
    from dateline.ingest import ingest
    from dateline.store import open_store

    store = open_store(tmp_path / "demo.db")
    ingest(store, [corpus_path("cep")])
    enrich_store(store)
    store.close()
    with running(create_app(str(tmp_path / "demo.db"), token=None)) as base:
        page.goto(base + "/?q=Gaza")
        assert page.locator("li.entry").count() >= 5
        assert page.locator("#not-enriched").count() == 0
        page.locator("details.evidence summary").first.click()
        assert page.locator("details.evidence .evidence-body ul.sources.own a").first.is_visible()


def test_a_date_filter_narrows_the_timeline(page: Any, demo_site: str) -> None:
    page.goto(demo_site + "/")
    before = _dates(page)
    assert any(not d.startswith("2023-12") for d in before)
    page.fill("input[name=from]", "2023-12-01")
    page.fill("input[name=to]", "2023-12-31")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "from=2023-12-01" in page.url
    after = _dates(page)
    assert after and all(d.startswith("2023-12") for d in after)
    assert after != before


def test_a_source_filter_narrows_the_timeline(page: Any, fixture_site: str) -> None:
    page.goto(fixture_site + "/")
    assert page.locator("li.entry").count() >= 3
    page.select_option("select[name=source]", "BBC")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert _dates(page) == ["2023-10-27"]


def test_a_click_on_a_summary_shows_its_evidence(page: Any, fixture_site: str) -> None:
    page.goto(fixture_site + "/")
    details = page.locator("li#d2023-10-27 details.evidence").first
    body = details.locator(".evidence-body")
    assert not body.is_visible()
    details.locator("summary").click()
    assert body.is_visible()
    assert "humanitarian situation" in body.locator(".context").inner_text()
    link = body.locator("ul.sources.own a").first
    assert link.inner_text() == "Israeli troops expand ground operations in Gaza"
    with page.expect_navigation():
        link.click()
    assert page.locator("#article-title").inner_text() == "Israeli troops expand ground operations in Gaza"


def test_hostile_markup_in_an_article_stays_text(page: Any, fixture_site: str) -> None:
    page.goto(fixture_site + "/articles/evil/2023-11-25/xss")
    assert page.locator("#article-title").inner_text() == XSS_TITLE
    text = page.locator("#article-text").inner_text()
    assert '<img src=x onerror="window.__xss = 2; alert(1)">' in text
    assert "<script>window.__xss = 3</script>" in text
    assert page.locator("#article-text img").count() == 0
    assert page.locator("main script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    for url in ("/", "/search?q=crossing", "/claims"):
        page.goto(fixture_site + url)
        assert page.locator("main img, main script").count() == 0
    page.goto(fixture_site + "/search?q=crossing")
    assert XSS_TITLE in page.locator("ol.hits").inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    assert XSS_TEXT.split(".")[0] in XSS_TEXT  # the fixture really holds the hostile text
