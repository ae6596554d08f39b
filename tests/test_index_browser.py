"""The batch index in a real headless browser (issue 31): a batch over generated clients,
its index.html opened in Chromium through Selenium, the client table sorted by clicks on
its headings and filtered by its lists, dates and text, the dashboard's charts laid out.

The project does not need a browser: where Chromium, its driver or Selenium is missing,
these tests skip and say what to install. Selenium is pointed at the system's
chromedriver, so that Selenium Manager never downloads one.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import cli

from .support import portfolio_clients

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="needs Selenium (pip install selenium) for the browser tests"
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Chromium and chromedriver (Debian: apt-get install chromium chromium-driver)",
    ),
    # One browser per worker at a time is enough; keep this module's tests together.
    pytest.mark.xdist_group("browser"),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, Path]:
    """Twelve clients (two with an earlier assessment) rendered by `batch --history`, the
    index in English and in Vietnamese."""
    root = tmp_path_factory.mktemp("portfolio")
    src = root / "in"
    portfolio_clients(src)
    out = {}
    for lang in ("en", "vi"):
        out[lang] = root / lang
        args = ["batch", str(src), "-o", str(out[lang]), "--recursive", "--history"]
        result = CliRunner().invoke(cli, [*args, "--format", "html", "--lang", lang])
        assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,2000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def clients(batch_dir: Path) -> dict[str, dict]:
    """Each client's latest assessment as summary.json records it, by name: its date,
    industry, total, band and markets' regions (None: no expansion)."""
    latest: dict[str, dict] = {}
    for f in json.loads((batch_dir / "summary.json").read_text("utf-8"))["files"]:
        scores, expansion = f["scores"], f["scores"]["expansion"]
        s = {
            "date": f["date"],
            "industry": f.get("industry"),
            "total": scores["validation"]["total"],
            "band": scores["validation"]["band"],
            "regions": {m["region"] for m in expansion["markets"]} if expansion else None,
        }
        if f["client"] not in latest or s["date"] > latest[f["client"]]["date"]:
            latest[f["client"]] = s
    return latest


def open_index(driver, batch_dir: Path):
    driver.get((batch_dir / "index.html").as_uri())
    return driver.find_element(By.CSS_SELECTOR, "table.clients")


def visible(table) -> list[str]:
    """The names of the rows shown, in order."""
    return [
        r.find_element(By.CSS_SELECTOR, "td").text.splitlines()[0]
        for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")
        if r.is_displayed()
    ]


def column(table, heading: str) -> int:
    # The headings' words as written (the page shows them in capitals, wrapped).
    ths = table.find_elements(By.CSS_SELECTOR, "thead th")
    return [" ".join(th.get_attribute("textContent").split()) for th in ths].index(heading)


def sort_by(table, heading: str) -> None:
    th = table.find_elements(By.CSS_SELECTOR, "thead th")[column(table, heading)]
    th.find_element(By.TAG_NAME, "button").click()


def cells(table, heading: str) -> list[str]:
    i = column(table, heading)
    return [
        r.find_elements(By.CSS_SELECTOR, "td")[i].text
        for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]


def test_sorting_by_a_column_is_numeric_both_ways(browser, batch):
    table = open_index(browser, batch["en"])
    before = [Decimal(t.split("/")[0]) for t in cells(table, "Total score")]
    sort_by(table, "Total score")
    up = [Decimal(t.split("/")[0]) for t in cells(table, "Total score")]
    # The totals run from 75 to 111: sorted as text, "111" would come before "75".
    assert up == sorted(up) and up != before and len(set(up)) > 3
    assert min(up) < 100 <= max(up)
    th = table.find_elements(By.CSS_SELECTOR, "thead th")[column(table, "Total score")]
    assert th.get_attribute("aria-sort") == "ascending"
    sort_by(table, "Total score")
    down = [Decimal(t.split("/")[0]) for t in cells(table, "Total score")]
    assert down == sorted(up, reverse=True) and th.get_attribute("aria-sort") == "descending"
    others = table.find_elements(By.CSS_SELECTOR, "thead th")
    assert [o.get_attribute("aria-sort") for o in others].count(None) == len(others) - 1
    # The rows moved whole: each name still beside its own total.
    shown = dict(zip(visible(table), down, strict=True))
    assert shown == {n: Decimal(str(s["total"])) for n, s in clients(batch["en"]).items()}


