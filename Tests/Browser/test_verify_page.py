"""The public verify page checks a ticket's chain inside the browser, and notices tampering."""
from selenium.webdriver.common.by import By

from conftest import BASE, make_browser, wait
from ledger_data import find_tx, get


def final_status(driver):
    wait(driver, 20).until(lambda d: d.find_element(By.ID, "status").get_attribute("data-state") != "checking")
    return driver.find_element(By.ID, "status")


def test_a_used_ticket_verifies_in_the_browser_without_an_account(browser):
    use = find_tx("ticket.use")
    ticket = use["ticket"]
    browser.get(BASE + "/verify/")
    browser.find_element(By.ID, "ticket").send_keys(ticket)
    browser.find_element(By.ID, "go").click()
    status = final_status(browser)
    assert status.get_attribute("data-state") == "verified", status.text
    steps = browser.find_elements(By.CSS_SELECTOR, "#steps li")
    history = get(f"/api/v1/tickets/{ticket}")["history"]
    assert len(steps) == len(history) >= 2
    assert all(s.get_attribute("class") == "ok" for s in steps)
    assert steps[-1].get_attribute("data-type") == "ticket.use"
    assert browser.find_element(By.ID, "state").text == "利用済み"


def test_a_tampered_inclusion_proof_fails_verification():
    ticket = find_tx("ticket.use")["ticket"]
    driver = make_browser()
    try:
        # Before any page script runs: every inclusion proof the page fetches gets one hash changed.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
            const realFetch = window.fetch.bind(window);
            window.fetch = async (url, opts) => {
              const r = await realFetch(url, opts);
              if (!String(url).includes("/proof/inclusion")) return r;
              const proof = await r.json();
              const h = proof.path[0];
              proof.path[0] = (h[0] === "A" ? "B" : "A") + h.slice(1);
              return new Response(JSON.stringify(proof), { status: 200, headers: { "Content-Type": "application/json" } });
            };
        """})
        driver.get(BASE + "/verify/" + ticket)
        status = final_status(driver)
        assert status.get_attribute("data-state") == "failed"
        assert any("✗" in li.text for li in driver.find_elements(By.CSS_SELECTOR, "#steps li"))
    finally:
        driver.quit()


def test_a_malformed_id_is_explained_and_an_unknown_one_is_not_found(browser):
    browser.get(BASE + "/verify/?ticket=not-an-id")
    assert "22" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    browser.get(BASE + "/verify/AAAAAAAAAAAAAAAAAAAAAA")
    status = final_status(browser)
    assert status.get_attribute("data-state") == "failed" and "ありません" in status.text


def test_a_later_visit_checks_that_the_ledger_only_grew():
    import kippu_client as kc
    ticket = find_tx("ticket.use")["ticket"]
    driver = make_browser()
    try:
        driver.get(BASE + "/verify/" + ticket)
        assert final_status(driver).get_attribute("data-state") == "verified"
        first = driver.execute_script("return JSON.parse(localStorage.getItem('kippu.checkpoint'))")
        assert first["size"] > 0
        # The ledger grows (a wallet claims a coupon), then the page is opened again: the remembered
        # checkpoint must be a prefix of the new one (RFC 9162 consistency proof, checked here).
        kc.Wallet().sign_in().order("festa-coupons", "free")
        driver.get(BASE + "/verify/" + ticket)
        assert final_status(driver).get_attribute("data-state") == "verified"
        second = driver.execute_script("return JSON.parse(localStorage.getItem('kippu.checkpoint'))")
        assert second["size"] > first["size"]

        # A node that rewrote history cannot prove consistency: a tampered proof is caught.
        kc.Wallet().sign_in().order("festa-coupons", "free")
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
            const realFetch = window.fetch.bind(window);
            window.fetch = async (url, opts) => {
              const r = await realFetch(url, opts);
              if (!String(url).includes("/proof/consistency")) return r;
              const proof = await r.json();
              const h = proof.path[proof.path.length - 1];
              proof.path[proof.path.length - 1] = (h[0] === "A" ? "B" : "A") + h.slice(1);
              return new Response(JSON.stringify(proof), { status: 200, headers: { "Content-Type": "application/json" } });
            };
        """})
        driver.get(BASE + "/verify/" + ticket)
        status = final_status(driver)
        assert status.get_attribute("data-state") == "failed"
        # Nothing unproven is remembered.
        assert driver.execute_script("return JSON.parse(localStorage.getItem('kippu.checkpoint'))")["size"] == second["size"]
    finally:
        driver.quit()
