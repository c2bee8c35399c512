"""The HTML review page in a real browser: Debian's chromium and chromium-driver, driven by Selenium.

Skipped, with one line saying why, where either is missing (README: "Browser tests").
"""

import json
import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from mtcheck.cli import main
from mtcheck.config import Config
from mtcheck.read.text import read_text
from mtcheck.pipeline import compare_texts
from mtcheck.report.build import build_report
from mtcheck.report.html import render_html
from mtcheck.types import Text

from test_report_html import HOSTILE, SEED, data_block, hostile_pair

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("no chromium and chromedriver: apt-get install chromium chromium-driver", allow_module_level=True)

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory):
    """The seed's page and JSON report, rendered through the CLI (rules only: a few seconds)."""
    folder = tmp_path_factory.mktemp("seed")
    arguments = ["compare", str(SEED / "source.en.txt"), str(SEED / "target.txt"), "--no-models"]
    main([*arguments, "--format", "html", "--output", str(folder / "review.html")])
    main([*arguments, "--format", "json", "--output", str(folder / "report.json")])
    return folder / "review.html", json.loads((folder / "report.json").read_text(encoding="utf-8"))


def opened(browser, path: Path):
    browser.get(path.as_uri())
    browser.execute_script("window.localStorage.clear()")
    browser.get(path.as_uri())
    browser.get_log("browser")  # what the clearing load logged is not this page's
    browser.refresh()
    return browser


def errors(browser) -> list:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def shown_cards(browser) -> list:
    return browser.find_elements(By.CSS_SELECTOR, "#findings .finding")


def test_the_seed_page_loads_with_no_console_error(browser, seed_file):
    opened(browser, seed_file[0])
    assert errors(browser) == []
    assert browser.find_element(By.ID, "pairs").is_displayed()


def test_counts_match_the_json_report(browser, seed_file):
    page, report = seed_file
    findings = report["documents"][0]["findings"]
    opened(browser, page)
    furniture = [f for f in findings if f["check"] == "page-furniture"]
    assert len(shown_cards(browser)) == len(findings) - len(furniture)
    assert f"of {len(findings)} findings" in browser.find_element(By.ID, "shown").text
    browser.find_element(By.NAME, "furniture").click()
    assert len(shown_cards(browser)) == len(findings)
    groups = browser.find_elements(By.CSS_SELECTOR, "details.furniture")
    labels = {f["evidence"]["label"] for f in furniture}
    assert {g.get_attribute("data-label") for g in groups} == labels
    for group in groups:
        count = sum(1 for f in furniture if f["evidence"]["label"] == group.get_attribute("data-label"))
        assert len(group.find_elements(By.CSS_SELECTOR, ".row")) == count


def test_each_filter_hides_and_shows_the_right_findings(browser, seed_file):
    page, report = seed_file
    findings = [f for f in report["documents"][0]["findings"] if f["check"] != "page-furniture"]
    opened(browser, page)

    def ids():
        return sorted(card.get_attribute("id").removeprefix("finding-") for card in shown_cards(browser))

    def expect(keep):
        return sorted(f["id"] for f in findings if keep(f))

    minor = browser.find_element(By.CSS_SELECTOR, "input[name=severity][value=minor]")
    minor.click()
    assert ids() == expect(lambda f: f["severity"] != "minor")
    minor.click()
    assert ids() == expect(lambda f: True)
    category = Select(browser.find_element(By.NAME, "category"))
    category.select_by_value("Accuracy/Addition")
    assert ids() == expect(lambda f: f["category"] == "Accuracy/Addition") != []
    category.select_by_value("")
    check = Select(browser.find_element(By.NAME, "check"))
    check.select_by_value("insertion")
    assert ids() == expect(lambda f: "insertion" in f["checks"]) != []
    check.select_by_value("")
    confidence = browser.find_element(By.NAME, "min-confidence")
    confidence.clear()
    confidence.send_keys("0.5")
    assert ids() == expect(lambda f: f["confidence"] >= 0.5)
    confidence.clear()
    confidence.send_keys("0")
    search = browser.find_element(By.NAME, "search")
    search.send_keys("Iraq")
    assert ids() == expect(lambda f: "iraq" in "\n".join(
        [(f["target_span"] or f["source_span"] or {"text": ""})["text"], f["message"], " ".join(f["checks"]), f["category"]]
    ).lower()) != []


