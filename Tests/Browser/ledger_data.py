"""Reading the demo ledger over the public API, for tests that need real ids."""
import base64
import hashlib
import json
import urllib.request

from conftest import BASE


def get(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as r:
        return json.load(r)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jcs(value):
    """RFC 8785 for the protocol's subset with ASCII member names (true of every body)."""
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def txid(body):
    return b64url(hashlib.sha256(jcs(body)).digest())


def ticket_id(issue_txid, i):
    return b64url(hashlib.sha256(f"kippu/ticket/v1\n{issue_txid}\n{i}".encode()).digest())[:22]


def find_tx(tx_type, newest_first=True, limit=600):
    """The body of a recent transaction of `tx_type` (searching blocks from the newest)."""
    height = get("/api/v1/checkpoint")["header"]["height"]
    heights = range(height, -1, -1) if newest_first else range(0, height + 1)
    for h in list(heights)[:limit]:
        for env in get(f"/api/v1/blocks/{h}")["txs"]:
            if env["body"]["type"] == tx_type:
                return env["body"]
    raise LookupError(f"no {tx_type} in the last {limit} blocks")
