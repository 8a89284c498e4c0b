"""Transform before load: customer records are validated and pseudonymised on the way in,
so the warehouse never stores an e-mail address or a name.

The key comes from a secret store in production. A keyed hash (HMAC) rather than a plain hash:
anyone can hash a list of known e-mail addresses and match them against unkeyed SHA-256 values.
The same key gives the same token for the same address, so tokens still join across tables.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from typing import Any

TARGET_DDL = """
CREATE TABLE IF NOT EXISTS customers (
    customer_id  VARCHAR PRIMARY KEY,
    email_token  VARCHAR NOT NULL,
    country_code VARCHAR NOT NULL
)
"""


def pseudonymise(value: str, key: bytes) -> str:
    normalised = value.strip().lower().encode("utf-8")
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()


def transform(records: Iterable[dict[str, Any]],
              key: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Split source records into rows to load and rejects. Rejects carry no personal data."""
    rows: list[dict[str, str]] = []
    rejects: list[dict[str, str]] = []
    for record in records:
        customer_id = str(record.get("customer_id") or "").strip()
        email = str(record.get("email") or "").strip()
        country = str(record.get("country_code") or "").strip().upper()
        problem = ("missing customer_id" if not customer_id
                   else "invalid e-mail" if "@" not in email
                   else "invalid country code" if len(country) != 2 or not country.isalpha()
                   else None)
        if problem:
            rejects.append({"customer_id": customer_id, "reason": problem})
            continue
        rows.append({
            "customer_id": customer_id,
            "email_token": pseudonymise(email, key),
            "country_code": country,
        })  # full_name is dropped: no downstream use, so it is never loaded
    return rows, rejects


def load(connection: Any, rows: list[dict[str, str]]) -> int:
    """Upsert into the target (any DB-API connection whose SQL accepts ON CONFLICT)."""
    connection.execute(TARGET_DDL)
    connection.executemany(
        "INSERT INTO customers (customer_id, email_token, country_code) VALUES (?, ?, ?) "
        "ON CONFLICT (customer_id) DO UPDATE SET email_token = excluded.email_token, "
        "country_code = excluded.country_code",
        [(row["customer_id"], row["email_token"], row["country_code"]) for row in rows],
    )
    return len(rows)