def test_clicking_a_finding_scrolls_to_its_span(browser, seed_file):
    opened(browser, seed_file[0])
    cards = shown_cards(browser)
    card = next(c for c in reversed(cards) if "finding" in c.get_attribute("class"))
    browser.execute_script("arguments[0].scrollIntoView()", card)
    card.find_element(By.CSS_SELECTOR, ".msg").click()
    finding_id = card.get_attribute("id").removeprefix("finding-")
    spans = [s for s in browser.find_elements(By.CSS_SELECTOR, ".hl.current")]
    assert spans and all(finding_id in s.get_attribute("data-findings").split() for s in spans)
    in_view = browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", spans[0])
    assert in_view


def test_keyboard_shortcuts(browser, seed_file):
    opened(browser, seed_file[0])
    body = browser.find_element(By.TAG_NAME, "body")
    cards = shown_cards(browser)
    body.send_keys("j")
    assert "current" in cards[0].get_attribute("class")
    body.send_keys("j")
    assert "current" in cards[1].get_attribute("class") and "current" not in cards[0].get_attribute("class")
    body.send_keys("k")
    assert "current" in cards[0].get_attribute("class")
    browser.execute_script("document.activeElement.blur()")
    body.send_keys("c")
    assert "confirmed" in cards[0].get_attribute("class")
    body.send_keys("x")
    assert "false-alarm" in cards[0].get_attribute("class")
    help_box = browser.find_element(By.ID, "help")
    assert not help_box.is_displayed()
    body.send_keys("?")
    assert help_box.is_displayed()
    body.send_keys("?")
    assert not help_box.is_displayed()


def test_verdicts_survive_a_reload_export_and_change_the_gate(browser, seed_file, tmp_path):
    page, report = seed_file
    findings = report["documents"][0]["findings"]
    majors = [f for f in findings if f["severity"] == "major"]
    assert majors
    opened(browser, page)
    for finding in majors:
        card = browser.find_element(By.ID, f"finding-{finding['id']}")
        browser.execute_script("arguments[0].scrollIntoView()", card)
        card.find_element(By.CSS_SELECTOR, "button.dismiss").click()
    confirmed = next(f for f in findings if f["severity"] == "minor" and f["check"] != "page-furniture" and f["target_span"])
    card = browser.find_element(By.ID, f"finding-{confirmed['id']}")
    browser.execute_script("arguments[0].scrollIntoView()", card)
    card.find_element(By.CSS_SELECTOR, "button.confirm").click()
    note = card.find_element(By.CSS_SELECTOR, "input.note")
    note.send_keys("checked against the wire copy\n")
    browser.execute_script("arguments[0].blur()", note)
    browser.refresh()
    for finding in majors:
        assert "false-alarm" in browser.find_element(By.ID, f"finding-{finding['id']}").get_attribute("class")
    browser.find_element(By.ID, "export").click()
    exported = json.loads(browser.execute_script("return window.mtcheckReview.exported()"))
    assert exported["format"] == "mtcheck.verdicts/1"
    got = {v["fingerprint"]: v for v in exported["verdicts"]}
    assert set(got) == {f["fingerprint"] for f in [*majors, confirmed]}
    assert all(got[f["fingerprint"]]["verdict"] == "false-alarm" for f in majors)
    kept = got[confirmed["fingerprint"]]
    assert kept["verdict"] == "confirmed" and kept["note"] == "checked against the wire copy"
    assert kept["check"] == confirmed["check"] and kept["span"] == confirmed["target_span"]["text"]
    assert list(kept) == ["fingerprint", "check", "span", "context", "source_words", "verdict", "note", "at", "confidence"]
    verdicts = tmp_path / "verdicts.json"
    verdicts.write_text(json.dumps(exported), encoding="utf-8")
    arguments = ["compare", str(SEED / "source.en.txt"), str(SEED / "target.txt"), "--no-models", "--max-major", "0"]
    assert main([*arguments, "--output", str(tmp_path / "before.txt")]) == 1
    assert main([*arguments, "--verdicts", str(verdicts), "--format", "json", "--output", str(tmp_path / "r.json")]) == 0
    again = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"][0]["findings"]
    marks = {f["id"]: f["verdict"] for f in again}
    assert all(marks[f["id"]] == "false-alarm" for f in majors) and marks[confirmed["id"]] == "confirmed"


