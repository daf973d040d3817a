"""The wallet where things go wrong: old QR proofs, broken links, taking a hand-over back,
a shop's claim link, and opening the wallet without a network."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import BASE, make_browser, wait
from ledger_data import get
from test_wallet import held, open_wallet, store_url, use_in


def claim_coupons(driver):
    open_wallet(driver)
    driver.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-coupons']").click()
    wait(driver, 30).until(lambda d: len(held(d)) >= 2)
    return held(driver)


def test_an_old_rotating_qr_is_refused_and_the_ticket_stays_usable(browser):
    tickets = claim_coupons(browser)
    product = get("/api/v1/products/" + get(f"/api/v1/tickets/{tickets[0]}")["product"])
    store = product["usable"]["stores"][0]["id"]
    open_wallet(browser, store_url(store, epoch=1))  # a rotating code from 1970: far outside ±2 epochs
    use_in(browser, tickets[0], str(product.get("minPurchase", 0) + 100))
    wait(browser, 20).until(lambda d: "古くなっています" in d.find_element(By.ID, "message").text)
    assert not browser.find_element(By.ID, "used").is_displayed()
    assert get(f"/api/v1/tickets/{tickets[0]}")["state"] == "active"


def test_a_broken_claim_link_says_so(browser):
    open_wallet(browser, BASE + "/wallet/#claim=not-a-seed&t=AAAAAAAAAAAAAAAAAAAAAA")
    assert "リンクが壊れています" in browser.find_element(By.ID, "message").text


def test_an_unclaimed_hand_over_can_be_taken_back(browser):
    claim_coupons(browser)
    button = browser.find_element(By.CSS_SELECTOR, "#tickets button.transfer")
    ticket = button.get_attribute("data-ticket")
    button.click()
    row = wait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-transfer='{ticket}']")))
    assert row.get_attribute("data-claimed") == "false" and ticket not in held(browser)
    row.find_element(By.CSS_SELECTOR, "button.takeback").click()
    wait(browser, 20).until(lambda d: ticket in held(d))
    assert get(f"/api/v1/tickets/{ticket}")["holder"] == browser.find_element(By.ID, "wallet").get_attribute("data-key")
    assert not browser.find_elements(By.CSS_SELECTOR, f"[data-transfer='{ticket}']")


def test_a_shops_claim_link_puts_its_offer_first(browser):
    open_wallet(browser, BASE + "/wallet/?product=festa-set")
    first = browser.find_element(By.CSS_SELECTOR, "#offers article.offer")
    assert first.get_attribute("data-product") == "festa-set" and "wanted" in first.get_attribute("class")


def test_offline_the_wallet_still_opens_and_shows_the_last_synced_tickets():
    driver = make_browser()
    try:
        tickets = claim_coupons(driver)
        # Once the service worker controls the page, its shell is cached.
        driver.get(BASE + "/wallet/")
        wait(driver, 20).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))
        wait(driver, 20).until(lambda d: d.execute_script(
            "return window.__cached !== undefined ? window.__cached : (caches.has('kippu-wallet-v1').then(v => window.__cached = v), false)"))
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                               {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        open_wallet(driver)
        banner = driver.find_element(By.ID, "offline")
        assert banner.is_displayed() and "オフライン" in banner.text
        assert set(tickets) <= set(held(driver))
    finally:
        driver.quit()


def test_a_rotating_qr_of_the_current_half_minute_works_like_a_printed_one(browser):
    import time
    tickets = claim_coupons(browser)
    target = browser.find_element(By.CSS_SELECTOR, "#tickets article.ticket").get_attribute("data-ticket")
    product = get("/api/v1/products/" + get(f"/api/v1/tickets/{target}")["product"])
    store = product["usable"]["stores"][0]["id"]
    open_wallet(browser, store_url(store, epoch=int(time.time() * 1000) // 30000))
    use_in(browser, target, str(product.get("minPurchase", 0) + 100))
    wait(browser, 20).until(EC.visibility_of_element_located((By.ID, "used")))
    assert get(f"/api/v1/tickets/{target}")["state"] == "used"
    assert target in tickets


def test_attributes_are_kept_only_with_consent_and_can_be_deleted(browser):
    from selenium.webdriver.support.ui import Select
    open_wallet(browser)
    form = browser.find_element(By.ID, "attributes")
    Select(form.find_element(By.NAME, "prefecture")).select_by_value("7")
    form.find_element(By.NAME, "birthYear").send_keys("1985")
    browser.find_element(By.ID, "attributes-save").click()  # no consent yet
    wait(browser).until(lambda d: "同意" in d.find_element(By.ID, "attributes-status").text)
    open_wallet(browser)
    assert browser.find_element(By.ID, "attributes").get_attribute("data-saved") == "false"

    form = browser.find_element(By.ID, "attributes")
    Select(form.find_element(By.NAME, "prefecture")).select_by_value("7")
    form.find_element(By.NAME, "birthYear").send_keys("1985")
    form.find_element(By.NAME, "consent").click()
    browser.find_element(By.ID, "attributes-save").click()
    wait(browser).until(lambda d: d.find_element(By.ID, "attributes-status").text == "保存しました。")
    open_wallet(browser)
    wait(browser).until(lambda d: d.find_element(By.ID, "attributes").get_attribute("data-saved") == "true")
    form = browser.find_element(By.ID, "attributes")
    assert form.find_element(By.NAME, "birthYear").get_attribute("value") == "1985"
    assert Select(form.find_element(By.NAME, "prefecture")).first_selected_option.text == "福島県"

    browser.find_element(By.ID, "attributes-delete").click()
    wait(browser).until(lambda d: d.find_element(By.ID, "attributes-status").text == "削除しました。")
    open_wallet(browser)
    wait(browser).until(lambda d: d.find_element(By.ID, "attributes").get_attribute("data-saved") == "false")
    assert browser.find_element(By.ID, "attributes").find_element(By.NAME, "birthYear").get_attribute("value") == ""
