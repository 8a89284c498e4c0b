"""Build time of the handbook against plain Material builds of the same pages.

Builds, side by side and alternating, (1) the real site, (2) the same pages with only Material,
search and mermaid2 (no hooks, no template overrides, no other plugins) and (3) plain Material
without mermaid2, and reports the medians and the ratios. Budget (issue 8): the handbook stays
within 1.25x of the Material + mermaid2 build.

    .venv/bin/python benchmarks/build_benchmark.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from hook_benchmark import build_seconds  # noqa: E402


def variant(config: str, name: str) -> str:
    if name == "handbook":
        return config
    config = re.sub(r"^hooks:\n(  - .*\n)+", "", config, flags=re.MULTILINE)
    config = config.replace("  custom_dir: overrides\n", "")
    config = re.sub(r"^  - tags\n", "", config, flags=re.MULTILINE)
    if name == "material":
        config = re.sub(r"^  - mermaid2:\n(      .*\n)+", "", config, flags=re.MULTILINE)
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    text = (ROOT / "mkdocs.yml").read_text()
    names = ("handbook", "material+mermaid2", "material")
    times: dict[str, list[float]] = {name: [] for name in names}
    # The variants' configs sit next to mkdocs.yml, so that its relative paths (docs/, hooks/,
    # snippets) resolve the same way; they are removed afterwards.
    configs = {name: ROOT / f".benchmark-{name.replace('+', '-')}.yml" for name in names}
    try:
        for name, config in configs.items():
            config.write_text(variant(text, name))
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.rounds):
                for name in names:
                    times[name].append(build_seconds(configs[name], Path(tmp) / "site", strict=False))
                    shutil.rmtree(Path(tmp) / "site", ignore_errors=True)
    finally:
        for config in configs.values():
            config.unlink(missing_ok=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name in names:
        print(f"{name:>18}: {medians[name]:6.2f} s  {['%.2f' % t for t in times[name]]}")
    print(f"handbook / material+mermaid2: {medians['handbook'] / medians['material+mermaid2']:.2f}x (budget 1.25x)")
    print(f"material+mermaid2 / material: {medians['material+mermaid2'] / medians['material']:.2f}x")


if __name__ == "__main__":
    main()
