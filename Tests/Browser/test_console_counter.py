"""Paying at the counter: the wallet shows a code, the shop's staff confirm it in the console,
and the tickets arrive in the wallet."""
from selenium.webdriver.common.by import By

from conftest import BASE, login, make_browser, submit, wait
from ledger_data import get
from test_wallet import held, open_wallet


def test_staff_confirm_a_counter_payment_and_the_tickets_arrive():
    customer = make_browser()
    staff = make_browser()
    try:
        open_wallet(customer)
        customer.find_element(By.CSS_SELECTOR, "#offers button.claim[data-product='festa-set']").click()
        message = wait(customer, 20).until(lambda d: d.find_element(By.ID, "message").get_attribute("data-code") and d.find_element(By.ID, "message"))
        code = message.get_attribute("data-code")

        login(staff, "ramen-01")  # another merchant's staff cannot take this payment
        staff.get(BASE + "/admin/counter")
        staff.find_element(By.ID, "code").send_keys(code)
        staff.find_element(By.ID, "confirm").click()
        assert "ありません" in wait(staff).until(lambda d: d.find_element(By.CSS_SELECTOR, "[role=alert]")).text
        assert staff.find_element(By.ID, "code").get_attribute("value") == code.upper()

        submit(staff, staff.find_element(By.CSS_SELECTOR, "header form button"))
        login(staff, "brewery-01")
        staff.get(BASE + "/admin/counter")
        staff.find_element(By.ID, "code").send_keys(code.lower())  # typed in lower case: still found
        staff.find_element(By.ID, "confirm").click()
        done = wait(staff, 20).until(lambda d: d.find_element(By.ID, "counter-done"))
        assert "3000" in done.text.replace(",", "") or "3,000" in done.text

        # The wallet notices the confirmation by itself (no reload) and lists the tickets.
        key = customer.find_element(By.ID, "wallet").get_attribute("data-key")
        mine = {t["ticket"] for t in get(f"/api/v1/holders/{key}/tickets")["tickets"]}
        assert mine
        wait(customer, 20).until(lambda d: mine <= set(held(d)))
    finally:
        customer.quit()
        staff.quit()