def test_the_change_column_sorts_by_its_value_in_vietnamese(browser, batch):
    """Vietnamese writes "−1,5": the order comes from the cells' data-sort values; the
    clients without an earlier assessment ("–") come last either way."""
    table = open_index(browser, batch["vi"])
    heading = "Kể từ lần đánh giá trước"
    texts = dict(zip(visible(table), cells(table, heading), strict=True))
    assert texts["Client A JSC"] == "↑ +8" and texts["Client B JSC"] == "↓ −1,5"
    assert texts["Client C JSC"] == "–"
    sort_by(table, heading)
    names = visible(table)
    assert names[:2] == ["Client B JSC", "Client A JSC"]
    sort_by(table, heading)
    names = visible(table)
    assert names[:2] == ["Client A JSC", "Client B JSC"] and len(names) == 12


def test_the_lists_dates_and_text_filter_the_rows_together(browser, batch):
    table = open_index(browser, batch["en"])
    latest = clients(batch["en"])
    everyone = sorted(latest)
    assert sorted(visible(table)) == everyone and len(everyone) == 12
    status = browser.find_element(By.ID, "shown")
    assert status.text == "12 of 12 clients shown"

    band = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="band"]'))
    band.select_by_value("poor")
    poor = sorted(n for n, s in latest.items() if s["band"] == "poor")
    assert 0 < len(poor) < 12 and sorted(visible(table)) == poor
    assert status.text == f"{len(poor)} of 12 clients shown"

    region = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="region"]'))
    region.select_by_value("eu")
    in_eu = {n for n, s in latest.items() if "eu" in (s["regions"] or ())}
    both = sorted(set(poor) & in_eu)
    assert both and len(both) < len(poor) and sorted(visible(table)) == both
    band.select_by_value("")
    assert sorted(visible(table)) == sorted(in_eu)

    # A date input takes typed digits in the browser's locale's order; its value is set
    # as a script would, and the event the page listens to is sent.
    def set_date(element_id: str, value: str) -> None:
        browser.execute_script(
            "var e = document.getElementById(arguments[0]); e.value = arguments[1];"
            "e.dispatchEvent(new Event('change', {bubbles: true}));",
            element_id,
            value,
        )

    set_date("date-from", "2026-03-01")
    set_date("date-to", "2026-08-31")
    in_range = {n for n, s in latest.items() if "2026-03-01" <= s["date"] <= "2026-08-31"}
    assert sorted(visible(table)) == sorted(in_eu & in_range) and in_eu - in_range
    region.select_by_value("")
    assert sorted(visible(table)) == sorted(in_range) and len(in_range) < 12

    text = browser.find_element(By.ID, "filter")
    name = sorted(in_range)[0]
    text.send_keys(name)
    assert visible(table) == [name]
    set_date("date-from", "")
    set_date("date-to", "")
    text.clear()
    text.send_keys("education")  # an industry, in its English words
    education = sorted(n for n, s in latest.items() if s.get("industry") == "Education")
    assert education and sorted(visible(table)) == education
    industry = Select(browser.find_element(By.CSS_SELECTOR, 'select[data-filter="industry"]'))
    industry.select_by_value("Fintech")
    assert visible(table) == []  # the text and the list together: no Fintech in education
    assert status.text == "0 of 12 clients shown"


def test_the_dashboard_charts_are_laid_out(browser, batch):
    open_index(browser, batch["en"])
    charts = browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")
    assert charts
    for svg in charts:
        box = browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", svg
        )
        assert box[0] > 100 and box[1] > 50, box
        assert svg.find_elements(By.TAG_NAME, "circle")  # the clients' dots
    heat = browser.find_element(By.CSS_SELECTOR, "table.heat")
    assert heat.size["height"] > 0 and heat.size["width"] > 0
