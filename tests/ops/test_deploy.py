"""The production layout's files, checked without a Docker engine: the Dockerfile's rules (and
hadolint), .dockerignore, docker-compose.yml's structure, the Caddyfile (Caddy's own parser)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.channels.registry import setting_names
from tests.ops.dockerfile import DOCKERFILE, ROOT, Stage, stages

BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.\-/]+:(?P<tag>[\w.\-]+)@sha256:[0-9a-f]{64}$")


def tool(name: str) -> str:
    found = shutil.which(name, path=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]' brings it)")
    return found


@pytest.fixture(scope="module")
def build_and_runtime() -> tuple[Stage, Stage]:
    found = stages()
    assert len(found) == 2, "a build stage and a runtime stage"
    return found[0], found[1]


# --- Dockerfile -------------------------------------------------------------------------------


def test_hadolint_passes() -> None:
    result = subprocess.run(
        [tool("hadolint"), "--no-color", str(DOCKERFILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_base_images_are_pinned_slim_python_never_latest(
    build_and_runtime: tuple[Stage, Stage],
) -> None:
    for stage in build_and_runtime:
        found = PINNED.match(stage.image)
        assert found, f"{stage.image}: pin by tag and digest"
        tag = found["tag"]
        assert "latest" not in tag and re.match(r"\d+\.\d+\.\d+-slim-", tag), tag
        assert stage.image.startswith("python:")
    build, runtime = build_and_runtime
    assert build.image == runtime.image  # the venv's interpreter path exists in both


def test_the_build_stage_runs_the_tested_install_script(
    build_and_runtime: tuple[Stage, Stage],
) -> None:
    build, _ = build_and_runtime
    [run] = build.all("RUN")
    assert run.words() == ["sh", "/usr/local/bin/install-runtime.sh", "/opt/motcua", "/src"]
    copied = [i.words() for i in build.all("COPY")]
    assert ["scripts/install-runtime.sh", "/usr/local/bin/install-runtime.sh"] in copied
    assert "[dev]" not in DOCKERFILE.read_text() and "[dev]" not in script("install-runtime.sh")


def test_the_runtime_stage_ships_only_the_venv_and_runs_unprivileged(
    build_and_runtime: tuple[Stage, Stage],
) -> None:
    build, runtime = build_and_runtime
    from_build = [i.words() for i in runtime.all("COPY") if "--from=" in i.args]
    assert from_build == [[f"--from={build.name}", "/opt/motcua", "/opt/motcua"]]
    sources = [w[0] for w in (i.words() for i in runtime.all("COPY")) if not w[0].startswith("--")]
    assert sources == ["scripts/container-entrypoint.sh", "scripts/healthcheck.py"]
    for run in runtime.all("RUN"):  # accounts only: no package manager, no compiler, no pip
        assert not re.search(r"\b(apt-get|apt|pip|gcc|make|curl|wget)\b", run.args), run.args
    user = runtime.last("USER")
    assert user is not None
    uid = user.args.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000
    assert f"--uid {uid}" in " ".join(r.args for r in runtime.all("RUN"))
    assert runtime.instructions.index(user) > max(
        runtime.instructions.index(i) for i in runtime.all("RUN")
    )


def test_the_container_checks_health_migrates_then_serves(
    build_and_runtime: tuple[Stage, Stage],
) -> None:
    _, runtime = build_and_runtime
    health = runtime.last("HEALTHCHECK")
    assert health is not None
    assert "/usr/local/bin/motcua-healthcheck" in health.args
    assert re.search(r"--interval=\d+s", health.args) and "--start-period=" in health.args
    assert "/healthz" in script("healthcheck.py")
    entrypoint, cmd = runtime.last("ENTRYPOINT"), runtime.last("CMD")
    assert entrypoint and entrypoint.words() == ["sh", "/usr/local/bin/motcua-entrypoint"]
    assert cmd and cmd.words() == ["run"]
    lines = [line.strip() for line in script("container-entrypoint.sh").splitlines()]
    assert lines.index("python -m bot migrate") < lines.index('exec python -m bot "$@"')
    env = runtime.env()
    assert env["LOG_FORMAT"] == "json" and env["HOST"] == "0.0.0.0" and env["PORT"] == "8080"
    assert env["PATH"].startswith("/opt/motcua/bin:")
    assert [e.args for e in runtime.all("EXPOSE")] == ["8080"]


def script(name: str) -> str:
    return (ROOT / "scripts" / name).read_text(encoding="utf-8")


# --- .dockerignore ----------------------------------------------------------------------------


def _pattern(glob: str) -> re.Pattern[str]:
    out = ""
    i = 0
    while i < len(glob):
        if glob.startswith("**", i):
            out += ".*"
            i += 2
        elif glob[i] == "*":
            out += "[^/]*"
            i += 1
        elif glob[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(glob[i])
            i += 1
    return re.compile(out + "$")


def in_context(path: str) -> bool:
    """Whether Docker sends ``path`` (relative) in the build context, per .dockerignore."""
    rules = []
    for line in (ROOT / ".dockerignore").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            negated = line.startswith("!")
            rules.append((negated, _pattern(line.lstrip("!").strip("/"))))
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    included = True
    for negated, pattern in rules:
        if any(pattern.match(p) for p in prefixes):
            included = negated
    return included


def test_the_build_context_holds_what_is_copied_and_no_secrets(
    build_and_runtime: tuple[Stage, Stage],
) -> None:
    for stage in build_and_runtime:
        for copy in stage.all("COPY"):
            words = [w for w in copy.words() if not w.startswith("--")]
            if "--from=" in copy.args:
                continue
            for source in words[:-1]:
                assert in_context(source.rstrip("/")), source
                assert in_context(source.rstrip("/") + "/x.py") or not (ROOT / source).is_dir()
    for private in (".env", "data/motcua.db", ".git/config", ".venv/bin/python", "tests/x.py"):
        assert not in_context(private), private
    assert not in_context("bot/__pycache__/x.pyc")


# --- docker-compose.yml -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_runs_two_motcua_instances_postgres_and_a_proxy(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"motcua-1", "motcua-2", "db", "proxy"}
    for name, service in services.items():
        assert "healthcheck" in service and service["healthcheck"]["test"], name
        assert service.get("restart") == "unless-stopped", name
        image = service.get("image", "")
        assert ":" in image and "latest" not in image.split(":")[-1], name


def test_compose_instances_serve_webhooks_from_postgres(compose: dict[str, Any]) -> None:
    fields = setting_names()
    for name in ("motcua-1", "motcua-2"):
        service = compose["services"][name]
        assert service["build"] == "."
        env = service["environment"]
        assert env["TELEGRAM_MODE"] == env["ZALO_MODE"] == "webhook"
        assert env["DATABASE_URL"].startswith("postgresql://motcua:${POSTGRES_PASSWORD")
        assert env["DATABASE_URL"].endswith("@db:5432/motcua")
        assert env["TELEGRAM_PUBLIC_URL"].startswith("https://")
        assert env["HOST"] == "0.0.0.0" and env["LOG_FORMAT"] == "json"
        assert {k.lower() for k in env} <= fields, "only settings motcua knows"
        assert service["depends_on"]["db"]["condition"] == "service_healthy"
        assert service["healthcheck"]["test"][-1] == "/usr/local/bin/motcua-healthcheck"
        assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
        grace = int(service["stop_grace_period"].rstrip("s"))
        # Requests in flight, then the spool's flush, each bounded by the timeout, before a kill.
        assert grace >= 2 * float(env["SHUTDOWN_TIMEOUT_SECONDS"]) + 5
        assert "ports" not in service  # reached through the proxy only
        assert service["volumes"] == [f"{name}-data:/app/data"]  # the spool survives restarts
    assert compose["services"]["motcua-2"]["environment"]["ZALO_OA_REFRESH_TOKEN"] == ""
    assert "ZALO_OA_REFRESH_TOKEN" not in compose["services"]["motcua-1"]["environment"]


def test_compose_proxy_and_database(compose: dict[str, Any]) -> None:
    proxy, db = compose["services"]["proxy"], compose["services"]["db"]
    assert PINNED.match(proxy["image"]) and proxy["image"].startswith("caddy:")
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert {"80:80", "443:443"} <= set(proxy["ports"])
    assert all(
        proxy["depends_on"][n]["condition"] == "service_healthy" for n in ("motcua-1", "motcua-2")
    )
    assert db["image"].startswith("postgres:15.")
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "ports" not in db
    assert set(compose["volumes"]) >= {"pgdata", "caddy_data"}


def test_env_example_names_only_known_settings() -> None:
    known = {f.upper() for f in setting_names()} | {"MOTCUA_DOMAIN", "POSTGRES_PASSWORD"}
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        found = re.match(r"^#?\s*([A-Z][A-Z0-9_]+)=", line)
        if found:
            assert found.group(1) in known, found.group(1)


# --- Caddyfile --------------------------------------------------------------------------------


def test_caddyfile_is_valid_and_formatted(tmp_path: Path) -> None:
    caddy = tool("caddy")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
    }
    caddyfile = str(ROOT / "deploy" / "Caddyfile")
    adapted = subprocess.run(
        [caddy, "adapt", "--config", caddyfile, "--validate"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert adapted.returncode == 0, adapted.stderr
    for upstream in ("motcua-1:8080", "motcua-2:8080"):
        assert upstream in adapted.stdout
    assert '"/readyz?degraded=ok"' in adapted.stdout and '"max_size":1048576' in adapted.stdout
    assert '"Strict-Transport-Security":["max-age=31536000"]' in adapted.stdout
    formatted = subprocess.run([caddy, "fmt", caddyfile], capture_output=True, text=True, env=env)
    assert formatted.stdout == Path(caddyfile).read_text(), "run: caddy fmt --overwrite"