def test_an_article_verdict_is_exported_and_calibrate_reads_it(browser, seed_file, tmp_path, capsys):
    page, report = seed_file
    (doc,) = report["documents"]
    opened(browser, page)
    box = browser.find_element(By.ID, "editor-verdict-0")
    assert box.find_element(By.CSS_SELECTOR, ".state").text == "none yet"
    # By keyboard: Space picks "pass", an arrow moves the choice to "review".
    box.find_element(By.CSS_SELECTOR, "input[value=pass]").send_keys(Keys.SPACE)
    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    assert box.find_element(By.CSS_SELECTOR, "input[value=review]").is_selected()
    # The page's letter keys (j, c, x) are text while typing the note: no finding is selected or confirmed.
    box.find_element(By.CSS_SELECTOR, "input.note").send_keys("cut the jx teaser <b>first</b>")
    assert browser.find_elements(By.CSS_SELECTOR, ".finding.current, .finding.confirmed") == []
    browser.refresh()  # kept across a reload, like the finding verdicts
    box = browser.find_element(By.ID, "editor-verdict-0")
    assert box.get_attribute("data-verdict") == "review" and "REVIEW" in box.find_element(By.CSS_SELECTOR, ".state").text
    assert box.find_element(By.CSS_SELECTOR, "input.note").get_attribute("value") == "cut the jx teaser <b>first</b>"
    browser.find_element(By.ID, "export").click()
    exported = json.loads(browser.execute_script("return window.mtcheckReview.exported()"))
    assert exported["format"] == "mtcheck.verdicts/1" and exported["verdicts"] == []
    (article,) = exported["articles"]
    assert list(article) == ["id", "verdict", "models", "scores", "note", "at"]
    assert article["id"] == doc["id"] and article["verdict"] == "review" and article["models"] is False
    assert article["scores"] == {name: doc["scores"][name] for name in ("expected_penalty", "quality", "chrf")}
    assert article["note"] == "cut the jx teaser <b>first</b>"
    assert datetime.fromisoformat(article["at"].replace("Z", "+00:00")).tzinfo is not None
    verdicts = tmp_path / "verdicts.json"
    verdicts.write_text(json.dumps(exported), encoding="utf-8")
    capsys.readouterr()
    assert main(["calibrate", str(verdicts), "--output", str(tmp_path / "judge.json")]) == 0
    said = " ".join(capsys.readouterr().out.split())
    # Read as one article of the rules-only variant, the one that made its scores (too few to move a cut).
    assert re.search(r"rules: review above [\d.]+ -> [\d.]+, .*?\((\d+) article verdicts\)", said).group(1) == "1"
    judge = json.loads((tmp_path / "judge.json").read_text(encoding="utf-8"))
    assert judge["format"] == "mtcheck.judge/1" and judge["about"]["newsroom"]["article_verdicts"] == 1


