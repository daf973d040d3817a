"""A small client of Kippu's JSON API for browser tests: canonical JSON, Ed25519 wallet keys,
wallet and staff sign-in, orders and signed transactions (see shared/spec/PROTOCOL.md).

JCS (RFC 8785) of the flat objects used here = keys sorted, no spaces, UTF-8: for ASCII keys
and values without floats that is exactly `json.dumps(..., separators=(",", ":"), sort_keys=True)`.
"""
import base64
import json
import os
import time
import urllib.error
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from conftest import BASE


def b64u(data: bytes) -> str:
    """base64url without padding (RFC 4648 §5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jcs(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8")


class APIError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


def call(method, path, body=None, token=None, headers=None):
    """One JSON request to the server under test; returns the decoded answer (None for 204)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        raise APIError(e.code, parsed) from None


def network_id():
    return call("GET", "/api/v1/network")["net"]


def verify_store_proof(proof: str, net: str, store: str, epoch: int, store_key: str) -> bool:
    """PROTOCOL §2: Ed25519(storeKey, "kippu/store/v1\\n" || JCS({"epoch","net","store"}))."""
    message = b"kippu/store/v1\n" + jcs({"epoch": epoch, "net": net, "store": store})
    try:
        Ed25519PublicKey.from_public_bytes(unb64u(store_key)).verify(unb64u(proof), message)
        return True
    except (InvalidSignature, ValueError):
        return False


def staff_token(username, password="kitakata-demo"):
    """A staff API session token (POST /api/v1/staff/session)."""
    return call("POST", "/api/v1/staff/session", {"username": username, "password": password})["token"]


class Wallet:
    """A consumer wallet: a fresh Ed25519 key, signed in to get a session token."""

    def __init__(self):
        self.key = Ed25519PrivateKey.generate()
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public = b64u(raw)
        self.net = network_id()
        self.token = None

    def sign_in(self):
        challenge = call("POST", "/api/v1/accounts/challenge")["challenge"]
        message = b"kippu/account/v1\n" + jcs({"challenge": challenge, "key": self.public, "net": self.net})
        session = call("POST", "/api/v1/accounts/session",
                       {"key": self.public, "challenge": challenge, "signature": b64u(self.key.sign(message))})
        self.token = session["token"]
        return self

    def order(self, product, provider, count=1):
        return call("POST", "/api/v1/orders", {"product": product, "provider": provider, "count": count}, token=self.token,
                    headers={"Idempotency-Key": b64u(os.urandom(16))})

    def envelope(self, tx_type, **fields):
        """A signed envelope: body {v, net, type, signer, time, nonce, …fields}, sig over "kippu/tx/v1\\n" + JCS(body)."""
        body = {"v": 1, "net": self.net, "type": tx_type, "signer": self.public, "time": int(time.time() * 1000),
                "nonce": b64u(os.urandom(16)), **fields}
        return {"body": body, "sig": b64u(self.key.sign(b"kippu/tx/v1\n" + jcs(body)))}

    def use(self, ticket, store, store_proof, amount=None):
        """Submits ticket.use (POST /api/v1/tx); returns {txid, index, height}."""
        fields = {"ticket": ticket, "store": store, "storeProof": store_proof}
        if amount is not None:
            fields["amount"] = amount
        return call("POST", "/api/v1/tx", self.envelope("ticket.use", **fields))


def ticket_of_product(order, product):
    """The first ticket of `order` whose product is `product` (a package order holds one per unit)."""
    for ticket in order["tickets"]:
        if call("GET", f"/api/v1/tickets/{ticket}")["product"] == product:
            return ticket
    raise AssertionError(f"order {order['id']} holds no ticket of {product}")


def held_ticket(wallet, coupon, package="festa-set", counter_staff="brewery-01"):
    """A ticket of `coupon` held by `wallet`: claimed free if the node sells it; otherwise bought
    in `package` at the counter (an `onsite` order whose payment `counter_staff` confirms)."""
    product = call("GET", f"/api/v1/products/{coupon}")
    if product.get("onSale") and product.get("price") == 0:
        order = wallet.order(coupon, "free")
        return order["tickets"][0]
    order = wallet.order(package, "onsite")
    assert order["status"] == "pending_payment", order
    paid = call("POST", "/api/v1/counter/payments", {"code": order["payment"]["code"]}, token=staff_token(counter_staff))
    assert paid["status"] == "issued", paid
    return ticket_of_product(paid, coupon)
