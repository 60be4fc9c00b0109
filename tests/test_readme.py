"""Every example in README.md runs as written.

The fenced ```bash and ```python blocks of the README are run in order, in a scratch
folder that has the project's ``data/`` and ``.venv`` (so ``. .venv/bin/activate`` and
``data/sample/`` work as written), with ``HOME``, ``XDG_DATA_HOME`` and
``XDG_CACHE_HOME`` pointing into a temp folder (so ``~/...`` and the default index are
fresh, and nothing of the user's is touched).

Rules the README keeps (fences are the contract):

* ```bash / ```python blocks are examples and are run; ``sh``, ``console``, ``text``
  blocks and indented blocks are not (recipes for external servers such as Ollama go
  in ``sh`` blocks).
* every command exits 0; ``tradeqa ui ...`` lines run with ``--help`` appended (the
  options must exist; starting a server is the UI tests' job);
* a ``tradeqa ask`` example must answer, not abstain (an example that abstains shows
  nothing).
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
ABSTAINED = "The sources don't say"

pytestmark = pytest.mark.integration


def fenced_blocks(text: str) -> list[tuple[str, str]]:
    """``(language, body)`` of every fenced code block, in order."""
    return [(m.group(1).strip().lower(), m.group(2)) for m in
            re.finditer(r"^```([^\n`]*)\n(.*?)^```\s*$", text, flags=re.S | re.M)]


def commands(body: str) -> list[str]:
    """Shell commands of a bash block: continuation lines joined, comments and blanks dropped."""
    out, cur = [], ""
    for line in body.splitlines():
        cur += line.strip() if cur else line.rstrip()
        if cur.endswith("\\"):
            cur = cur[:-1].rstrip() + " "
            continue
        cmd = cur.strip()
        cur = ""
        if cmd and not cmd.startswith("#"):
            out.append(cmd)
    return out


def test_readme_blocks_are_parsed():
    blocks = fenced_blocks(README.read_text(encoding="utf-8"))
    bash = [b for lang, b in blocks if lang == "bash"]
    assert bash, "README has no ```bash examples"
    cmds = [c for b in bash for c in commands(b)]
    assert any(c.startswith("tradeqa ingest") for c in cmds)
    assert any(c.startswith("tradeqa ask") for c in cmds)
    assert commands("a \\\n  b  # x\n# only a comment\n\nc") == ["a b  # x", "c"]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> tuple[Path, dict]:
    work = tmp_path_factory.mktemp("readme")
    home = work / "home"
    home.mkdir()
    (work / "data").symlink_to(ROOT / "data")
    venv = Path(sys.prefix)
    if (venv / "bin" / "activate").is_file():
        (work / ".venv").symlink_to(venv)
    else:  # not a venv: an activate script that only puts this interpreter first on PATH
        (work / ".venv" / "bin").mkdir(parents=True)
        (work / ".venv" / "bin" / "activate").write_text(f'export PATH="{Path(sys.executable).parent}:$PATH"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEQA_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(work / "xdg-data"), XDG_CACHE_HOME=str(work / "xdg-cache"),
               PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
               GRADIO_ANALYTICS_ENABLED="False", PATH=f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}")
    return work, env


def test_every_readme_example_runs(scratch):
    work, env = scratch
    failures = []
    ran = 0
    for lang, body in fenced_blocks(README.read_text(encoding="utf-8")):
        if lang == "bash":
            for cmd in commands(body):
                words = shlex.split(cmd, comments=True)
                if words[:2] == ["tradeqa", "ui"]:
                    cmd = shlex.join(words + ["--help"])
                # `. .venv/bin/activate` must stay in effect for the next lines: activate each time.
                p = subprocess.run(["bash", "-c", f"set -eo pipefail; . .venv/bin/activate; {cmd}"], cwd=work,
                                   env=env, capture_output=True, text=True, timeout=900)
                ran += 1
                if p.returncode != 0:
                    failures.append(f"{cmd}\n  -> exit {p.returncode}: {(p.stderr or p.stdout)[-600:]}")
                elif words[:2] == ["tradeqa", "ask"] and ABSTAINED in p.stdout:
                    failures.append(f"{cmd}\n  -> abstained: {p.stdout[:300]}")
        elif lang == "python":
            p = subprocess.run([sys.executable, "-c", body], cwd=work, env=env, capture_output=True, text=True,
                               timeout=900)
            ran += 1
            if p.returncode != 0:
                failures.append(f"python block:\n{body[:200]}\n  -> {p.stderr[-600:]}")
    assert ran >= 5
    assert not failures, "README examples that do not run as written:\n\n" + "\n\n".join(failures)