def test_one_export_holds_the_verdicts_of_every_document(browser, tmp_path):
    config = Config(models=False)
    first = compare_texts(Text("The council met on Monday.\n"), Text("The council met on Monday.\n"), config, doc_id="one")
    second = compare_texts(Text("The mayor said 17 people died.\n"), Text("The mayor said 71 people died.\n"), config,
                           doc_id="two")
    report = build_report([first, second], config)
    page = tmp_path / "two.html"
    page.write_text(render_html(report), encoding="utf-8")
    opened(browser, page)
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-0 input[value=pass]").click()
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-1 input[value=fail]").click()
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-1 input.note").send_keys("71 dead is wrong")
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-0 input[value=review]").click()
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-0 button.clear").click()
    browser.find_element(By.CSS_SELECTOR, "#editor-verdict-0 input[value=pass]").click()
    Select(browser.find_element(By.NAME, "document")).select_by_value("1")
    shown_cards(browser)[0].find_element(By.CSS_SELECTOR, "button.confirm").click()
    Select(browser.find_element(By.NAME, "document")).select_by_value("0")  # export from the other one
    browser.find_element(By.ID, "export").click()
    exported = json.loads(browser.execute_script("return window.mtcheckReview.exported()"))
    assert [(a["id"], a["verdict"], a["note"]) for a in exported["articles"]] == [
        ("one", "pass", ""), ("two", "fail", "71 dead is wrong")]
    assert [a["scores"]["quality"] for a in exported["articles"]] == [d.scores.quality for d in report.documents]
    (verdict,) = exported["verdicts"]
    assert verdict["verdict"] == "confirmed" and verdict["fingerprint"] in {f.fingerprint for f in report.documents[1].findings}
    assert errors(browser) == []


