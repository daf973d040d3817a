"""The consumer wallet in a real browser, two independent profiles as two people: claim, hand
over by link, use at the shop's QR, and the failures a person can meet."""
import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

import kippu_client as kc
from conftest import BASE, login, make_browser, wait
from ledger_data import get


def store_url(store, epoch=0):
    out = subprocess.run([os.environ["KIPPU_BIN"], "store-url", "--db", os.environ["KIPPU_DB"], "--store", store, "--base", BASE,
                          "--epoch", str(epoch)], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def open_wallet(driver, url=None):
    driver.get(url or BASE + "/wallet/")
    wait(driver, 30).until(lambda d: d.find_element(By.ID, "wallet").get_attribute("data-ready") == "true")


def held(driver):
    """The tickets the wallet lists as held (read in one go: the list re-renders while we look)."""
    return driver.execute_script("return [...document.querySelectorAll('#tickets article.ticket')].map((e) => e.dataset.ticket)")


def test_claim_buy_hand_over_by_link_and_use_at_the_shop_while_the_staff_screen_watches():
    a, b, staff = make_browser(), make_browser(), make_browser()
    try:
        open_wallet(a)
        assert len(a.find_element(By.ID, "wallet").get_attribute("data-key")) == 43
        a.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-coupons']").click()
        wait(a, 30).until(lambda d: len(held(d)) >= 2)
        coupons = held(a)

        # A buys the festival set, pays at the counter; the organiser's staff confirm the code.
        a.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-set']").click()
        message = wait(a, 20).until(lambda d: d.find_element(By.ID, "message").get_attribute("data-code") and d.find_element(By.ID, "message"))
        code = message.get_attribute("data-code")
        assert code in message.text
        paid = kc.call("POST", "/api/v1/counter/payments", {"code": code}, token=kc.staff_token("brewery-01"))
        assert paid["status"] == "issued"
        open_wallet(a)
        wait(a, 30).until(lambda d: set(paid["tickets"]) <= set(held(d)))
        assert a.find_elements(By.CSS_SELECTOR, "#tickets .package")
        # Each ticket is checked in the browser against the ledger.
        wait(a, 40).until(lambda d: all(m.text.startswith("✓") for m in d.find_elements(By.CSS_SELECTOR, "#tickets [data-role=verification]")))

        # Parts whose transfer limit is 1 cannot go by link (two transfers): no button, a note instead.
        buttons = [x for x in a.find_elements(By.CSS_SELECTOR, "#tickets button.transfer") if x.get_attribute("data-ticket") in coupons]
        assert 0 < len(buttons) < len(coupons)
        target = buttons[0].get_attribute("data-ticket")
        product = get("/api/v1/products/" + get(f"/api/v1/tickets/{target}")["product"])
        store = product["usable"]["stores"][0]
        url = store_url(store["id"])
        amount = str(product.get("minPurchase", 0) + 500)

        # A already has the shop page open in a second tab when handing the ticket over.
        wallet_tab = a.current_window_handle
        a.switch_to.new_window("tab")
        open_wallet(a, url)
        stale_tab = a.current_window_handle
        a.switch_to.window(wallet_tab)
        a.find_element(By.CSS_SELECTOR, f"#tickets button.transfer[data-ticket='{target}']").click()
        link_input = wait(a, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"[data-transfer='{target}'] input.link")))
        link = link_input.get_attribute("value")
        assert "#claim=" in link and target not in held(a)
        # The stale tab's attempt fails in plain words, and nothing is used.
        a.switch_to.window(stale_tab)
        use_in(a, target, amount)
        wait(a, 20).until(lambda d: "もうお持ちではありません" in d.find_element(By.ID, "message").text)
        assert not a.find_element(By.ID, "used").is_displayed()
        a.close()
        a.switch_to.window(wallet_tab)

        open_wallet(b, link)
        wait(b, 20).until(lambda d: target in held(d))
        assert get(f"/api/v1/tickets/{target}")["holder"] == b.find_element(By.ID, "wallet").get_attribute("data-key")
        open_wallet(a)
        wait(a, 20).until(lambda d: d.find_element(By.CSS_SELECTOR, f"[data-transfer='{target}']").get_attribute("data-claimed") == "true")

        # The shop's staff screen is open (the operator may watch any store).
        login(staff, "operator")
        staff.get(BASE + f"/admin/stores/{store['id']}/screen")
        wait(staff).until(lambda d: d.find_element(By.ID, "feed-status").text == "受信中")

        # B has the shop page open in two tabs; uses the ticket in the first.
        open_wallet(b, url)
        first_tab = b.current_window_handle
        b.switch_to.new_window("tab")
        open_wallet(b, url)
        second_tab = b.current_window_handle
        b.switch_to.window(first_tab)
        card = b.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
        assert card.get_attribute("data-usable") == "true"
        use_in(b, target, amount)
        used = wait(b, 20).until(EC.visibility_of_element_located((By.ID, "used")))
        assert store["name"] in used.text and product["name"] in used.text
        assert b.execute_script("return getComputedStyle(document.querySelector('#used .pulse')).animationName") == "kippu-pulse"
        clock = b.find_element(By.ID, "used-clock").text
        wait(b, 5).until(lambda d: d.find_element(By.ID, "used-clock").text != clock)  # a live clock, not a screenshot
        assert get(f"/api/v1/tickets/{target}")["state"] == "used"
        wait(staff, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#uses li[data-ticket='{target}']")))
        # A staff screen opened only now still shows that use (the last half hour's are sent first), once.
        staff.get(BASE + f"/admin/stores/{store['id']}/screen")
        wait(staff, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#uses li[data-ticket='{target}']")))
        assert len(staff.find_elements(By.CSS_SELECTOR, f"#uses li[data-ticket='{target}']")) == 1

        # The second tab tries the same ticket: already used, said plainly.
        b.switch_to.window(second_tab)
        use_in(b, target, amount)
        wait(b, 20).until(lambda d: "もう使われています" in d.find_element(By.ID, "message").text)
        assert not b.find_element(By.ID, "used").is_displayed()
        # Opened afresh, the shop page shows it as used, with no button; A's does not list it.
        open_wallet(b, url)
        again = b.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
        assert again.get_attribute("data-usable") == "false" and "使われています" in again.text
        open_wallet(a, url)
        assert not a.find_elements(By.CSS_SELECTOR, f"#usable article[data-ticket='{target}']")
    finally:
        a.quit()
        b.quit()
        staff.quit()


def use_in(driver, ticket, amount):
    """Taps "use" on `ticket` in the shop page (filling the purchase amount when asked) and confirms."""
    card = driver.find_element(By.CSS_SELECTOR, f"#usable article[data-ticket='{ticket}']")
    for box in card.find_elements(By.CSS_SELECTOR, "input.amount"):
        box.clear()
        box.send_keys(amount)
    card.find_element(By.CSS_SELECTOR, "button.use").click()
    wait(driver).until(EC.alert_is_present()).accept()


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
