"""The README's editor snippets read what tonelint prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
PACKS = Path(__file__).parent / "itest_pack"


def test_the_vs_code_problem_matcher_reads_each_finding_and_nothing_else(run_cli, tmp_path: Path) -> None:
    block = re.search(r"```json\n(\{\n  \"version\": \"2\.0\.0\".*?)```", README, re.DOTALL)
    assert block, "the tasks.json snippet is missing from the README"
    pattern = json.loads(block.group(1))["tasks"][0]["problemMatcher"]["pattern"]
    (tmp_path / "d.txt").write_text("Hello,\nSadly you ruined it.\n", encoding="utf-8")
    out = run_cli("d.txt", "--rules", str(PACKS), "--select", "itest").stdout
    matches = [m for line in out.splitlines() if (m := re.match(pattern["regexp"], line))]
    assert [(m[pattern["file"]], m[pattern["line"]], m[pattern["column"]], m[pattern["code"]])
            for m in matches] == [("d.txt", "2", "1", "TL9902"), ("d.txt", "2", "7", "TL9901")]
    assert matches[1][pattern["message"]] == "you ruined blames the client."
