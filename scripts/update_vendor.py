"""Refresh the self-hosted front-end assets (Mermaid and fonts) from the npm registry.

The site must make no request to a third party, so the Mermaid renderer and the web fonts live in
docs/assets/vendor/. This script is the only way they change: it downloads the pinned packages
with `npm pack`, checks each tarball against the integrity hash the registry publishes, copies the
files the site needs and records version, integrity and a SHA-256 per file in MANIFEST.json, which
the test suite checks the committed files against.

    python scripts/update_vendor.py                 # re-fetch the pinned versions
    python scripts/update_vendor.py --mermaid 12.3.0   # move Mermaid to another version
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"
MANIFEST = VENDOR / "MANIFEST.json"

# Which files of each package the site serves (paths inside the package tarball).
MERMAID_FILES = ("package/dist/mermaid.esm.min.mjs", "package/dist/chunks/mermaid.esm.min/", "package/LICENSE")
ROBOTO_FILES = tuple(
    f"package/files/roboto-latin-{weight}-{style}.woff2"
    for weight in (300, 400, 700)
    for style in ("normal", "italic")
) + ("package/LICENSE",)
ROBOTO_MONO_FILES = ("package/files/roboto-mono-latin-400-normal.woff2",
                     "package/files/roboto-mono-latin-700-normal.woff2", "package/LICENSE")

PACKAGES = {
    # npm name: (target folder below vendor/, files to take)
    "mermaid": ("mermaid", MERMAID_FILES),
    "@fontsource/roboto": ("fonts/roboto", ROBOTO_FILES),
    "@fontsource/roboto-mono": ("fonts/roboto-mono", ROBOTO_MONO_FILES),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def npm_pack(spec: str, workdir: Path) -> tuple[Path, str, str]:
    """Download one package tarball; return its path, exact version and SRI integrity."""
    out = subprocess.run(["npm", "pack", spec, "--json"], cwd=workdir, check=True,
                         capture_output=True, text=True).stdout
    info = json.loads(out)[0]
    tarball = workdir / info["filename"]
    algorithm, _, expected = info["integrity"].partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if actual != expected:
        sys.exit(f"{spec}: tarball does not match the registry's integrity hash")
    return tarball, info["version"], info["integrity"]


def wanted(member: str, selection: tuple[str, ...]) -> bool:
    if member.endswith(".map"):
        return False
    return any(member == s or (s.endswith("/") and member.startswith(s)) for s in selection)


def extract(tarball: Path, selection: tuple[str, ...], target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            if not member.isfile() or not wanted(member.name, selection):
                continue
            # Flatten "package/dist/" and "package/files/" so URLs stay short.
            relative = member.name.removeprefix("package/")
            relative = relative.removeprefix("dist/").removeprefix("files/")
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None
            destination.write_bytes(source.read())


def main() -> None:
    current = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {"packages": {}}
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mermaid", help="Mermaid version (default: the recorded one)")
    parser.add_argument("--roboto", help="@fontsource/roboto version")
    parser.add_argument("--roboto-mono", help="@fontsource/roboto-mono version")
    args = parser.parse_args()
    requested = {"mermaid": args.mermaid, "@fontsource/roboto": args.roboto,
                 "@fontsource/roboto-mono": args.roboto_mono}

    manifest: dict = {"packages": {}, "files": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, (folder, selection) in PACKAGES.items():
            version = requested[name] or current["packages"].get(name, {}).get("version")
            if not version:
                sys.exit(f"no version recorded for {name}: pass it on the command line")
            tarball, exact, integrity = npm_pack(f"{name}@{version}", Path(tmp))
            extract(tarball, selection, VENDOR / folder)
            manifest["packages"][name] = {"version": exact, "integrity": integrity, "folder": folder}
            print(f"{name}@{exact} -> docs/assets/vendor/{folder}")
    for path in sorted(VENDOR.rglob("*")):
        if path.is_file() and path != MANIFEST:
            manifest["files"][path.relative_to(VENDOR).as_posix()] = sha256(path)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
