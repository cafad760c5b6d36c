# The GitHub Actions workflow, checked statically (it cannot run here): zizmor offline, triggers, permissions, caches.
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import PROJECT_ROOT

WORKFLOW = PROJECT_ROOT / ".github" / "workflows" / "site.yml"
CACHES = {".cache/examples", ".cache/notebooks", ".cache/benchmarks"}


def zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("zizmor") or str(Path(sys.executable).with_name("zizmor"))
    return subprocess.run([executable, "--offline", *args], capture_output=True, text=True, timeout=120)


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    return data


def test_zizmor_finds_nothing() -> None:
    done = zizmor(str(PROJECT_ROOT / ".github"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


def test_zizmor_would_catch_an_unpinned_third_party_action(tmp_path: Path) -> None:
    github = tmp_path / ".github"
    (github / "workflows").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / ".github" / "zizmor.yml", github / "zizmor.yml")
    (github / "workflows" / "x.yml").write_text(
        "on: [push]\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: someone/something@v1\n"
    )
    done = zizmor(str(github))
    assert done.returncode != 0 and "unpinned-uses" in done.stdout + done.stderr


def test_pull_requests_run_with_a_read_only_token_and_never_as_pull_request_target() -> None:
    data = workflow()
    triggers = data[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request" in triggers and "push" in triggers
    code = [line.split("#")[0] for line in WORKFLOW.read_text().splitlines()]
    assert not [line for line in code if "pull_request_target" in line]
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["build"]  # the build job keeps the read-only default


def test_only_the_deploy_job_writes_to_pages_and_only_from_main() -> None:
    jobs = workflow()["jobs"]
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert any("actions/deploy-pages@" in step.get("uses", "") for step in deploy["steps"])
    uploads = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and "refs/heads/main" in uploads[0]["if"]


def test_example_and_benchmark_caches_are_restored_and_saved_by_content() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore@"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save@"))
    assert set(restore["with"]["path"].split()) == CACHES == set(save["with"]["path"].split())
    assert "hashFiles('snippets/**', 'benchmarks/**'" in restore["with"]["key"]
    assert restore["with"]["restore-keys"]  # the newest older cache when the content changed
    assert save["with"]["key"] == "${{ steps.results-cache.outputs.cache-primary-key }}"
    names = [s.get("name", s.get("uses", "")) for s in steps]
    assert names.index("Restore the example and benchmark caches") < names.index("Build the site (strict)")


JOIN_CGROUP = "echo $$ | sudo tee /sys/fs/cgroup/cme-ci/build/cgroup.procs >/dev/null"


def command(step: dict[str, Any]) -> str:
    """A step's command, without the line that puts its shell in the delegated cgroup."""
    return "\n".join(line for line in step.get("run", "").splitlines() if line != JOIN_CGROUP)


def test_the_site_is_built_with_mkdocs_and_with_properdocs() -> None:
    runs = [command(s) for s in workflow()["jobs"]["build"]["steps"]]
    assert "mkdocs build --strict" in runs
    assert any(run.startswith("properdocs build --strict") for run in runs)


def test_the_build_sets_where_the_site_lives() -> None:
    build = workflow()["jobs"]["build"]
    assert "REPO_URL" in build["env"] and "SITE_URL" not in build["env"]  # the tests serve their site at /
    [site] = [s for s in build["steps"] if command(s) == "mkdocs build --strict"]
    assert site["env"]["SITE_URL"].startswith("https://")
    for name in ("SITE_URL", "REPO_URL"):
        assert f"!ENV [{name}," in (PROJECT_ROOT / "mkdocs.yml").read_text()


def test_every_build_runs_in_the_sandbox_with_a_delegated_cgroup() -> None:
    build = workflow()["jobs"]["build"]
    assert build["env"]["CONCURRENCY_SANDBOX"] == "required"
    names = [s.get("name", "") for s in build["steps"]]
    setup = build["steps"][names.index("Sandbox (bubblewrap, user namespaces, a delegated cgroup)")]["run"]
    assert "apt-get install" in setup and "bubblewrap" in setup
    assert "kernel.apparmor_restrict_unprivileged_userns=0" in setup
    assert build["env"]["CONCURRENCY_CGROUP"].startswith("/sys/fs/cgroup/cme-ci/")
    for step in build["steps"]:
        if any(word in step.get("run", "") for word in ("pytest", "mkdocs build", "properdocs build")):
            assert step["run"].startswith(JOIN_CGROUP), step.get("name")
