"""Shared pieces of the plugin end-to-end tests: a database of one's own, principals and API keys seeded with SQL
(as `loketctl bootstrap` would: a key is `lk_<12 hex>_<64 hex>` and the database keeps only the SHA-256 of its
secret part), and call metadata (credentials, language, purpose).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import time
import uuid
from dataclasses import dataclass

import pytest


def psql(database: str, sql: str, *, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                          capture_output=True, text=True, timeout=60, check=check)


def create_database(database: str) -> None:
    # CREATE DATABASE copies template1 and fails while another session uses it (a concurrent createdb): retry.
    for attempt in range(20):
        result = subprocess.run(["createdb", database], capture_output=True, text=True, timeout=60)
        if result.returncode == 0:
            return
        time.sleep(0.25)
    pytest.fail(f"createdb {database} failed: {result.stderr}")


def database_url(database: str) -> str:
    host = os.environ.get("PGHOST", "/var/run/postgresql")
    port = os.environ.get("PGPORT", "5432")
    user = os.environ.get("PGUSER", "loket")
    return f"postgresql:///{database}?host={host}&port={port}&user={user}"


@dataclass
class Key:
    principal_id: str
    text: str

    @staticmethod
    def seed(database: str, name: str, role: str, department: str | None, scopes: list[str] = ()) -> "Key":
        principal = str(uuid.uuid4())
        key_id, secret = secrets.token_hex(6), secrets.token_hex(32)
        digest = hashlib.sha256(secret.encode()).hexdigest()
        department_sql = f"'{department}'" if department else "NULL"
        scope_sql = "ARRAY[" + ",".join(f"'{s}'" for s in scopes) + "]::text[]"
        psql(database, f"""
            INSERT INTO core.principals (id, name, role, department_id, scopes)
            VALUES ('{principal}', '{name}', '{role}', {department_sql}, {scope_sql});
            INSERT INTO core.credentials (principal_id, kind, key_id, secret_sha256)
            VALUES ('{principal}', 'api_key', '{key_id}', '\\x{digest}');
            NOTIFY loket_directory;""")
        return Key(principal, f"lk_{key_id}_{secret}")


def metadata(key: Key | None, language: str | None = None, purpose: str | None = None) -> list[tuple[str, str]]:
    result = []
    if key is not None:
        result.append(("authorization", f"Bearer {key.text}"))
    if language:
        result.append(("accept-language", language))
    if purpose:
        result.append(("x-loket-purpose", purpose))
    return result
