"""Generic extraction: our own body finder alone, and with a well-kept extractor as fallback.

``python benchmarks/bench_extract.py --corpus DIR [--vsb-samples DIR] [--pages]``, or
``python benchmarks/run.py --only extract --extract-corpus DIR``.

The non-VSB corpus is GNE's evaluation pages (the ``tests/`` folder of the GeneralNewsExtractor
repository, 62 Chinese news pages saved from browsers); they are third-party pages that we may
not redistribute, so they are read from ``DIR``. Their reference text (the article body) is the
text of an element chosen by hand for each page, in ``extract_references.json``. The VSB pages
(the demo site's articles and the real samples in ``../shared/vsb-samples``) use the text of
``.v_news_content``, and must not change.

For each page and variant: text recall against the reference (character bigrams, punctuation
and spaces left out), the share of the extracted text that is not in the reference
(boilerplate), near-empty (under a fifth of the reference's length) and missed (recall under
0.5), and the time per page, the variants timed in interleaved rounds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import data
from benchmarks.data import Context, Row

REFERENCES = Path(__file__).with_name("extract_references.json")
THRESHOLDS = (100, 200, 400, 800)
_WORD = re.compile(r"\w", re.UNICODE)
Extract = Callable[[str, str], str]


@dataclass(frozen=True)
class Page:
    """One page of the corpus, with its reference text."""

    name: str
    url: str
    html: str
    reference: str
    vsb: bool


@dataclass(frozen=True)
class Score:
    """One variant's figures on one page."""

    recall: float
    boilerplate: float
    near_empty: bool


def _chars(text: str) -> list[str]:
    return [c for c in _WORD.findall(text.lower()) if c != "_"]


def _bigrams(text: str) -> Counter[str]:
    chars = _chars(text)
    return Counter(a + b for a, b in itertools.pairwise(chars))


def score(reference: str, text: str) -> Score:
    """Recall of the reference in ``text``, and the share of ``text`` not in the reference."""
    ref, got = _bigrams(reference), _bigrams(text)
    common = sum((ref & got).values())
    recall = common / max(sum(ref.values()), 1)
    boilerplate = 1 - common / sum(got.values()) if got else 0.0
    return Score(recall, boilerplate, len(_chars(text)) < len(_chars(reference)) / 5)


