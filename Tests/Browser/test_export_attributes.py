"""The CSV export carries a person's attributes only when that person consented, and keeps them
out again once deleted: the ledger only knows the pseudonymous account."""
import csv
import io

import kippu_client as kc
from conftest import login
from test_console_operator import export


def rows_of(browser, ticket):
    _, body = export(browser, "utf8")
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    header = rows[0]
    return header, [dict(zip(header, r)) for r in rows[1:] if r[3] == ticket]


def test_consented_attributes_appear_in_the_export_and_vanish_once_deleted(browser):
    consenting, silent = kc.Wallet().sign_in(), kc.Wallet().sign_in()
    kc.call("PUT", "/api/v1/accounts/me/attributes", {"consent": True, "sex": "female", "birthYear": 1990, "prefecture": 7},
            token=consenting.token)
    mine = consenting.order("festa-coupons", "free")["tickets"][0]
    theirs = silent.order("festa-coupons", "free")["tickets"][0]

    login(browser, "operator")
    header, rows = rows_of(browser, mine)
    assert len(header) == 14 and rows and rows[0][header[10]] == "sales"
    values = list(rows[0].values())
    assert "1990" in values and "7" in values and any(v in ("female", "女性") for v in values)
    _, silent_rows = rows_of(browser, theirs)
    assert silent_rows and "1990" not in list(silent_rows[0].values())[11:]

    kc.call("DELETE", "/api/v1/accounts/me/attributes", token=consenting.token)
    _, rows = rows_of(browser, mine)
    assert "1990" not in list(rows[0].values())[11:]
