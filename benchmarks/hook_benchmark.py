"""How much the handbook's hook adds to a build.

Generates a synthetic site of PAGES question pages (valid front matter, headings, a table, an
admonition, tabs) with LINKS cross-links each (half with anchors), then builds it with the
handbook's real configuration twice per round, with and without the `hooks:` entry, alternating,
and reports the median times side by side. The hook's work is linear in pages plus links.

    .venv/bin/python benchmarks/hook_benchmark.py [--pages 1000] [--links 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.lib.site_build import write_fixture_site  # noqa: E402

SECTIONS = ("core-concepts", "big-data", "cloud", "leadership")


def synthetic_pages(count: int, links: int, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    paths = [f"{SECTIONS[i % 4]}/question-{i:04d}.md" for i in range(count)]
    pages = {"index.md": "---\ntitle: Home\ndescription: Synthetic benchmark site.\n---\n\n# Home\n"}
    for section in SECTIONS:
        pages[f"{section}/index.md"] = (f"---\ntitle: {section}\ndescription: Section.\n---\n\n# {section}\n\n"
                                        "<!-- handbook:questions -->\n")
    for number, path in enumerate(paths, start=1):
        others = rng.sample([p for p in paths if p != path], links)
        body = []
        for k, target in enumerate(others):
            relative = Path("..", target).as_posix() if not target.startswith(path.split("/")[0]) \
                else Path(target).name
            anchor = "#the-full-answer" if k % 2 else ""
            body.append(f"- See [question {k}]({relative}{anchor}) for more on topic {k}.")
        related = "".join(f"  - {p}\n" for p in others[:2])
        pages[path] = (
            f"---\ntitle: Question {number}\ndescription: A synthetic question page used to measure what the "
            f"build hooks cost.\nnumber: {number}\ndifficulty: intermediate\ntags: [spark, performance]\n"
            f"related:\n{related}checked: 2026-11-01\n---\n\n"
            '!!! question "The question"\n\n    Why?\n\n    **What the interviewer is probing:** speed.\n\n'
            "## The answer in 60 seconds\n\n1. One.\n2. Two.\n\n## The full answer\n\n"
            + "\n".join(body)
            + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n=== \"One\"\n\n    First.\n\n=== \"Two\"\n\n    Second.\n\n"
            "## Common traps\n\n- **Trap.** Why.\n\n## Follow-up questions\n\n??? question \"Next?\"\n\n    Hint.\n\n"
            "## References\n\n- [Docs](https://example.org/): facts.\n")
    return pages


def build_seconds(config: Path, site: Path, strict: bool = True) -> float:
    """Wall-clock seconds of one `mkdocs build` (also used by build_benchmark.py)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "-q",
                           "-f", str(config), "-d", str(site)], capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{config.name} failed:\n{done.stdout}{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--links", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = synthetic_pages(args.pages, args.links)
    with tempfile.TemporaryDirectory() as tmp:
        with_hook = write_fixture_site(Path(tmp) / "with", pages)
        without_hook = write_fixture_site(Path(tmp) / "without", pages)
        text = without_hook.read_text()
        without_hook.write_text(re.sub(r"^hooks:\n(  - .*\n)+", "", text, flags=re.MULTILINE))
        times: dict[str, list[float]] = {"with hook": [], "without hook": []}
        for _ in range(args.rounds):
            for name, config in (("without hook", without_hook), ("with hook", with_hook)):
                times[name].append(build_seconds(config, Path(tmp) / "site"))
                shutil.rmtree(Path(tmp) / "site", ignore_errors=True)
    base, hooked = statistics.median(times["without hook"]), statistics.median(times["with hook"])
    print(f"{args.pages} pages x {args.links} links, median of {args.rounds} rounds")
    print(f"{'without hook':>14}: {base:7.2f} s   {['%.2f' % t for t in times['without hook']]}")
    print(f"{'with hook':>14}: {hooked:7.2f} s   {['%.2f' % t for t in times['with hook']]}")
    print(f"{'hook adds':>14}: {100 * (hooked - base) / base:+6.1f} %")


if __name__ == "__main__":
    main()
