"""The consumer wallet in a real browser, two independent profiles as two people: claim, hand
over by link, use at the shop's QR, and the failures a person can meet."""
import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import BASE, make_browser, wait
from ledger_data import get


def store_url(store):
    out = subprocess.run([os.environ["KIPPU_BIN"], "store-url", "--db", os.environ["KIPPU_DB"], "--store", store, "--base", BASE],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def open_wallet(driver, url=None):
    driver.get(url or BASE + "/wallet/")
    wait(driver, 30).until(lambda d: d.find_element(By.ID, "wallet").get_attribute("data-ready") == "true")


def held(driver):
    return [e.get_attribute("data-ticket") for e in driver.find_elements(By.CSS_SELECTOR, "#tickets article.ticket")]


def test_claim_hand_over_by_link_and_use_at_the_shop():
    a, b = make_browser(), make_browser()
    try:
        open_wallet(a)
        assert len(a.find_element(By.ID, "wallet").get_attribute("data-key")) == 43
        claim = a.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-coupons']")
        claim.click()
        wait(a, 30).until(lambda d: len(held(d)) >= 2)
        tickets = held(a)
        # Each ticket is checked in the browser against the ledger.
        wait(a, 30).until(lambda d: all(m.text.startswith("✓") for m in d.find_elements(By.CSS_SELECTOR, "#tickets [data-role=verification]")))

        # Parts whose transfer limit is 1 cannot go by link (two transfers): no button, a note instead.
        buttons = a.find_elements(By.CSS_SELECTOR, "#tickets button.transfer")
        assert 0 < len(buttons) < len(tickets)
        # A hands one part over to B by link.
        target = buttons[0].get_attribute("data-ticket")
        buttons[0].click()
        link_input = wait(a, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-transfer='{target}'] input.link")))
        link = link_input.get_attribute("value")
        assert "#claim=" in link and target not in held(a)

        open_wallet(b, link)
        wait(b, 20).until(lambda d: target in held(d))
        assert get(f"/api/v1/tickets/{target}")["holder"] == b.find_element(By.ID, "wallet").get_attribute("data-key")
        open_wallet(a)
        wait(a, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, f"[data-transfer='{target}']").get_attribute("data-claimed") == "true")

        # B uses it at a shop where it is valid, through the shop's QR URL.
        product = get("/api/v1/products/" + get(f"/api/v1/tickets/{target}")["product"])
        store = product["usable"]["stores"][0]
        url = store_url(store["id"])
        open_wallet(b, url)
        card = b.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
        assert card.get_attribute("data-usable") == "true"
        amounts = card.find_elements(By.CSS_SELECTOR, "input.amount")
        if amounts:
            amounts[0].send_keys(str(product.get("minPurchase", 0) + 500))
        card.find_element(By.CSS_SELECTOR, "button.use").click()
        wait(b).until(EC.alert_is_present()).accept()
        used = wait(b, 20).until(EC.visibility_of_element_located((By.ID, "used")))
        assert store["name"] in used.text and product["name"] in used.text
        assert b.execute_script("return getComputedStyle(document.querySelector('#used .pulse')).animationName") == "kippu-pulse"
        clock = b.find_element(By.ID, "used-clock").text
        wait(b, 5).until(lambda d: d.find_element(By.ID, "used-clock").text != clock)  # a live clock, not a screenshot
        assert get(f"/api/v1/tickets/{target}")["state"] == "used"

        # A second use by B: the ticket is shown as already used, with no button.
        open_wallet(b, url)
        again = b.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
        assert again.get_attribute("data-usable") == "false" and "使われています" in again.text
        # A no longer holds it: A's shop page does not offer it.
        open_wallet(a, url)
        assert not a.find_elements(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
    finally:
        a.quit()
        b.quit()


def test_a_tampered_store_qr_and_an_unknown_store_get_plain_answers(browser):
    browser.get(BASE + "/s/ramen-01?p=<script>")
    assert "正しくありません" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    browser.get(BASE + "/s/no-such-store?p=abc")
    assert "見つかりません" in browser.find_element(By.TAG_NAME, "h1").text


def test_moving_to_a_new_phone_and_a_lost_connection_in_the_middle_of_a_use():
    old, new = make_browser(), make_browser()
    try:
        open_wallet(old)
        old.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-coupons']").click()
        wait(old, 30).until(lambda d: len(held(d)) >= 2)
        tickets = set(held(old))

        open_wallet(new)
        move_link = new.find_element(By.ID, "move-link").get_attribute("value")
        assert "#moveto=" in move_link
        old.get(move_link)
        wait(old, 20).until(EC.alert_is_present()).accept()
        wait(old, 30).until(lambda d: "移しました" in d.find_element(By.ID, "message").text)
        open_wallet(new)
        assert tickets <= set(held(new))

        # The connection drops as the person taps "use": the wallet must not say "used".
        target = sorted(tickets)[0]
        product = get("/api/v1/products/" + get(f"/api/v1/tickets/{target}")["product"])
        open_wallet(new, store_url(product["usable"]["stores"][0]["id"]))
        card = new.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
        for amount in card.find_elements(By.CSS_SELECTOR, "input.amount"):
            amount.send_keys(str(product.get("minPurchase", 0) + 100))
        new.execute_cdp_cmd("Network.enable", {})
        new.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        card.find_element(By.CSS_SELECTOR, "button.use").click()
        wait(new).until(EC.alert_is_present()).accept()
        message = wait(new, 20).until(EC.visibility_of_element_located((By.ID, "message")))
        assert "まだ使われていません" in message.text
        assert not new.find_element(By.ID, "used").is_displayed()
        assert get(f"/api/v1/tickets/{target}")["state"] == "active"
        # Back online, the same signed use is sent again and commits once.
        new.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        new.find_element(By.CSS_SELECTOR, "#message button.retry").click()
        wait(new, 20).until(EC.visibility_of_element_located((By.ID, "used")))
        assert get(f"/api/v1/tickets/{target}")["state"] == "used"
    finally:
        old.quit()
        new.quit()
