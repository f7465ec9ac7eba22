"""Run the performance benchmarks: ``python benchmarks/run.py [--quick] [--only NAME]``.

Every benchmark builds its own data in a temporary directory, runs its baselines beside newsreader
in the same run, and reports medians and ratios. The targets are in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.data import Context, Row, load_average

BENCHES = ("parse", "extract", "search", "sync", "startup", "tui")


def machine() -> str:
    """Return a one-line description of the machine."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}"
    )


def fmt(value: float | None, unit: str) -> str:
    """Format a figure for the table."""
    if value is None:
        return "-"
    if unit in ("ms", "x", "s") or value < 100:
        return f"{value:,.2f} {unit}".strip()
    return f"{value:,.0f} {unit}".strip()


def print_table(rows: list[tuple[str, Row]]) -> None:
    """Print the results as a Markdown table."""
    print("| bench | measure | value | target | met |")
    print("| --- | --- | --- | --- | --- |")
    for bench, row in rows:
        met = {True: "yes", False: "**no**", None: ""}[row.ok]
        note = f" ({row.note})" if row.note else ""
        print(f"| {bench} | {row.name}{note} | {fmt(row.value, row.unit)} | {row.target} | {met} |")


def compile_package() -> str:
    """Byte-compile newsreader as ``pip install`` does, and say so.

    Measured processes start from an installed newsreader, whose modules pip byte-compiles, as
    the baselines' libraries in site-packages are. An editable install only gets ``.pyc`` files
    when its modules are first imported, which ``PYTHONDONTWRITEBYTECODE`` (set on some machines)
    prevents: every launch would then compile ~35 modules from source (~22 ms) and the figures
    would measure the checkout, not the product.
    """
    import compileall

    import newsreader

    package = Path(newsreader.__file__).parent
    ok = compileall.compile_dir(package, quiet=1)
    return f"{package} byte-compiled" if ok else f"{package}: some modules failed to compile"


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the chosen benchmarks, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="fewer repetitions and a 10,000-article cache"
    )
    parser.add_argument("--only", action="append", choices=BENCHES, help="run only this benchmark")
    parser.add_argument("--articles", type=int, default=None, help="size of the big cache")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep the built caches here and reuse them (default: a temp dir)",
    )
    parser.add_argument(
        "--extract-corpus",
        type=Path,
        default=None,
        help="GNE's tests/ folder, the non-VSB pages of the extract benchmark (see its docstring)",
    )
    args = parser.parse_args(argv)
    big = args.articles or (10_000 if args.quick else 100_000)
    words = " ".join(argv if argv is not None else sys.argv[1:])
    print(f"machine: {machine()}")
    print(f"load average at start: {load_average()} (figures from a shared machine move with it)")
    print(f"command: python benchmarks/run.py {words}")
    print(f"bytecode: {compile_package()}")
    results: list[tuple[str, Row]] = []
    with tempfile.TemporaryDirectory(prefix="newsreader-bench-") as tmp:
        ctx = Context(
            quick=args.quick,
            tmp=Path(tmp),
            big=big,
            keep=args.data_dir,
            extract_corpus=args.extract_corpus,
        )
        for name in args.only or BENCHES:
            print(f"running {name} ...", file=sys.stderr)
            module = importlib.import_module(f"benchmarks.bench_{name}")
            for row in module.run(ctx):
                print(f"  {row.name}: {fmt(row.value, row.unit)} {row.note}", file=sys.stderr)
                results.append((name, row))
    print()
    print(f"load average at the end: {load_average()}")
    print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
