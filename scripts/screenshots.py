"""Regenerate the screenshots of the web interface in docs/screenshots/.

    .venv/bin/python scripts/screenshots.py            # ingests the example corpus first
    .venv/bin/python scripts/screenshots.py --db sqlite:///crosswire-demo.db

Starts the app on a free local port, drives Debian's chromium through
Playwright (never downloading a browser), and saves one PNG per page and
width: stories, story (the largest), article (with a claim selected), actor,
explore, and the API index, at a desktop's 1360 px (``NAME.png``) and a
phone's 390 px (``NAME-390.png``).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def demo_database(folder: Path) -> str:
    """Ingest the bundled example corpus into a fresh database, as `crosswire demo` does."""
    from crosswire.cli.core import example_corpus, ingest_paths
    from crosswire.store.db import Database
    url = f"sqlite:///{folder / 'screenshots.db'}"
    ingest_paths(Database(url), [str(example_corpus())])
    return url


def pick_pages(db) -> dict[str, str]:
    """The pages to show: the largest story, its first article with claims, its busiest actor."""
    from crosswire.web import queries
    stories = queries.list_stories(db, queries.StoryFilters(sort="size"), queries.Page(1))
    story = queries.get_story(db, stories["items"][0]["id"])
    article = next((a for a in story["articles"] if a.get("claims")), story["articles"][0])
    actors = queries.list_actors(db, queries.Page(1))["items"]
    pages = {"stories": "/", "story": f"/stories/{story['id']}",
             "article": f"/articles/{article['id']}", "docs": "/docs"}
    if actors:
        pages["actor"] = f"/actors/{actors[0]['code']}"
    pairs = queries.busiest_pairs(db, 1)
    pages["explore"] = "/explore" + (  # the default range and interval, as a reader first sees it
        f"?source={pairs[0]['source']}&target={pairs[0]['target']}" if pairs else "")
    return pages


def shoot(base: str, pages: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for width, suffix in ((1360, ""), (390, "-390")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                if name == "article" and page.locator("#article-text mark.hl-claim-source").count():
                    page.locator("#article-text mark.hl-claim-source").first.click()
                wide = page.evaluate("document.documentElement.scrollWidth")
                page.screenshot(path=str(OUT / f"{name}{suffix}.png"), full_page=True)
                print(f"{name:8} {width:5} px {path} -> docs/screenshots/{name}{suffix}.png"
                      + (f"  (scrolls sideways: {wide} px)" if wide > width else ""))
            page.close()
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: ingest the example corpus)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 1
    from crosswire.store.db import Database
    from crosswire.web import create_app
    from crosswire.web.background import running
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.db or demo_database(Path(tmp)))
        with running(create_app(db)) as base:
            shoot(base, pick_pages(db))
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
