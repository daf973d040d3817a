"""Browser tests: real headless Chromium (Debian's) driven by Selenium, against a live
`kippu serve --demo` started by scripts/web-test (KIPPU_URL). Screenshots of failing tests go to
KIPPU_ARTIFACTS."""
import os
import pathlib
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("KIPPU_URL", "http://127.0.0.1:8080").rstrip("/")
ARTIFACTS = pathlib.Path(os.environ.get("KIPPU_ARTIFACTS", "/tmp/kippu-browser-artifacts"))
DEMO_PASSWORD = "kitakata-demo"


def make_browser(lang="ja"):
    """A fresh browser profile (one person), headless, in `lang`."""
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", f"--lang={lang}", f"--user-data-dir={tempfile.mkdtemp(prefix='kippu-chrome-')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    # A test that fails while this browser is open leaves a screenshot of it: `quit` in a
    # `finally` block runs while the failure is still being raised.
    real_quit = driver.quit

    def quit_with_evidence():
        if sys.exc_info()[0] is not None:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            test = os.environ.get("PYTEST_CURRENT_TEST", "test").split(" ")[0].replace("/", "_").replace("::", "-")
            try:
                driver.save_screenshot(str(ARTIFACTS / f"{test}-{id(driver)}.png"))
            except Exception:
                pass
        real_quit()

    driver.quit = quit_with_evidence
    return driver


@pytest.fixture
def browser(request):
    driver = make_browser()
    yield driver
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / f"{request.node.name}.png"))
    driver.quit()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def wait(driver, seconds=10):
    return WebDriverWait(driver, seconds)


def submit(driver, target, seconds=10):
    """Clicks a button or link (an element, or its id) that loads another page, and waits until
    the browser shows the new page, fully loaded: what the test reads next is the new page, never
    the one before it (which may have the same ids). The old page is marked on its `window`,
    which a new document does not share; errors while the page changes are retried."""
    driver.execute_script("window.__kippuLeaving = true")
    (driver.find_element(By.ID, target) if isinstance(target, str) else target).click()
    WebDriverWait(driver, seconds, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && !window.__kippuLeaving"))


def login(driver, username, password=DEMO_PASSWORD):
    """Signs in through the console's form, as a person would."""
    driver.get(BASE + "/admin/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.ID, "login").click()
    wait(driver).until(EC.url_to_be(BASE + "/admin/"))
