"""Stores in the console: add a store through the form, print its QR poster and decode the QR
with a real decoder (zbarimg), the rotating QR, and the staff screen updating live when a
ticket is used through the API."""
import math
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from conftest import ARTIFACTS, BASE, login, submit, wait
import kippu_client as kc


def decode_qr(element):
    """The text of the QR code shown in `element`, read from a screenshot by zbarimg."""
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    with tempfile.NamedTemporaryFile(suffix=".png", delete=False) as f:
        f.write(element.screenshot_as_png)
        path = f.name
    try:
        out = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, text=True, timeout=30)
        if out.returncode != 0:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, ARTIFACTS / f"qr-{element.get_attribute('id')}.png")
        assert out.returncode == 0, f"zbarimg found no QR code (exit {out.returncode}) {out.stderr}"
        return out.stdout.strip()
    finally:
        os.unlink(path)


def check_store_url(url, store, epoch):
    """`url` is <BASE>/s/<store>?p=<proof> with a proof the store's registered key signed for `epoch`."""
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE
    assert parts.path == f"/s/{store}"
    proof = urllib.parse.parse_qs(parts.query)["p"][0]
    key = kc.call("GET", f"/api/v1/stores/{store}")["key"]
    assert kc.verify_store_proof(proof, kc.network_id(), store, epoch, key), "the store proof does not verify"
    return proof


def fill(driver, **values):
    for name, value in values.items():
        field = driver.find_element(By.ID, name)
        field.clear()
        field.send_keys(value)


def test_merchant_adds_a_store_and_its_poster_qr_decodes_to_a_signed_store_url(browser):
    login(browser, "ramen-01")
    browser.get(BASE + "/admin/stores")
    assert browser.find_element(By.CSS_SELECTOR, "#stores").text.count("ramen-01") >= 1
    browser.find_element(By.ID, "add-store").click()
    wait(browser).until(EC.url_to_be(BASE + "/admin/stores/new"))
    # A bad id first: the error is next to the field, in Japanese, and what was typed stays.
    fill(browser, store="駅前 店", name="らーめん駅前店", city="喜多方市")
    browser.find_element(By.ID, "create-store").click()
    error = wait(browser).until(EC.presence_of_element_located((By.ID, "store-error")))
    assert "半角の英数字" in error.text
    assert browser.find_element(By.ID, "store").get_attribute("value") == "駅前 店"
    assert browser.find_element(By.ID, "name").get_attribute("value") == "らーめん駅前店"
    assert browser.find_element(By.ID, "city").get_attribute("value") == "喜多方市"
    assert browser.find_element(By.ID, "industry").get_attribute("value") == "ramen"

    store = f"ramen-01-t{int(time.time() * 1000) % 10**9}"
    fill(browser, store=store)
    submit(browser, "create-store")
    assert f"/admin/stores/{store}/poster" in browser.current_url
    assert "らーめん駅前店" in browser.find_element(By.ID, "created").text
    poster = browser.find_element(By.CSS_SELECTOR, f'section.poster[data-store="{store}"]')
    assert poster.find_element(By.CSS_SELECTOR, "h1.store-name").text == "らーめん駅前店"
    assert "スマートフォンのカメラでこのQRコードを読み取り" in poster.text
    assert store in poster.find_element(By.CSS_SELECTOR, ".store-id").text

    qr = browser.find_element(By.ID, f"qr-{store}")
    decoded = decode_qr(qr)
    assert decoded == qr.get_attribute("data-url")
    proof = check_store_url(decoded, store, 0)
    assert proof == qr.get_attribute("data-proof")

    # The store is registered on the ledger with the city and listed (search finds it).
    registered = kc.call("GET", f"/api/v1/stores/{store}")
    assert registered["merchant"] == "ramen-01" and registered["attrs"] == {"city": "喜多方市"}
    browser.get(BASE + "/admin/stores?q=" + store)
    rows = browser.find_elements(By.CSS_SELECTOR, "#stores tr")
    assert len(rows) == 2 and store in rows[1].text

    # The same id again is refused with a message next to the id.
    browser.get(BASE + "/admin/stores/new")
    fill(browser, store=store, name="二号店")
    browser.find_element(By.ID, "create-store").click()
    taken = wait(browser).until(EC.presence_of_element_located((By.ID, "store-error")))
    assert "すでに使われています" in taken.text