def _reference(html: str, selector: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(["script", "style", "noscript"])
    nodes = tree.css(selector)
    return "\n".join(node.text(separator="\n") or "" for node in nodes)


def load_pages(corpus: Path | None, samples: Path | None) -> list[Page]:
    """Read the non-VSB corpus (when given) and the VSB pages, with their references."""
    from newsreader.core.sources.vsb import vsb_markers

    pages: list[Page] = []
    if corpus is not None:
        selectors = json.loads(REFERENCES.read_text("utf-8"))
        for name, selector in sorted(selectors.items()):
            file = corpus / name
            if name.startswith("_") or not file.is_file():
                continue
            html = data.decode(file.read_bytes())
            url = f"https://{name.split('/')[0]}.example.cn/{name}"
            vsb = bool(vsb_markers(html))
            pages.append(Page(f"gne/{name}", url, html, _reference(html, selector), vsb))
    vsb_pages = data.demo_article_pages(articles_per_section=2)
    if samples is not None:
        data.SAMPLES = samples
    vsb_pages += data.sample_article_pages()
    for url, html in vsb_pages:
        name = "vsb/" + url.split("//", 1)[1]
        pages.append(Page(name, url, html, _reference(html, ".v_news_content"), True))
    return pages


def _text(blocks: object) -> str:
    return "\n".join(block.plain() for block in blocks)  # type: ignore[attr-defined]


def _ours(html: str, url: str) -> str:
    from newsreader.core.parse import parse_article

    return _text(parse_article(html, url, generic=False).blocks)


def _shipped(html: str, url: str) -> str:
    from newsreader.core.parse import parse_article

    return _text(parse_article(html, url).blocks)


def _readability(html: str, url: str) -> str:
    from readability import Document

    return str(Document(html, url=url).summary(html_partial=True))


def _gne(html: str, url: str) -> str:
    from gne import GeneralNewsExtractor

    found = GeneralNewsExtractor().extract(html, with_body_html=True)
    return str(found.get("body_html") or "")


def _through_ours(fragment_of: Extract) -> Extract:
    """An extractor's output HTML read back through our body walk (as the core does)."""
    from newsreader.core.parse.generic import blocks_from_fragment

    def extract(html: str, url: str) -> str:
        try:
            fragment = fragment_of(html, url)
        except Exception as exc:  # noqa: BLE001 - a third-party failure is a figure here
            print(f"    {fragment_of.__name__} failed: {exc!r}", file=sys.stderr)
            return ""
        return _text(blocks_from_fragment(fragment, url).blocks)

    return extract


def _trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def _size(text: str) -> int:
    """Characters of ``text`` but spaces and line breaks (``generic.body_chars``'s count)."""
    return len(text) - text.count(" ") - text.count("\n")


def _fallback(alone: Extract, threshold: int) -> Extract:
    """Ours, and ``alone`` when ours holds under ``threshold`` characters on a non-VSB page."""
    from newsreader.core.parse.generic import GAIN
    from newsreader.core.sources.vsb import vsb_markers

    def extract(html: str, url: str) -> str:
        own = _ours(html, url)
        size = _size(own)
        if size >= threshold or vsb_markers(html):
            return own
        other = alone(html, url)
        return other if _size(other) >= max(GAIN * size, 1) else own

    return extract


def variants() -> dict[str, Extract]:
    """Every variant that can run here (an extractor that is not installed is left out)."""
    found: dict[str, Extract] = {"ours": _ours}
    for name, module, fn in (
        ("readability-lxml", "readability", _readability),
        ("gne", "gne", _gne),
    ):
        try:
            __import__(module)
        except ImportError:
            print(f"  {name} is not installed: left out", file=sys.stderr)
            continue
        found[f"{name} alone"] = _through_ours(fn)
        for threshold in THRESHOLDS:
            found[f"ours + {name} < {threshold}"] = _fallback(found[f"{name} alone"], threshold)
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("  trafilatura is not installed: left out", file=sys.stderr)
    else:
        found["trafilatura alone (text)"] = _trafilatura
    found["shipped parse_article"] = _shipped
    return found


def timed(pages: list[Page], fns: dict[str, Extract], rounds: int) -> dict[str, float]:
    """Median ms per page of each variant, whole passes in interleaved rounds."""
    times = data.interleaved(
        {name: (lambda fn=fn: [fn(p.html, p.url) for p in pages]) for name, fn in fns.items()},
        rounds,
        warmup=0,
    )
    return {name: statistics.median(t) * 1000 / len(pages) for name, t in times.items()}


def evaluate(pages: list[Page], fns: dict[str, Extract]) -> dict[str, list[Score]]:
    """Score every variant on every page."""
    return {
        name: [score(p.reference, fn(p.html, p.url)) for p in pages] for name, fn in fns.items()
    }


def summary(scores: list[Score]) -> tuple[float, float, int, int, float]:
    """Mean recall, median recall, near-empty count, missed count, mean boilerplate share."""
    recalls = [s.recall for s in scores]
    return (
        statistics.fmean(recalls),
        statistics.median(recalls),
        sum(s.near_empty for s in scores),
        sum(s.recall < 0.5 for s in scores),
        statistics.fmean(s.boilerplate for s in scores),
    )


def print_report(pages: list[Page], scores: dict[str, list[Score]], ms: dict[str, float]) -> None:
    """Print one table per page group (times are the non-VSB pages', when there are any)."""
    groups = {"non-VSB": [not p.vsb for p in pages], "VSB": [p.vsb for p in pages]}
    timed_group = "non-VSB" if any(groups["non-VSB"]) else "VSB"
    for group, member in groups.items():
        count = sum(member)
        if not count:
            continue
        print(f"\n{group} pages: {count}")
        print("| variant | recall (mean) | median | near-empty | missed | boilerplate | ms/page |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, all_scores in scores.items():
            picked = [s for s, m in zip(all_scores, member, strict=True) if m]
            mean, median, empty, missed, junk = summary(picked)
            time_ms = f"{ms[name]:.1f}" if name in ms and group == timed_group else "-"
            print(
                f"| {name} | {mean:.3f} | {median:.3f} | {empty} | {missed} | {junk:.1%} "
                f"| {time_ms} |"
            )


def print_pages(pages: list[Page], scores: dict[str, list[Score]], names: list[str]) -> None:
    """Print each page's recall under the chosen variants."""
    print("\n| page | ref chars | " + " | ".join(names) + " |")
    print("| --- | --- |" + " --- |" * len(names))
    for index, page in enumerate(pages):
        if page.url.startswith(data.DEMO_BASE):
            continue  # the demo's pages are all alike: the summary says enough
        cells = " | ".join(f"{scores[n][index].recall:.2f}" for n in names)
        print(f"| {page.name} | {len(_chars(page.reference))} | {cells} |")


def run(ctx: Context) -> list[Row]:
    """Rows for ``benchmarks/run.py``: the shipped fallback against ours alone."""
    corpus = ctx.extract_corpus
    pages = load_pages(corpus, None)
    fns = {"ours": _ours, "shipped parse_article": _shipped}
    scores = evaluate(pages, fns)
    ms = timed(pages, fns, ctx.repeat(5, 2))
    rows: list[Row] = []
    plain = [not p.vsb for p in pages]
    note = "" if corpus else "no --extract-corpus: VSB pages only"
    for name in fns:
        picked = [s for s, m in zip(scores[name], plain, strict=True) if m]
        if picked:
            mean, _, empty, _, junk = summary(picked)
            rows.append(Row(f"{name}: non-VSB near-empty of {len(picked)}", empty, "pages"))
            rows.append(Row(f"{name}: non-VSB mean recall", mean, ""))
            rows.append(Row(f"{name}: non-VSB boilerplate share", junk * 100, "%"))
        rows.append(Row(f"{name}: time per page (all pages)", ms[name], "ms", note=note))
    changed = sum(
        a != b
        for a, b, page in zip(scores["ours"], scores["shipped parse_article"], pages, strict=True)
        if page.vsb
    )
    rows.append(
        Row("VSB pages whose text the fallback changed", changed, "pages", "0", changed == 0)
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Score and time every variant; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, help="GNE's tests/ folder (non-VSB pages)")
    parser.add_argument("--vsb-samples", type=Path, default=data.SAMPLES, help="real VSB pages")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds")
    parser.add_argument("--pages", action="store_true", help="print each page's recall")
    args = parser.parse_args(argv)
    samples = args.vsb_samples if args.vsb_samples.is_dir() else None
    pages = load_pages(args.corpus, samples)
    fns = variants()
    print(f"load average at start: {data.load_average()}")
    start = time.perf_counter()
    scores = evaluate(pages, fns)
    from newsreader.core.parse.generic import MIN_OWN_CHARS

    chosen = f" < {MIN_OWN_CHARS}"
    timed_fns = {n: f for n, f in fns.items() if "<" not in n or n.endswith(chosen)}
    ms = timed([p for p in pages if not p.vsb] or pages, timed_fns, args.rounds)
    print(f"load average at the end: {data.load_average()} ({time.perf_counter() - start:.0f} s)")
    print_report(pages, scores, ms)
    sizes = [_size(_ours(p.html, p.url)) for p in pages]
    for threshold in THRESHOLDS:
        asked = sum(size < threshold for size, p in zip(sizes, pages, strict=True) if not p.vsb)
        print(f"non-VSB pages under {threshold} characters (fallback asked): {asked}")
    if args.pages:
        print_pages(pages, scores, [n for n in fns if n in timed_fns])
    return 0


if __name__ == "__main__":
    sys.exit(main())
