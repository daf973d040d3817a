"""Operator console in a real browser: store import with a per-row report, CSV export in UTF-8
and Shift_JIS, "verify now", merchant registration, and refusal for a merchant admin."""
import csv
import io
import json
import os
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import BASE, login, wait


def unique(prefix):
    return f"{prefix}-{int(time.time() * 1000) % 10**9}-{os.getpid() % 1000}"


def api_status(path):
    try:
        with urllib.request.urlopen(BASE + path) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def post_with_session(driver, path, fields):
    """POSTs a form the way the page would, with the browser's session cookie."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    body = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(BASE + path, data=body, method="POST", headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    return urllib.request.urlopen(req)


def test_merchant_admin_is_refused_on_operator_pages(browser):
    login(browser, "ramen-01")
    for path in ("/admin/merchants", "/admin/stores/import", "/admin/network", "/admin/users"):
        browser.get(BASE + path)
        assert "運営者専用" in browser.find_element(By.TAG_NAME, "h1").text, path
        assert browser.find_element(By.ID, "forbidden").is_displayed()
    # The JSON progress of a ledger check is refused too.
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    try:
        urllib.request.urlopen(urllib.request.Request(BASE + "/admin/network/verify.json", headers={"Cookie": cookie}))
        assert False, "a merchant read the verify progress"
    except urllib.error.HTTPError as e:
        assert e.code == 403


def test_store_import_reports_a_bad_row_imports_nothing_then_imports_valid_rows(browser):
    login(browser, "operator")
    ok1, ok2, bad = unique("imp-a"), unique("imp-b"), unique("imp-c")
    # Shift_JIS, as Excel on Windows saves it; the encoding is detected.
    text = ("store,merchant,name,industry,city\r\n"
            f"{ok1},ramen-01,喜多方ラーメン 駅前店,ramen,喜多方市\r\n"
            f"{ok2},bar-01,バー 蔵通り,bar,喜多方市\r\n"
            f"{bad},no-such-merchant,幽霊の店,bar,喜多方市\r\n")
    path = os.path.join(tempfile.mkdtemp(prefix="kippu-import-"), "stores.csv")
    with open(path, "wb") as f:
        f.write(text.encode("cp932"))
    browser.get(BASE + "/admin/stores/import")
    browser.find_element(By.ID, "file").send_keys(path)
    browser.find_element(By.ID, "import-submit").click()
    notice = wait(browser).until(EC.presence_of_element_located((By.ID, "nothing-imported")))
    assert "何も登録していません" in notice.text
    rows = browser.find_elements(By.CSS_SELECTOR, "#problems tr")
    assert len(rows) == 2  # header + the one bad row
    cells = [c.text for c in rows[1].find_elements(By.TAG_NAME, "td")]
    assert cells[0] == "4" and cells[1] == "事業者ID" and "no-such-merchant" in cells[2]
    assert "Shift_JIS" in browser.find_element(By.CSS_SELECTOR, "main p.muted").text
    assert api_status(f"/api/v1/stores/{ok1}") == 404  # nothing imported

    browser.find_element(By.ID, "import-valid").click()
    done = wait(browser, 60).until(EC.presence_of_element_located((By.ID, "import-done")))
    assert "2" in done.text
    created = browser.find_element(By.ID, "created-stores").text
    assert ok1 in created and ok2 in created and bad not in created
    assert api_status(f"/api/v1/stores/{ok1}") == 200
    assert api_status(f"/api/v1/stores/{ok2}") == 200
    assert api_status(f"/api/v1/stores/{bad}") == 404


def test_import_progress_is_polled_until_done(browser):
    login(browser, "operator")
    ids = [unique(f"imp-p{i}") for i in range(12)]
    text = "".join(f"{s},izakaya-01,居酒屋 {i} 号店,izakaya,\n" for i, s in enumerate(ids))
    path = os.path.join(tempfile.mkdtemp(prefix="kippu-import-"), "many.csv")
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    browser.get(BASE + "/admin/stores/import")
    browser.find_element(By.ID, "file").send_keys(path)
    browser.find_element(By.ID, "import-submit").click()
    # Either the progress box (polled once a second) or, if it was that fast, the result.
    wait(browser, 60).until(lambda d: d.find_elements(By.ID, "import-done") or d.find_elements(By.ID, "progress"))
    if browser.find_elements(By.ID, "progress"):
        assert browser.find_element(By.ID, "total").text == "12"
    done = wait(browser, 90).until(EC.presence_of_element_located((By.ID, "import-done")))
    assert "12" in done.text
    assert api_status(f"/api/v1/stores/{ids[-1]}") == 200


def export(browser, fmt):
    browser.get(BASE + "/admin/export")
    token = browser.find_element(By.CSS_SELECTOR, "#export-form input[name=_csrf]").get_attribute("value")
    r = post_with_session(browser, "/admin/export.csv", {"_csrf": token, "from": "2000-01-01", "to": "2999-12-31", "format": fmt})
    assert r.status == 200
    assert "attachment" in r.headers["Content-Disposition"]
    return r.headers["Content-Type"], r.read()


def test_export_csv_in_utf8_with_bom_and_in_shift_jis(browser):
    login(browser, "operator")
    with urllib.request.urlopen(BASE + "/api/v1/products/festa-entry") as r:
        entry_name = json.load(r)["name"]
    ctype, body = export(browser, "utf8")
    assert ctype == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    assert rows[0][:4] == ["日時", "商品ID", "商品名", "チケットID"] and rows[0][10] == "イベント"
    events = {row[10] for row in rows[1:]}
    assert {"sales", "use"} <= events
    sale = next(row for row in rows[1:] if row[10] == "sales")
    assert len(sale[0]) == 19 and sale[0][4] == "-" and sale[0][13] == ":"  # yyyy-MM-dd HH:mm:ss
    use = next(row for row in rows[1:] if row[10] == "use")
    assert use[4] and use[5]  # the store and its name
    assert all(len(row) == 14 for row in rows)

    ctype, body = export(browser, "sjis")
    assert ctype == "text/csv; charset=Shift_JIS"
    text = body.decode("cp932")
    assert text.startswith("日時,商品ID,")
    assert "sales" in text and "use" in text
    # A Japanese product name survives the trip through Shift_JIS.
    assert any(ord(ch) > 0x3000 for ch in entry_name)
    assert "," + entry_name + "," in text


def test_merchant_export_holds_only_its_own_tickets(browser):
    login(browser, "ramen-01")
    ctype, body = export(browser, "utf8")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    assert len(rows) > 1
    assert all(row[1].startswith("ramen-01") for row in rows[1:])


def test_export_form_keeps_values_and_shows_errors(browser):
    login(browser, "operator")
    browser.get(BASE + "/admin/export")
    field = browser.find_element(By.ID, "to")
    browser.execute_script("arguments[0].value = '1999-01-01'; arguments[0].type = 'text';", field)
    browser.find_element(By.ID, "export-submit").click()
    err = wait(browser).until(EC.presence_of_element_located((By.ID, "to-error")))
    assert "開始日以降" in err.text or "YYYY-MM-DD" in err.text
    assert browser.find_element(By.ID, "to").get_attribute("value") == "1999-01-01"


def test_verify_now_shows_ok(browser):
    login(browser, "operator")
    browser.get(BASE + "/admin/network")
    assert int(browser.find_element(By.ID, "height").text) > 0
    assert len(browser.find_element(By.ID, "root").text) == 43
    browser.find_element(By.ID, "verify-now").click()
    result = wait(browser, 120).until(EC.presence_of_element_located((By.ID, "verify-result")))
    assert result.text.startswith("OK"), result.text


def test_operator_registers_a_merchant_once_and_sees_field_errors(browser):
    login(browser, "operator")
    browser.get(BASE + "/admin/merchants")
    browser.find_element(By.ID, "merchant").send_keys("bad id!")
    browser.find_element(By.ID, "name").send_keys("テスト商店")
    browser.find_element(By.ID, "merchant-submit").click()
    err = wait(browser).until(EC.presence_of_element_located((By.ID, "merchant-error")))
    assert "64文字以内" in err.text
    assert browser.find_element(By.ID, "name").get_attribute("value") == "テスト商店"
    mid = unique("m")
    box = browser.find_element(By.ID, "merchant")
    box.clear()
    box.send_keys(mid)
    browser.find_element(By.ID, "merchant-submit").click()
    notice = wait(browser).until(EC.presence_of_element_located((By.ID, "notice")))
    assert mid in notice.text
    assert mid in browser.find_element(By.ID, "merchants").text
    # The same form sent twice (same one-time key) registers one merchant and lands on the same result.
    browser.get(BASE + "/admin/merchants")
    token = browser.find_element(By.CSS_SELECTOR, "#merchant-form input[name=_csrf]").get_attribute("value")
    idem = browser.find_element(By.CSS_SELECTOR, "#merchant-form input[name=_idem]").get_attribute("value")
    twice = unique("m2")
    fields = {"_csrf": token, "_idem": idem, "merchant": twice, "name": "二度押し商店", "industries": "retail"}
    first = post_with_session(browser, "/admin/merchants", fields)
    second = post_with_session(browser, "/admin/merchants", fields)
    assert first.url == second.url and "created=" + twice in second.url
    assert "すでに登録" not in second.read().decode()


def test_operator_pages_switch_to_english(browser):
    login(browser, "operator")
    titles = {"/admin/merchants": "Merchants", "/admin/stores/import": "Import stores (CSV)",
              "/admin/network": "Ledger and network", "/admin/users": "Users", "/admin/export": "Export ticket events (CSV)",
              "/admin/staff": "Staff sign-ins"}
    for path, title in titles.items():
        browser.get(BASE + path + "?lang=en")
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert browser.find_element(By.TAG_NAME, "h1").text == title, path
    browser.get(BASE + "/admin/users?lang=en")
    assert int(browser.find_element(By.ID, "accounts").text) >= int(browser.find_element(By.ID, "with-attributes").text) >= 0