def test_a_double_submitted_store_form_registers_one_store(browser):
    login(browser, "ramen-01")
    browser.get(BASE + "/admin/stores/new")
    store = f"ramen-01-d{int(time.time() * 1000) % 10**9}"
    fill(browser, store=store, name="二重送信テスト店")
    # Post the same form (same one-time key) twice from the page, as a double click would.
    statuses = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const form = document.querySelector('form.stack');
        const body = new URLSearchParams(new FormData(form));
        const post = () => fetch(form.action, {method: 'POST', body, redirect: 'manual', credentials: 'same-origin'})
            .then(r => r.type === 'opaqueredirect' ? 303 : r.status);
        Promise.all([post(), post()]).then(done, e => done(String(e)));
    """)
    assert statuses == [303, 303], statuses
    browser.get(BASE + "/admin/stores?q=" + store)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#stores tr")) == 2


def test_rotating_qr_carries_a_proof_for_the_current_epoch(browser):
    login(browser, "ramen-01")
    browser.get(BASE + "/admin/stores/ramen-01/rotating")
    root = browser.find_element(By.ID, "rotating")
    assert root.get_attribute("data-source") == "/admin/stores/ramen-01/rotating.json"
    qr = browser.find_element(By.ID, "rotating-qr")
    epoch = int(qr.get_attribute("data-epoch"))
    assert abs(epoch - math.floor(time.time() * 1000 / 30000)) <= 1
    check_store_url(decode_qr(qr), "ramen-01", epoch)
    # The refresh endpoint answers the signed-in page, and nobody else.
    answer = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/admin/stores/ramen-01/rotating.json', {credentials: 'same-origin'}).then(r => r.json()).then(done, e => done(String(e)));
    """)
    assert answer["svg"].startswith("<svg") and answer["next"] > answer["now"]
    check_store_url(answer["url"], "ramen-01", answer["epoch"])
    try:
        urllib.request.urlopen(BASE + "/admin/stores/ramen-01/rotating.json")
        raise AssertionError("rotating.json answered without a session")
    except urllib.error.HTTPError as e:
        assert e.code == 401


def test_staff_screen_shows_a_use_submitted_through_the_api(browser):
    login(browser, "ramen-01")
    # The proof printed on ramen-01's poster is what a customer's phone would send.
    browser.get(BASE + "/admin/stores/ramen-01/poster")
    proof = browser.find_element(By.ID, "qr-ramen-01").get_attribute("data-proof")

    browser.get(BASE + "/admin/stores/ramen-01/screen")
    wait(browser).until(lambda d: d.find_element(By.ID, "feed-status").text == "受信中")
    assert browser.find_element(By.ID, "sound").text == "音を有効にする"
    assert browser.find_elements(By.CSS_SELECTOR, "#uses li") == []

    wallet = kc.Wallet().sign_in()
    ticket = kc.held_ticket(wallet, "ramen-01-coupon")
    receipt = wallet.use(ticket, "ramen-01", proof, amount=1800)

    item = wait(browser, 5).until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#uses li[data-txid="{receipt["txid"]}"]')))
    assert item.get_attribute("data-ticket") == ticket
    assert ticket in item.text and "1,800" in item.text
    # The product's name is looked up and shown.
    product = kc.call("GET", "/api/v1/products/ramen-01-coupon")
    wait(browser, 5).until(lambda d: product["name"] in item.text)
    assert not browser.find_element(By.ID, "uses-empty").is_displayed()


def test_store_pages_are_closed_to_other_merchants_and_to_anonymous_feeds(browser):
    login(browser, "brewery-01")
    for page in ("screen", "poster", "rotating"):
        browser.get(BASE + f"/admin/stores/ramen-01/{page}")
        assert browser.find_element(By.TAG_NAME, "h1").text == "ページが見つかりません"
    browser.get(BASE + "/admin/stores")
    assert "ramen-01" not in browser.find_element(By.ID, "main").text
    try:
        urllib.request.urlopen(BASE + "/admin/stores/ramen-01/events", timeout=5)
        raise AssertionError("the store feed answered without a session")
    except urllib.error.HTTPError as e:
        assert e.code == 401


def test_operator_searches_all_stores_and_prints_a_merchants_posters_in_one_document(browser):
    login(browser, "operator")
    browser.get(BASE + "/admin/stores")
    total = int(browser.find_element(By.ID, "store-count").text.split()[0])
    assert total >= 30  # every demo store, of every merchant
    fill(browser, q="brewery-0")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    assert "q=brewery-0" in browser.current_url
    ids = [row.find_element(By.TAG_NAME, "td").text for row in browser.find_elements(By.CSS_SELECTOR, "#stores tr")[1:]]
    assert ids and all("brewery-0" in i for i in ids)

    browser.get(BASE + "/admin/posters?merchant=brewery-01")
    posters = browser.find_elements(By.CSS_SELECTOR, "section.poster")
    stores = {p.get_attribute("data-store") for p in posters}
    assert {"brewery-01", "festa-venue"} <= stores
    assert all(s in ("brewery-01", "festa-venue") or s.startswith("brewery-01") for s in stores)
    # One poster per printed A4 page.
    rule = browser.execute_script("""
        for (const sheet of document.styleSheets) for (const r of sheet.cssRules)
            if (r.media && r.media.mediaText === 'print') for (const inner of r.cssRules)
                if (inner.selectorText === '.poster') return inner.style.breakAfter || inner.style.pageBreakAfter;
        return null;""")
    assert rule in ("page", "always")
    check_store_url(decode_qr(browser.find_element(By.ID, "qr-festa-venue")), "festa-venue", 0)
