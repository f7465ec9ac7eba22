"""``newsreader export``: one article or a whole section, Markdown or HTML, never overwriting."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cli_runner import Runner
from html_tags import HtmlTags

from newsreader.core.cache import Cache
from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite


def _section_articles(demo_site: DemoSite, column: str) -> list[str]:
    return [a.title for a in demo_site.articles if a.column == column]


def test_export_one_article_as_markdown_twice(
    cli: Runner, demo_server: DemoServer, demo_site: DemoSite, tmp_path: Path
) -> None:
    article = next(a for a in demo_site.articles if a.column == "xwzx/hydt")
    out_dir = tmp_path / "out"
    code, out, err = cli("export", demo_server.url(article.path), "-o", str(out_dir))
    assert code == 0, err
    first = Path(out.strip())
    assert first.parent == out_dir and first.suffix == ".md"
    text = first.read_text(encoding="utf-8")
    assert text.startswith("# ") and article.title in text.splitlines()[0].replace("\\", "")
    code, out, _ = cli("export", demo_server.url(article.path), "-o", str(out_dir))
    assert code == 0
    second = Path(out.strip())
    assert second.name == f"{first.stem} (1).md"
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([first.name, second.name])


def test_export_section_as_html_with_index(
    cli: Runner, demo_site: DemoSite, tmp_path: Path
) -> None:
    out_dir = tmp_path / "html"
    code, out, err = cli("export", "新闻资讯/行业动态", "--format", "html", "-o", str(out_dir))
    assert code == 0, err
    paths = [Path(line) for line in out.splitlines()]
    titles = _section_articles(demo_site, "xwzx/hydt")
    assert len(paths) == len(titles) + 1
    assert paths[-1].name == "index.html"
    assert all(p.exists() and p.suffix == ".html" for p in paths)
    index = paths[-1].read_text(encoding="utf-8")
    for path in paths[:-1]:
        body = path.read_text(encoding="utf-8")
        assert body.startswith("<!DOCTYPE html>") and "<script" not in body
    parser = HtmlTags()
    parser.feed(index)
    assert len(parser.hrefs) == len(titles)
    assert all((out_dir / _unquote(h)).exists() for h in parser.hrefs)


def test_export_section_offline_from_the_cache(
    cli: Runner, demo_site: DemoSite, tmp_path: Path
) -> None:
    code, _, err = cli("sync", "新闻资讯/行业动态")
    assert code == 0, err
    out_dir = tmp_path / "offline"
    code, out, err = cli("--offline", "export", "新闻资讯/行业动态", "-o", str(out_dir))
    assert code == 0, err
    assert len(out.splitlines()) == len(_section_articles(demo_site, "xwzx/hydt")) + 1
    assert (out_dir / "index.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("title", ["index", " INDEX "])
def test_an_article_titled_index_never_takes_the_index_file(
    cli: Runner, demo_site: DemoSite, tmp_path: Path, cache_dir: Path, fmt: str, title: str
) -> None:
    code, _, err = cli("sync", "新闻资讯/行业动态")
    assert code == 0, err
    cache = Cache.open(cache_dir / "cache.sqlite3")
    try:
        first = next(a for a in demo_site.articles if a.column == "xwzx/hydt")
        url = next(
            u for u in cache.has_articles(_urls(cli, "新闻资讯/行业动态")) if first.path in u
        )
        cached = cache.get_article(url)
        assert cached is not None
        cache.put_article(replace(cached[0], title=title), cached[1])
    finally:
        cache.close()
    out_dir = tmp_path / fmt
    code, out, err = cli(
        "--offline", "export", "新闻资讯/行业动态", "--format", fmt, "-o", str(out_dir)
    )
    assert code == 0, err
    paths = [Path(line) for line in out.splitlines()]
    index = out_dir / f"index.{fmt}"
    assert paths[-1] == index  # the section's index has its own name ...
    text = index.read_text(encoding="utf-8")
    assert text.startswith("# ") if fmt == "md" else "<ul>" in text  # ... and is the index
    names = [p.name for p in paths[:-1]]
    assert len(names) == len(_section_articles(demo_site, "xwzx/hydt"))
    assert all(name.casefold() not in ("index.md", "index.html") for name in names)
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in paths)


def _urls(cli: Runner, section: str) -> list[str]:
    items = cli.json("--offline", "list", section)
    assert isinstance(items, list)
    return [item["url"] for item in items]


def test_export_offline_uncached_fails_in_one_line(cli: Runner, tmp_path: Path) -> None:
    code, out, err = cli("--offline", "export", "新闻资讯/行业动态", "-o", str(tmp_path / "x"))
    assert code == 1
    assert out == "" and err.count("\n") == 1


def test_export_usage_errors_exit_2(cli: Runner, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        cli("export", "新闻", "--format", "pdf")
    assert info.value.code == 2
    code, _, err = cli("export", "没有这个栏目", "-o", str(tmp_path))
    assert code == 2 and err.count("\n") == 1


def test_export_pages_follows_list_pages(cli: Runner, tmp_path: Path) -> None:
    code, out, err = cli("export", "新闻资讯/新闻", "--pages", "2", "-o", str(tmp_path / "n"))
    assert code == 0, err
    assert len(out.splitlines()) == 40 + 1


def _unquote(text: str) -> str:
    from urllib.parse import unquote

    return unquote(text)