def test_hostile_text_stays_inert(browser, tmp_path):
    source, target = hostile_pair()
    config = Config(models=False)
    document = compare_texts(Text(source), Text(target), config, doc_id="<img src=x onerror=window.__xss=9>")
    page = tmp_path / "hostile.html"
    page.write_text(render_html(build_report([document], config)), encoding="utf-8")
    opened(browser, page)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.execute_script("return document.querySelectorAll('img, iframe, a[href^=javascript]').length") == 0
    assert errors(browser) == []
    (doc,) = data_block(page.read_text(encoding="utf-8"))["documents"]
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('.row.pair')).map(function (r) {"
        " return [parseInt(r.getAttribute('data-pair'), 10), r.querySelector('.source').textContent,"
        " r.querySelector('.target').textContent]; });")
    assert rows
    for index, source_text, target_text in rows:
        pair = doc["pairs"][index]
        if pair["source"]:
            assert source_text == source[pair["source"][0] : pair["source"][1]]
        if pair["target"]:
            assert target_text == target[pair["target"][0] : pair["target"][1]]
    shown = "".join(text for _, text, _ in rows)
    assert all(text in shown for text in HOSTILE if "\u2028" not in text)


def test_sorting_by_severity_and_by_confidence(browser, seed_file):
    page, report = seed_file
    confidence = {f["id"]: f["confidence"] for f in report["documents"][0]["findings"]}
    opened(browser, page)
    sort = Select(browser.find_element(By.NAME, "sort"))
    sort.select_by_value("severity")
    ranks = [("critical", "major", "minor").index(c.get_attribute("data-severity")) for c in shown_cards(browser)]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1
    sort.select_by_value("confidence")
    values = [confidence[c.get_attribute("id").removeprefix("finding-")] for c in shown_cards(browser)]
    assert values == sorted(values, reverse=True)


def test_selecting_a_finding_lights_up_its_source_words(browser, seed_file):
    page, _ = seed_file
    opened(browser, page)
    (doc,) = data_block(page.read_text(encoding="utf-8"))["documents"]
    finding = next(f for f in doc["findings"] if f["marks"] and not f["label"])
    assert browser.find_elements(By.CSS_SELECTOR, ".src.linked") == []
    if finding["target"]:  # hovering its highlight in the translation lights them up too
        span = browser.find_element(By.CSS_SELECTOR, f".hl[data-findings~='{finding['id']}']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
        ActionChains(browser).move_to_element(span).perform()
        assert browser.find_elements(By.CSS_SELECTOR, ".src.linked")
        ActionChains(browser).move_by_offset(0, 300).perform()
    card = browser.find_element(By.ID, f"finding-{finding['id']}")
    browser.execute_script("arguments[0].scrollIntoView()", card)
    card.find_element(By.CSS_SELECTOR, ".msg").click()
    linked = browser.find_elements(By.CSS_SELECTOR, ".src.linked")
    assert linked
    marked = "".join(doc["source"][a:b] for a, b in finding["marks"])
    assert "".join(node.get_attribute("textContent") for node in linked) == marked


def test_a_page_of_several_documents_switches_between_them(browser, tmp_path):
    config = Config(models=False)
    first = compare_texts(Text("The council met on Monday.\n"), Text("The council met on Monday.\n"), config, doc_id="one")
    second = compare_texts(Text("The mayor said 17 people died.\n"), Text("The mayor said 71 people died.\n"), config,
                           doc_id="two")
    page = tmp_path / "two.html"
    page.write_text(render_html(build_report([first, second], config)), encoding="utf-8")
    opened(browser, page)
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.document-summary")) == 2
    assert shown_cards(browser) == []
    Select(browser.find_element(By.NAME, "document")).select_by_value("1")
    cards = shown_cards(browser)
    assert cards and any("numbers" in c.text for c in cards)
    assert errors(browser) == []


def test_at_800_px_the_findings_panel_is_on_the_first_screen_worst_first(browser, seed_file):
    page, report = seed_file
    findings = [f for f in report["documents"][0]["findings"] if f["check"] != "page-furniture"]
    rank = {"critical": 2, "major": 1, "minor": 0}
    browser.set_window_size(800, 1000)
    try:
        opened(browser, page)
        assert browser.execute_script("return window.innerWidth") <= 800
        top = browser.execute_script("return document.getElementById('panel').getBoundingClientRect().top + window.scrollY")
        assert top < 1000, top  # within the first screen: no scrolling through the article to reach it
        article = browser.execute_script("return document.getElementById('pairs').getBoundingClientRect().top + window.scrollY")
        assert article > top  # the article follows the panel in a narrow window
        cards = shown_cards(browser)
        assert Select(browser.find_element(By.NAME, "sort")).first_selected_option.get_attribute("value") == "severity"
        first = next(f for f in findings if f["id"] == cards[0].get_attribute("id").removeprefix("finding-"))
        assert (rank[first["severity"]], first["confidence"]) == max((rank[f["severity"]], f["confidence"]) for f in findings)
        shown = [next(f for f in findings if f["id"] == c.get_attribute("id").removeprefix("finding-")) for c in cards]
        keys = [(rank[f["severity"]], f["confidence"]) for f in shown]
        assert keys == sorted(keys, reverse=True)  # worst first all the way down: severity, then confidence
        # The page's furniture comes after the article's own pairs, never first.
        first_row = browser.find_element(By.CSS_SELECTOR, "#pairs > .row.pair, #pairs > details.furniture")
        assert "pair" in first_row.get_attribute("class")
        # The header's verdict names the run's verdict, and its link goes to the panel.
        verdict = browser.find_element(By.ID, "verdict")
        assert verdict.get_attribute("data-verdict") == report["gate"]["verdict"]
        assert verdict.find_element(By.CSS_SELECTOR, ".badge").text == report["gate"]["verdict"].upper()
        browser.find_element(By.CSS_SELECTOR, "a[href='#panel']").click()
        assert abs(browser.execute_script("return document.getElementById('panel').getBoundingClientRect().top")) < 2
    finally:
        browser.set_window_size(1400, 1000)


def test_the_verdict_badge_shows_its_word_colour_and_reasons(browser, tmp_path):
    from dataclasses import replace

    from mtcheck.types import ArticleVerdict, Gate

    config = Config(models=False)
    document = compare_texts(Text("The council met on Monday.\n"), Text("The council met on Monday.\n"), config,
                             doc_id="one")
    base = build_report([document], config)
    colours = {"fail": "rgba(179, 38, 30, 1)", "review": "rgba(245, 183, 0, 1)", "pass": "rgba(30, 126, 52, 1)"}
    for verdict in ArticleVerdict:
        gate = Gate(verdict is not ArticleVerdict.FAIL, ("a reason <b>x</b> [/]",), verdict)
        page = tmp_path / f"{verdict.value}.html"
        page.write_text(render_html(replace(base, gate=gate, document_gates=(gate,))), encoding="utf-8")
        opened(browser, page)
        badge = browser.find_element(By.CSS_SELECTOR, "#verdict .badge")
        assert badge.text == verdict.value.upper()
        assert badge.value_of_css_property("background-color") == colours[verdict.value]
        assert browser.find_element(By.CSS_SELECTOR, "#verdict .reasons li").text == "a reason <b>x</b> [/]"
        assert errors(browser) == []
