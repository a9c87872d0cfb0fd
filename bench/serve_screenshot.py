"""Take the README's screenshot of the timeline page: the demo corpus served on 127.0.0.1 and
photographed by the system's Chromium through Playwright.

Usage: python bench/serve_screenshot.py [--out docs/screenshot-timeline.png] [--db STORE]
[--query Q] [--open N]. Without --db the bundled demo corpus is ingested into a temporary store.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot-timeline.png")
    parser.add_argument("--db", default=None, help="an existing store (default: the demo corpus)")
    parser.add_argument("--query", default="", help="timeline query")
    parser.add_argument("--open", type=int, default=1, help="open the evidence of this many summaries")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--height", type=int, default=1400)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from dateline.serve.api import create_app
    from dateline.serve.web.server import running

    with tempfile.TemporaryDirectory() as tmp:
        location = args.db
        if location is None:
            from dateline.demo import corpus_path
            from dateline.ingest import ingest
            from dateline.store import open_store

            location = str(Path(tmp) / "demo.db")
            store = open_store(location)
            ingest(store, [corpus_path("cep")])
            store.close()
        with running(create_app(location, token=None)) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(f"{base}/?q={args.query}" if args.query else base + "/")
            summaries = page.locator("details.evidence summary")
            for i in range(min(args.open, summaries.count())):
                summaries.nth(i).click()
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=False)
            browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
