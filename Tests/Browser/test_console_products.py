"""The merchant console's product side in a real browser: register a coupon (with a field
error first), raise its cap, stop selling; a package approved by a partner in a second
browser; free coupons to pasted keys; a ticket's chain; a double-submitted form."""
import base64
import os
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import BASE, login, make_browser, submit, wait


def unique(prefix):
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def set_value(driver, element_id, value):
    """Date inputs take typed text differently per locale: set the value directly."""
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def fill_coupon(driver, name, cap="10"):
    driver.get(BASE + "/admin/products/new")
    driver.find_element(By.ID, "kind-coupon").click()
    if name:
        driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "description").send_keys("雨の日限定のテストクーポン")
    driver.find_element(By.ID, "faceValue").send_keys("300")
    driver.find_element(By.ID, "validityMode-dates").click()
    set_value(driver, "validUntil", "2099-12-31")
    driver.find_element(By.ID, "cap").send_keys(cap)


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def test_coupon_is_registered_capped_and_stopped(browser):
    login(browser, "ramen-01")
    fill_coupon(browser, "")
    browser.find_element(By.ID, "create").click()
    error = wait(browser).until(EC.presence_of_element_located((By.ID, "name-error")))
    assert "入力してください" in error.text
    # What was typed is kept.
    assert browser.find_element(By.ID, "description").get_attribute("value") == "雨の日限定のテストクーポン"
    assert browser.find_element(By.ID, "faceValue").get_attribute("value") == "300"
    name = unique("雨の日クーポン")
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "create").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "done")))
    assert browser.find_element(By.TAG_NAME, "h1").text == name
    assert text(browser, "remaining") == "10"
    assert "販売中" in text(browser, "sale-status")
    cap = browser.find_element(By.ID, "cap")
    cap.clear()
    cap.send_keys("25")
    submit(browser, "set-cap")
    wait(browser).until(EC.presence_of_element_located((By.ID, "done")))
    assert text(browser, "remaining") == "25"
    # Stopping needs the confirmation tick.
    browser.find_element(By.ID, "stop").click()
    assert "確認" in wait(browser).until(EC.presence_of_element_located((By.ID, "confirm-error"))).text
    browser.find_element(By.ID, "confirm-stop").click()
    submit(browser, "stop")
    wait(browser).until(EC.presence_of_element_located((By.ID, "done")))
    assert text(browser, "remaining") == "0"
    assert "販売停止中" in text(browser, "sale-status")
    # Terms are locked: "new version" opens the form pre-filled.
    browser.find_element(By.ID, "new-version").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "version-note")))
    assert browser.find_element(By.ID, "name").get_attribute("value") == name


def test_double_submitted_form_creates_one_product(browser):
    login(browser, "ramen-01")
    name = unique("二重送信テスト")
    fill_coupon(browser, name)
    statuses = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const form = document.getElementById('product-form');
        const body = new URLSearchParams(new FormData(form)).toString();
        const send = () => fetch(form.action, {method: 'POST', body, redirect: 'manual',
                                 headers: {'Content-Type': 'application/x-www-form-urlencoded'}});
        Promise.all([send(), send()]).then(rs => send().then(r3 => done(rs.concat([r3]).map(r => r.type + ':' + r.status))));
    """)
    assert len(statuses) == 3
    browser.get(BASE + "/admin/products")
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "#product-list tr") if name in r.text]
    pages = 0
    while pages < 5 and browser.find_elements(By.LINK_TEXT, "次のページ"):
        submit(browser, browser.find_element(By.LINK_TEXT, "次のページ"))
        rows += [r for r in browser.find_elements(By.CSS_SELECTOR, "#product-list tr") if name in r.text]
        pages += 1
    assert len(rows) == 1


def test_package_goes_on_sale_when_the_partner_approves(browser):
    login(browser, "ramen-01")
    browser.get(BASE + "/admin/packages/new")
    name = unique("朝ラーメンと入場券")
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "price").send_keys("3500")
    qty = browser.find_element(By.NAME, "qty.ramen-01-coupon")
    qty.clear()
    qty.send_keys("1")
    browser.find_element(By.ID, "partner1").send_keys("festa-entry")
    browser.find_element(By.ID, "create-package").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "done")))
    package_url = browser.current_url
    assert "販売停止中" in text(browser, "sale-status")
    badge = browser.find_element(By.CSS_SELECTOR, "#shares [data-partner=brewery-01]")
    assert badge.text == "承認待ち"
    shares = browser.find_element(By.ID, "shares").text
    assert "円" in shares

    partner = make_browser()
    try:
        login(partner, "brewery-01")
        partner.get(BASE + "/admin/endorsements")
        package_id = package_url.split("/admin/products/")[1].split("?")[0]
        card = partner.find_element(By.CSS_SELECTOR, f"section.request[data-package='{package_id}']")
        assert name in card.text
        card.find_element(By.CSS_SELECTOR, "button.approve").click()
        wait(partner).until(EC.url_contains("done=approve"))
        card = partner.find_element(By.CSS_SELECTOR, f"section.request[data-package='{package_id}']")
        assert "承認済み" in card.text
    finally:
        partner.quit()

    browser.get(package_url.split("?")[0])
    assert "販売中" in text(browser, "sale-status") and "停止" not in text(browser, "sale-status")
    assert browser.find_element(By.CSS_SELECTOR, "#shares [data-partner=brewery-01]").text == "承認済み"


def test_free_coupons_to_pasted_keys_show_on_dashboard_and_in_the_chain(browser):
    login(browser, "ramen-01")
    figure = lambda: int(browser.find_element(By.CSS_SELECTOR, "#today-sales .figure").text.split()[0])
    before = figure()
    keys = [base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode() for _ in range(2)]
    browser.get(BASE + "/admin/products/ramen-01-coupon/promote")
    browser.find_element(By.ID, "holders").send_keys("\n".join([keys[0], "not-a-key", keys[1]]))
    browser.find_element(By.ID, "issue-free").click()
    result = wait(browser, 30).until(EC.presence_of_element_located((By.ID, "promo-result")))
    assert "2 人中 2 人" in result.text
    assert "2 行目" in text(browser, "line-errors")
    ticket = browser.find_elements(By.CSS_SELECTOR, "a.ticket-link")[0].text
    browser.get(BASE + "/admin/")
    assert figure() == before + 2
    # The chain of one of them: issued to the first key, with its ledger height.
    browser.get(BASE + "/admin/tickets?q=" + ticket)
    steps = browser.find_elements(By.CSS_SELECTOR, "#chain li")
    assert steps[0].get_attribute("data-event") == "issue"
    assert "ブロック高" in steps[0].text and keys[0][:8] in steps[0].text
    assert text(browser, "ticket-state") == "未使用"
    # Another merchant cannot see it.
    other = make_browser()
    try:
        login(other, "brewery-01")
        other.get(BASE + "/admin/tickets?q=" + ticket)
        assert other.find_elements(By.ID, "not-found")
    finally:
        other.quit()
