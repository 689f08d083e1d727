"""The pip install path (requirements.txt) and environment.yml must pin the same packages."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def pinned_requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def test_requirements_are_pinned_exactly():
    lines = [l.split("#")[0].strip() for l in (ROOT / "requirements.txt").read_text().splitlines()]
    assert all("==" in l for l in lines if l), "every requirement needs an exact == pin"


def test_environment_yml_matches_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    assert "python=3.11" in env["dependencies"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    pins = {}
    for entry in pip_section:
        if "==" in entry:
            name, version = entry.split("==")
            pins[name.lower()] = version
    assert pins == pinned_requirements()
    assert "-e ." in pip_section


def test_lock_agrees_with_direct_pins():
    lock = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.strip().split("==")
            lock[name.lower().replace("_", "-")] = version
    for name, version in pinned_requirements().items():
        assert lock[name.replace("_", "-")] == version, name
