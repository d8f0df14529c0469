"""The audit log: append-only, hash-chained, verifiable, exportable."""

import json

import pytest
from django.db import connection

from koe.audit.models import AuditEntry
from koe.audit.selectors import audit_export_lines, audit_verify
from koe.audit.services import GENESIS, audit_record
from koe.cli import main
from koe.people.testing import client_for, make_person

pytestmark = pytest.mark.django_db


def _three_entries():
    actor = make_person("admin")
    return [audit_record(actor=actor, action=f"test.step{i}", obj=actor, data={"i": i})
            for i in range(3)]


def test_entries_chain_from_genesis():
    a, b, c = _three_entries()
    assert a.prev_hash == GENESIS and b.prev_hash == a.hash and c.prev_hash == b.hash
    assert audit_verify() == (AuditEntry.objects.count(), [])


def test_the_model_refuses_edits_and_deletes():
    entry = _three_entries()[0]
    entry.action = "changed"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_verify_finds_an_entry_edited_behind_koes_back():
    entries = _three_entries()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET data = %s WHERE id = %s",
                    [json.dumps({"i": 99}), entries[1].pk])
    _, problems = audit_verify()
    assert [p.seq for p in problems] == [entries[1].seq]
    assert "changed" in problems[0].problem


def test_verify_finds_a_deleted_entry():
    entries = _three_entries()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    _, problems = audit_verify()
    assert any("missing" in p.problem for p in problems)
    assert any("chain" in p.problem for p in problems)


def test_export_carries_the_chain():
    _three_entries()
    rows = [json.loads(line) for line in audit_export_lines()]
    assert [r["seq"] for r in rows] == sorted(r["seq"] for r in rows)
    assert all(rows[i]["prev_hash"] == rows[i - 1]["hash"] for i in range(1, len(rows)))


def test_koe_audit_verify_exit_codes(capsys):
    entries = _three_entries()
    assert main(["audit", "verify"]) == 0
    assert "chain is intact" in capsys.readouterr().out
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entries[0].pk])
    assert main(["audit", "verify"]) == 1
    assert f"entry {entries[0].seq}" in capsys.readouterr().err


def test_the_audit_page_and_api_follow_the_matrix():
    _three_entries()
    assert client_for(make_person()).get("/audit/").status_code == 403
    assert client_for(make_person()).get("/api/audit/entries").status_code == 403
    auditor = client_for(make_person("compliance"))
    assert auditor.get("/api/audit/verify").json()["intact"] is True
    assert len(auditor.get("/api/audit/entries?limit=2").json()) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself")
def test_concurrent_writers_keep_one_unbroken_chain():
    import threading

    from django.db import connections, transaction

    from koe.audit.services import audit_record_many

    errors = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                with transaction.atomic():
                    if i % 3:
                        audit_record(actor=None, action=f"test.w{n}", data={"i": i})
                    else:
                        audit_record_many([(None, f"test.bulk{n}", None, {"i": i})] * 3)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEntry.objects.count() == 4 * (10 + 5 * 3)
    count, problems = audit_verify()
    assert count == 100 and problems == []
