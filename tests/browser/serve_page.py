#!/usr/bin/python3
"""The page of `yusuan serve` in a real browser (headless Chromium through
WebDriver): upload the seed and a PDF, wait for the tables, open a preview,
check a repaired row is highlighted, download CSVs and compare them with the
CLI's. Needs Debian's chromium, chromium-driver and python3-selenium
(.ci/run installs them). Usage: serve_page.py BINARY [SCREENSHOT_DIR]"""

import os
import shutil
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLES = os.path.join(ROOT, "samples")
SEED = "seed-gzast.txt"
PDF = "kjfw-cid.pdf"
BROKEN = "broken-seed.txt"
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""))


def start_server(binary):
    proc = subprocess.Popen([binary, "serve", "--port", "0", "--no-open"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = proc.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        proc.kill()
        sys.exit("serve did not print its address: %r" % url)
    return proc, url


def browser(downloads):
    opts = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--lang=zh-CN"]:
        opts.add_argument(arg)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    opts.binary_location = chromium
    opts.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)


def cli_outputs(binary, work):
    """What the CLI writes for the same files, run from samples/ so that
    `source` is the bare file name, as for an upload."""
    conv = os.path.join(work, "convert")
    tabs = os.path.join(work, "tables")
    subprocess.run([binary, "convert", SEED, "-o", conv, "-q"], cwd=SAMPLES, check=False)
    subprocess.run([binary, "tables", PDF, "-o", tabs], cwd=SAMPLES, check=True,
                   stdout=subprocess.DEVNULL)
    return conv, tabs


def wait_download(folder, prefix, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        done = [f for f in os.listdir(folder)
                if f.startswith(prefix) and not f.endswith(".crdownload")]
        if done:
            return os.path.join(folder, done[0])
        time.sleep(0.2)
    return None


def doc_node(driver, source):
    for node in driver.find_elements(By.CSS_SELECTOR, ".doc"):
        if node.find_element(By.CSS_SELECTOR, ".doc-name").text == source:
            return node
    return None


def main():
    binary = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    work = tempfile.mkdtemp(prefix="yusuan-browser-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    conv, tabs = cli_outputs(binary, work)
    server, url = start_server(binary)
    driver = browser(downloads)
    try:
        run(driver, url, conv, tabs, downloads, shots)
    finally:
        driver.quit()
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


def run(driver, url, conv, tabs, downloads, shots):
    driver.get(url)
    check("page title is Chinese", "预算" in driver.find_element(By.TAG_NAME, "h1").text)
    # The seed with one amount changed: its row's 总计 no longer adds up.
    seed = open(os.path.join(SAMPLES, SEED), encoding="utf-8").read()
    broken = os.path.join(os.path.dirname(downloads), BROKEN)
    with open(broken, "w", encoding="utf-8") as f:
        f.write(seed.replace("TZMMZX\t30.00\t30.00", "TZMMZX\t30.00\t31.00", 1))
    files = "\n".join([os.path.join(SAMPLES, SEED), os.path.join(SAMPLES, PDF), broken])
    driver.find_element(By.ID, "file-input").send_keys(files)
    wait = WebDriverWait(driver, 180)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '.doc[data-status="ok"]')) == 3)
    check("the three uploads converted", True)
    seed = doc_node(driver, SEED)
    pdf = doc_node(driver, PDF)
    check("seed lists its 绩效目标表", seed is not None and
          len(seed.find_elements(By.CSS_SELECTOR, '.table-row[data-kind="performance"]')) == 1)
    check("PDF lists its tables", pdf is not None and
          len(pdf.find_elements(By.CSS_SELECTOR, '.table-row[data-kind="table"]')) >= 1)
    check("checks shown as passed", "✔" in seed.find_element(By.CSS_SELECTOR, '.table-row[data-kind="performance"]').text)
    if shots:
        driver.set_window_size(1400, 1380)
        driver.save_screenshot(os.path.join(shots, "serve-documents.png"))
        driver.set_window_size(1400, 1000)

    seed.find_element(By.CSS_SELECTOR,
                      '.table-row[data-kind="performance"] button.preview').click()
    wait.until(EC.visibility_of_element_located((By.ID, "preview")))
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#preview-table tbody tr"))
    repaired = driver.find_elements(By.CSS_SELECTOR, "#preview-table tr.repaired")
    check("a repaired row is highlighted", len(repaired) >= 1)
    tip = repaired[0].get_attribute("title") if repaired else ""
    check("the repair is explained on hover", "跨页合并" in tip, tip)
    colour = repaired[0].find_elements(By.TAG_NAME, "td")[1].value_of_css_property(
        "background-color") if repaired else ""
    check("the repaired row is coloured", colour not in ("", "rgba(0, 0, 0, 0)"), colour)
    if shots:
        driver.execute_script(
            "document.getElementById('preview').scrollIntoView();"
            "const wrap = document.querySelector('#preview .table-wrap');"
            "wrap.scrollTop = Math.max(0, arguments[0].offsetTop - 120);", repaired[0])
        time.sleep(0.5)
        driver.save_screenshot(os.path.join(shots, "serve-preview.png"))

    driver.find_element(By.CSS_SELECTOR, "#preview-download a.csv").click()
    got = wait_download(downloads, "seed-gzast-table1")
    want = open(os.path.join(conv, "projects.csv"), "rb").read()
    check("table CSV equals the CLI's projects.csv",
          got is not None and open(got, "rb").read() == want, str(got))

    pdf.find_element(By.CSS_SELECTOR, '.table-row[data-kind="table"] a.csv').click()
    # The table CSVs only: not the index, the report or the publish manifest.
    name = sorted(f for f in os.listdir(tabs) if f.startswith("p") and f.endswith(".csv"))[0]
    got = wait_download(downloads, "kjfw-cid-p0")
    want = open(os.path.join(tabs, name), "rb").read()
    check("ruled table CSV equals `yusuan tables`",
          got is not None and open(got, "rb").read() == want, str(got))

    bad = doc_node(driver, BROKEN)
    row = bad.find_element(By.CSS_SELECTOR, '.table-row[data-kind="performance"]')
    check("a failed check is shown as ✘", "✘" in row.text, row.text)
    row.find_element(By.CSS_SELECTOR, "button.preview").click()
    wait.until(lambda d: BROKEN in d.find_element(By.ID, "preview-title").text)
    cells = driver.find_elements(By.CSS_SELECTOR, "#preview-table td.check-failed")
    tips = [c.get_attribute("title") for c in cells]
    check("the failed check's cell is highlighted and explained",
          any("TZMMZX" in t and "总计" in t and "30.00" in t for t in tips), str(tips))

    driver.find_element(By.ID, "lang").click()
    check("English toggle", driver.find_element(By.TAG_NAME, "h1").text.startswith("Budget"))


if __name__ == "__main__":
    main()
