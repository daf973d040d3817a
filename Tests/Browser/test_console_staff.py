"""A shop owner makes a sign-in for a counter clerk, the clerk signs in on another device and
sees only their own store, and the owner disables the sign-in again."""
import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import BASE, login, make_browser, submit, wait


def test_owner_adds_a_store_clerk_who_sees_only_that_store_until_disabled(browser):
    login(browser, "ramen-01")
    browser.get(BASE + "/admin/staff")
    # A bad username first: the error is next to the field and what was typed stays.
    browser.find_element(By.ID, "username").send_keys("x!")
    browser.find_element(By.ID, "displayName").send_keys("田中 花子")
    submit(browser, "add-staff")
    error = wait(browser).until(EC.presence_of_element_located((By.ID, "username-error")))
    assert "3〜32文字" in error.text
    assert browser.find_element(By.ID, "displayName").get_attribute("value") == "田中 花子"

    username = "clerk-" + uuid.uuid4().hex[:8]
    box = browser.find_element(By.ID, "username")
    box.clear()
    box.send_keys(username)
    assert browser.find_element(By.ID, "role-store_staff").is_selected()
    # The list offers the owner's stores only (other tests may have added some).
    stores = Select(browser.find_element(By.ID, "store"))
    offered = [o.get_attribute("value") for o in stores.options]
    assert "ramen-01" in offered and "brewery-01" not in offered
    store = "ramen-01"
    stores.select_by_value(store)
    submit(browser, "add-staff")
    assert "田中 花子" in wait(browser).until(EC.presence_of_element_located((By.ID, "staff-created"))).text
    assert browser.find_element(By.ID, "new-username").text == username
    password = browser.find_element(By.ID, "new-password").text
    assert len(password) == 22

    clerk = make_browser()
    try:
        login(clerk, username, password)
        # Only their store is listed, and its staff screen opens; no sign-ins page, no other store.
        clerk.get(BASE + "/admin/stores")
        ids = [row.find_element(By.TAG_NAME, "td").text for row in clerk.find_elements(By.CSS_SELECTOR, "#stores tr")[1:]]
        assert ids == [store]
        assert not clerk.find_elements(By.CSS_SELECTOR, "a[href='/admin/staff']")
        clerk.get(BASE + f"/admin/stores/{store}/screen")
        assert clerk.find_element(By.ID, "screen").get_attribute("data-store") == store
        clerk.get(BASE + "/admin/stores/brewery-01/screen")
        assert not clerk.find_elements(By.ID, "screen")
        clerk.get(BASE + "/admin/staff")
        assert not clerk.find_elements(By.ID, "staff-form")

        # The owner disables the sign-in: the clerk's next page is the sign-in form.
        browser.get(BASE + "/admin/staff")
        row = browser.find_element(By.CSS_SELECTOR, f"#staff tr[data-user='{username}']")
        submit(browser, row.find_element(By.CSS_SELECTOR, "button.disable"))
        assert "停止" in browser.find_element(By.ID, "notice").text
        state = browser.find_element(By.CSS_SELECTOR, f"#staff tr[data-user='{username}'] [data-state]")
        assert state.get_attribute("data-state") == "disabled"
        clerk.get(BASE + f"/admin/stores/{store}/screen")
        assert clerk.current_url == BASE + "/admin/login"
        clerk.find_element(By.ID, "username").send_keys(username)
        clerk.find_element(By.ID, "password").send_keys(password)
        submit(clerk, "login")
        assert clerk.current_url == BASE + "/admin/login"
    finally:
        clerk.quit()
