"""Landing page, language switch and console sign-in in a real browser."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import BASE, login, wait


def test_landing_page_is_japanese_first_and_switches_to_english(browser):
    browser.get(BASE + "/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert "喜多方" in browser.find_element(By.TAG_NAME, "h1").text
    assert int(browser.find_element(By.ID, "height").text) > 0
    browser.find_element(By.CSS_SELECTOR, "a.lang").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Ledger height" in browser.page_source
    # The choice is remembered on the next page.
    browser.get(BASE + "/admin/login")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in to the console"


def test_wrong_password_shows_an_error_and_keeps_the_user_name(browser):
    browser.get(BASE + "/admin/login")
    browser.find_element(By.ID, "username").send_keys("ramen-01")
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.ID, "login").click()
    alert = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "[role=alert]")))
    assert "パスワードが違います" in alert.text
    assert browser.find_element(By.ID, "username").get_attribute("value") == "ramen-01"


def test_merchant_signs_in_sees_own_products_and_signs_out(browser):
    login(browser, "ramen-01")
    assert "ramen-01" in browser.find_element(By.CSS_SELECTOR, "main p.muted").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#products tr")
    assert len(rows) >= 2  # header + at least one product of this merchant
    # The session cookie is HttpOnly: page scripts cannot read it.
    assert "kippu_console" not in browser.execute_script("return document.cookie")
    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    wait(browser).until(EC.url_to_be(BASE + "/admin/login"))
    browser.get(BASE + "/admin/")
    assert browser.current_url == BASE + "/admin/login"


def test_pages_carry_the_security_headers():
    with urllib.request.urlopen(BASE + "/admin/login") as r:
        csp = r.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["Referrer-Policy"] == "no-referrer"
        assert "SameSite=Strict" in r.headers["Set-Cookie"] and "HttpOnly" in r.headers["Set-Cookie"]
