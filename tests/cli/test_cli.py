"""The `koe` command as a person uses it: exit codes, formats, bad input, no tracebacks."""

import csv
import io
import json
import subprocess
import sys

import pytest

from koe.cli import main

LEAKY = "On behalf of Acme, my password is hunter2"


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def acme_policy(tmp_path):
    path = tmp_path / "acme.yaml"
    path.write_text("extends: default\norganization:\n  names: [Acme]\n  codenames: [Falcon]\n",
                    encoding="utf-8")
    return str(path)


def test_check_exits_0_when_clean_and_1_with_findings(capsys):
    code, out, _ = run(capsys, "check", "Great talk today, thanks all!", "--lang", "en")
    assert code == 0 and "No findings" in out
    code, out, _ = run(capsys, "check", "Between you and me, our company is announcing layoffs",
                       "--lang", "en")
    assert code == 1
    assert "«Between you and me»" in out  # the span is marked in the post
    assert "C103" in out and "do this instead:" in out


def test_check_speaks_japanese(capsys):
    code, out, _ = run(capsys, "check", "ここだけの話、うちの会社が来月リストラ", "--lang", "ja")
    assert code == 1 and "判定: 要確認" in out and "こうしましょう:" in out


def test_check_json_and_sarif(capsys, acme_policy):
    code, out, _ = run(capsys, "check", "Falcon launches soon", "--policy", acme_policy,
                       "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["verdict"] == "review"
    assert data["findings"][0]["rule"] == "C101" and data["findings"][0]["start"] == 0
    code, out, _ = run(capsys, "check", "Falcon launches soon", "--policy", acme_policy,
                       "--format", "sarif")
    sarif = json.loads(out)
    result = sarif["runs"][0]["results"][0]
    assert sarif["version"] == "2.1.0" and result["ruleId"] == "C101"
    assert result["locations"][0]["physicalLocation"]["region"]["charLength"] == 6


def test_check_reads_standard_input(capsys, monkeypatch):
    code, out, _ = run(capsys, "check", "-", "--format", "json", stdin="元本保証で必ず儲かる",
                       monkeypatch=monkeypatch)
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"R101"}


def test_a_broken_policy_exits_2_with_file_line_and_column(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: default\nrules:\n  L101: {severity: huge}\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "hello", "--policy", str(bad))
    assert code == 2 and out == ""
    assert f"{bad}:3:20: unknown severity 'huge'" in err and "fix:" in err
    assert "Traceback" not in err


def test_scan_writes_one_jsonl_object_per_post_in_order_and_skips_bad_lines(capsys, tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "hello"}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "b", "text": "元本保証です", "account": "brand"}) + "\n"
        + json.dumps({"id": "c", "text": 42}) + "\n"
        + json.dumps({"id": "d", "text": "ok", "account": "myspace"}) + "\n"
        + json.dumps({"text": "no id here"}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "scan", str(src))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "6"]
    assert rows[1]["verdict"] == "block" and rows[1]["findings"][0]["category"] == "claims"
    assert set(rows[1]["findings"][0]) >= {"rule", "category", "severity", "start", "end", "text",
                                            "message", "suggestion"}
    assert code == 1
    assert f"{src}:2: not valid JSON" in err
    assert f"{src}:4: " in err and f"{src}:5: unknown account kind 'myspace'" in err


def test_scan_reads_csv_and_plain_text_and_writes_csv(capsys, tmp_path):
    src = tmp_path / "posts.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerow(["x1", "guaranteed returns, zero risk"])
        w.writerow(["x2", "lunch was good"])
    code, out, _ = run(capsys, "scan", str(src), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert {r["id"] for r in rows} == {"x1", "x2"}
    assert [r["rule"] for r in rows if r["id"] == "x2"] == [""]
    txt = tmp_path / "posts.txt"
    txt.write_text("first post\nここだけの話、うちの会社が買収されるらしい\n", encoding="utf-8")
    code, out, _ = run(capsys, "scan", str(txt))
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["1", "2"]


def test_scan_csv_without_text_column_is_a_clear_error(capsys, tmp_path):
    src = tmp_path / "posts.csv"
    src.write_text("id,body\n1,hello\n", encoding="utf-8")
    code, _, err = run(capsys, "scan", str(src))
    assert code == 2 and "needs a 'text' column" in err and "id, body" in err


def test_scan_summary_counts_bad_lines(capsys, tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text('{"text": "元本保証"}\nnope\n{"text": "fine"}\n', encoding="utf-8")
    code, out, _ = run(capsys, "scan", str(src), "--format", "summary")
    assert code == 1
    assert "posts scanned:    2" in out and "bad lines skipped: 1" in out and "claims" in out


def test_scan_with_workers_keeps_input_order(capsys, tmp_path):
    src = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": i, "text": "元本保証" if i % 7 == 0 else f"post {i}"})
             for i in range(1500)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, _, _ = run(capsys, "scan", str(src), "--workers", "2", "-o", str(out_file))
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert code == 1
    assert [r["id"] for r in rows] == [str(i) for i in range(1500)]
    assert [bool(r["findings"]) for r in rows] == [i % 7 == 0 for i in range(1500)]


def test_scan_with_internal_documents_reports_leaks(capsys, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "wiki-1", "text": "The reorg moves the Osaka support "
                                "team under the Tokyo office starting in April."}) + "\n")
    src = tmp_path / "p.txt"
    src.write_text("Heard the reorg moves the Osaka support team under the Tokyo office\n")
    code, out, _ = run(capsys, "scan", str(src), "--internal", str(docs))
    finding = json.loads(out)["findings"][0]
    assert code == 1 and finding["category"] == "leak" and finding["detail"] == "wiki-1"


def test_bad_internal_documents_name_the_line(capsys, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"id": 1, "text": "ok"}\n{"id": 2}\n')
    code, _, err = run(capsys, "check", "hello", "--internal", str(docs))
    assert code == 2 and f"{docs}:2:" in err


def test_rules_and_rule_docs(capsys):
    code, out, _ = run(capsys, "rules", "--lang", "en")
    assert code == 0 and "L101" in out and "O101" in out
    code, out, _ = run(capsys, "rule", "r101", "--lang", "en")
    for heading in ("What it checks", "Why it matters", "Example", "Do this instead"):
        assert f"## {heading}" in out
    code, out, _ = run(capsys, "rule", "R101", "--format", "json")
    assert json.loads(out)["category"] == "claims"
    code, _, err = run(capsys, "rule", "Z999")
    assert code == 2 and "no rule 'Z999'" in err


def test_policy_init_validate_show(capsys, tmp_path):
    path = tmp_path / "org.yaml"
    code, out, _ = run(capsys, "policy", "init", str(path), "--name", "Globex")
    assert code == 0 and path.exists()
    code, out, _ = run(capsys, "policy", "validate", str(path))
    assert code == 0 and "ok" in out
    code, out, _ = run(capsys, "policy", "show", str(path), "--format", "json")
    assert json.loads(out)["organization"]["names"] == ["Globex"]
    code, _, err = run(capsys, "policy", "init", str(path))
    assert code == 2 and "--force" in err


def test_check_and_scan_do_not_import_django(tmp_path):
    probe = ("import sys; from koe.cli import main; "
             "code = main(['check', 'hello']); "
             "assert 'django' not in sys.modules, 'django imported'; print('clean')")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "clean" in out.stdout, out.stderr


def test_the_engine_imports_nothing_from_django():
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "src" / "koe" / "engine"
    offenders = [p.name for p in root.rglob("*.py") if "django" in p.read_text(encoding="utf-8")]
    assert offenders == []
