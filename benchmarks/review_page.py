"""The seed's HTML review page: its size, how long it takes to render, and a screenshot for the README.

    .venv/bin/python benchmarks/review_page.py [--no-models] [--screenshot docs/review-seed.png]

Runs the whole pipeline on corpora/seed once, then times ``render_html`` on
the finished report (best of 5), and the page's load in headless Chromium
(Debian's chromium and chromium-driver, through Selenium) to the point where
its script has built the view. The screenshot is of that page, 1400x1000.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.html import render_html

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-models", dest="models", action="store_false")
    parser.add_argument("--screenshot", type=Path, help="where to save a PNG of the page")
    args = parser.parse_args()
    config = Config(models=args.models)
    started = time.perf_counter()
    document = compare_texts(read_text(SEED / "source.en.txt"), read_text(SEED / "target.txt"), config,
                             doc_id="corpora/seed/target.txt")
    report = build_report([document], config)
    pipeline = time.perf_counter() - started
    times = []
    for _ in range(5):
        started = time.perf_counter()
        page = render_html(report)
        times.append(time.perf_counter() - started)
    size = len(page.encode("utf-8"))
    print(f"seed, models {'on' if args.models else 'off'}: {len(document.findings)} findings, "
          f"{len(document.pairs)} pairs")
    print(f"pipeline {pipeline:.2f} s; render_html best of 5: {1000 * min(times):.1f} ms; "
          f"page {size / 1024:.1f} KiB ({size} bytes, limit 2 MB)")
    browser_load(page, args.screenshot)


def browser_load(page: str, screenshot: Path | None) -> None:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver_path):
        print("browser: skipped (no chromium and chromedriver: apt-get install chromium chromium-driver)")
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    options.binary_location = chromium
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "review.html"
            path.write_text(page, encoding="utf-8")
            started = time.perf_counter()
            driver.get(path.as_uri())  # returns once the load event fired: the script has run
            cards = driver.execute_script("return document.querySelectorAll('#findings .finding').length")
            print(f"browser: loaded and built in {1000 * (time.perf_counter() - started):.0f} ms; "
                  f"{cards} findings listed (page furniture grouped)")
            if screenshot:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                driver.save_screenshot(str(screenshot))
                print(f"screenshot: {screenshot}")
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
