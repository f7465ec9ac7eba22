"""The demo site over real HTTP on 127.0.0.1, checked with urllib only (stdlib)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from urllib.parse import unquote, urljoin

import pytest

from newsreader.demo.server import DemoServer
from newsreader.demo.site import DemoSite

BOM = b"\xef\xbb\xbf"
MENU = {
    "协会概况": [
        "协会简介",
        "协会章程",
        "现任领导",
        "历任领导",
        "组织机构",
        "党建工作",
        "秘书处",
        "内设部门",
    ],
    "政策法规": ["要闻", "中央", "教育部", "其他部委", "地方", "其他"],
    "新闻资讯": ["新闻", "行业动态"],
    "协会工作": ["通知公告", "协会动态", "会议培训", "分支机构动态"],
    "学术研究": ["专家视点", "产业观察", "研究报告"],
    "专题专栏": [],
    "会员服务": [
        "会员单位",
        "分支机构",
        "地方协会",
        "行业协会",
        "会员风采",
        "工作办公室",
        "各地编辑站",
    ],
}


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, Message, bytes]:
    """Return ``(status, headers, body)``; non-2xx answers are returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def page(server: DemoServer, path: str) -> str:
    status, headers, body = fetch(server.url(path))
    assert status == 200, path
    assert headers["Content-Type"] == "text/html"
    assert body.startswith(BOM)
    return body[len(BOM) :].decode("utf-8")


def hrefs(html: str, css: str) -> dict[str, str]:
    """Return ``{text: href}`` of the pager controls whose class starts with ``css``."""
    found = re.findall(rf'<span class="{css}[^"]*"><a href="([^"]+)">([^<]+)</a>', html)
    return {text: href for href, text in found}


def test_home_has_full_menu_twice(demo_server: DemoServer) -> None:
    status, headers, body = fetch(demo_server.base_url)
    assert status == 200
    assert headers["Content-Type"] == "text/html"
    assert body.startswith(BOM) and b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    html = body[3:].decode("utf-8")
    assert "<!--Announced by Visual SiteBuilder 9-->" in html
    for top, children in MENU.items():
        assert len(re.findall(rf">{top}</a>", html)) == 2, top
        for child in children:
            assert len(re.findall(rf'\.htm">{child}</a>', html)) >= 2, child
    assert html.count('<a href="javascript:;">协会概况</a>') == 1
    assert html.count('href="javascript:;"') == 4  # 协会概况 and 会员服务, desktop and mobile
    assert html == page(demo_server, "index.htm")


def test_sections_follow_the_menu(demo_site: DemoSite) -> None:
    tops = [(title, [c[0] for c in kids]) for title, _path, kids in demo_site.sections]
    assert tops == [("首页", []), *[(t, c) for t, c in MENU.items()]]
    links = {title: path for title, path, _ in demo_site.sections}
    assert links["协会概况"] is None and links["会员服务"] is None
    assert links["新闻资讯"] == "xwzx/xw.htm" and links["专题专栏"] == "ztzl.htm"
    for _title, _path, kids in demo_site.sections:
        for _child, child_path, _ in kids:
            assert child_path is not None and demo_site.resolve(child_path) is not None
    assert all(demo_site.entries(c.path) for c in demo_site.columns)
    trees = [c.tree_id for c in demo_site.columns]
    assert len(set(trees)) == len(trees) == 31 and 1023 in trees


def test_countdown_pagination(demo_server: DemoServer) -> None:
    first = page(demo_server, "xwzx/xw.htm")
    assert '<span class="p_t">共55条&nbsp;&nbsp;1/3</span>' in first
    assert '<span class="p_first_d p_fun_d">首页</span>' in first
    assert '<span class="p_prev_d p_fun_d">上页</span>' in first
    assert hrefs(first, "p_next") == {"下页": "xw/2.htm"}
    assert hrefs(first, "p_last") == {"尾页": "xw/1.htm"}
    second = page(demo_server, "xwzx/xw/2.htm")
    assert hrefs(second, "p_prev") == {"上页": "../xw.htm"}
    assert hrefs(second, "p_next") == {"下页": "1.htm"}
    assert "2/3" in second
    last = page(demo_server, "xwzx/xw/1.htm")
    assert '<span class="p_next_d p_fun_d">下页</span>' in last
    assert '<span class="p_last_d p_fun_d">尾页</span>' in last
    assert '<META Name="ColumnName" Content="新闻" />' in last


def test_following_next_links_reads_every_item_newest_first(demo_server: DemoServer) -> None:
    url, ids, dates = demo_server.url("xwzx/xw.htm"), [], []
    for _ in range(10):
        html = page(demo_server, url.removeprefix(demo_server.base_url))
        items = re.findall(r'<li id="line_u9_\d+"><a href="([^"]+)".*?"date">([\d-]+)<', html)
        for href, date in items:
            absolute = urljoin(url, href.replace("&amp;", "&"))
            ident = re.search(r"info/(\d+)/(\d+)\.htm|wbtreeid=(\d+)&wbnewsid=(\d+)", absolute)
            assert ident is not None and absolute.startswith(demo_server.base_url), absolute
            ids.append(ident.group(2) or ident.group(4))
            dates.append(date)
        nxt = hrefs(html, "p_next")
        if not nxt:
            break
        url = urljoin(url, nxt["下页"])
    assert len(ids) == len(set(ids)) == 55
    assert dates == sorted(dates, reverse=True)


def test_notices_use_long_pager_texts(demo_server: DemoServer) -> None:
    html = page(demo_server, "xhgz/tzgg.htm")
    assert hrefs(html, "p_next") == {"下一页": "tzgg/1.htm"}
    assert "上一页" in html and "共25条" in html


def test_list_mixes_jsp_links_truncated_titles_and_externals(
    demo_server: DemoServer, demo_site: DemoSite
) -> None:
    news = page(demo_server, "xwzx/xw.htm")
    jsp = re.findall(r'href="(\.\./content\.jsp\?[^"]+)"', news)
    assert jsp and all("wbtreeid=1023" in h for h in jsp)
    both = page(demo_server, "zcfg/yw.htm") + news
    truncated = re.findall(r'title="([^"]+)"[^>]*>([^<]+\.\.\.)</a>', both)
    assert truncated and all(full.startswith(shown[:-3]) for full, shown in truncated)
    policy = page(demo_server, "zcfg/jyb.htm")
    assert 'href="http://www.moe.gov.cn/' in policy and 'href="http://www.gov.cn/' in policy
    article = next(a for a in demo_site.articles if a.jsp_link)
    query = f"urltype=news.NewsContentUrl&wbtreeid={article.tree_id}&wbnewsid={article.news_id}"
    via_jsp = fetch(demo_server.url("content.jsp?" + query))
    via_info = fetch(demo_server.url(article.path))
    assert via_jsp[0] == via_info[0] == 200 and via_jsp[2] == via_info[2]


def test_article_page_shape(demo_server: DemoServer, demo_site: DemoSite) -> None:
    newest = demo_site.entries("xwzx/xw")[0]
    html = page(demo_server, f"info/1023/{newest.news_id}.htm")
    assert '<meta name="pageType" content="3">' in html
    assert f'<META Name="ArticleTitle" Content="{newest.title}" />' in html
    assert re.search(r'<META Name="PubDate" Content="\d{4}-\d\d-\d\d \d\d:\d\d" />', html)
    for name in ("ContentSource", "Keywords", "Description", "Url"):
        assert f'<META Name="{name}" Content="' in html
    form = html.index('<form name="_newscontent_fromname">')
    assert form < html.index('<div id="vsb_content"><div class="v_news_content">')
    assert "您当前的位置: " in html and ">新闻资讯</a> > <a" in html and "> 正文</div>" in html
    assert f"发布日期:{newest.date}" in html and "来源: " in html
    assert "责任编辑:" in html and "_showDynClicks(" in html
    assert "上一条:没有了" in html and re.search(r'下一条:<a href="\d+\.htm">', html)
    assert "<table" in html and "<img " in html and "<h3>" in html and "<li>" in html
    text = re.sub(r"<[^>]+>", "", html.split("v_news_content")[1].split("</form>")[0])
    assert 3000 <= len(text) <= 7000
    oldest = page(demo_server, f"info/1023/{demo_site.entries('xwzx/xw')[-1].news_id}.htm")
    assert "下一条:没有了" in oldest
    assert any("\u200b" in page(demo_server, a.path) for a in demo_site.articles[:6])


def test_word_pasted_article(demo_server: DemoServer, demo_site: DemoSite) -> None:
    article = next(a for a in demo_site.articles if a.word_junk)
    html = page(demo_server, article.path)
    assert 'class="MsoNormal"' in html and "<o:p></o:p>" in html and "<!--[if" in html


def test_gb18030_section(demo_server: DemoServer, demo_site: DemoSite) -> None:
    article = next(a for a in demo_site.articles if a.column == "xsyj/yjbg")
    for path in ("xsyj/yjbg.htm", article.path):
        status, headers, body = fetch(demo_server.url(path))
        assert status == 200 and headers["Content-Type"] == "text/html"
        assert not body.startswith(BOM)
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        text = body.decode("gb18030")
        assert '<meta charset="gb2312">' in text
        assert "镕" in text and "𠮷" in text
        assert "𠮷".encode("gb18030") in body and len("𠮷".encode("gb18030")) == 4


def test_conditional_requests(demo_server: DemoServer) -> None:
    url = demo_server.url("xwzx/hydt.htm")
    status, headers, _body = fetch(url)
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert status == 200 and etag and modified
    status, headers304, body304 = fetch(url, {"If-None-Match": etag})
    assert status == 304 and body304 == b"" and headers304["ETag"] == etag
    assert fetch(url, {"If-Modified-Since": modified})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0] == 200
    assert fetch(url)[1]["ETag"] == etag  # stable


def test_not_found(demo_server: DemoServer) -> None:
    for path in (
        "nope.htm",
        "info/1023/1.htm",
        "content.jsp?wbtreeid=1&wbnewsid=x",
        "system/_content/download.jsp?wbfileid=1",
        "xwzx/xw/9.htm",
    ):
        status, headers, body = fetch(demo_server.url(path))
        assert status == 404 and headers["Content-Type"] == "text/html", path
        assert "页面不存在" in body.decode("utf-8-sig")


def test_attachments(demo_server: DemoServer, demo_site: DemoSite) -> None:
    assert len(demo_site.attachments) >= 5
    article = next(a for a in demo_site.articles if len(a.attachments) == 2)
    html = page(demo_server, article.path)
    pattern = r'<a href="(/system/_content/download\.jsp\?[^"]+)"[^>]*>(附件\d：[^<]+)</a>'
    links = re.findall(pattern, html)
    assert [name for _, name in links] == [name for _, name in article.attachments]
    for href, name in links:
        fileid = int(href.rsplit("=", 1)[1])
        assert "urltype=news.DownloadAttachUrl&owner=" in href
        status, headers, body = fetch(demo_server.url(href))
        assert status == 200 and 0 < len(body) < 1000
        disposition = headers["Content-Disposition"]
        if fileid == demo_site.gbk_attachment_id:
            continue
        assert disposition.startswith("attachment; filename*=UTF-8''")
        assert unquote(disposition.split("''", 1)[1]) == name.split("：", 1)[1]
    gbk_id = demo_site.gbk_attachment_id
    gbk = fetch(demo_server.url(f"system/_content/download.jsp?wbfileid={gbk_id}"))[1]
    raw = gbk["Content-Disposition"].encode("latin-1")
    assert b"filename*=" not in raw
    name = demo_site.attachments[gbk_id][0].split("：", 1)[1]
    assert raw == b'attachment; filename="' + name.encode("gbk") + b'"'


def test_images_and_head(demo_server: DemoServer, demo_site: DemoSite) -> None:
    html = page(demo_server, demo_site.articles[0].path)
    src = re.search(r'<img src="([^"]+)"', html)
    assert src is not None
    status, headers, body = fetch(demo_server.url(src.group(1)))
    assert status == 200 and headers["Content-Type"] == "image/png"
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    status, headers, body = fetch(demo_server.url("xwzx/xw.htm"), method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 10_000


def test_knobs_and_request_log(fresh_demo_server: DemoServer) -> None:
    server = fresh_demo_server
    server.fail_paths.add("/xwzx/xw.htm")
    assert fetch(server.url("xwzx/xw.htm"))[0] == 503
    server.fail_status = 500
    assert fetch(server.url("xwzx/xw.htm"))[0] == 500
    server.fail_paths.clear()
    server.delay = 0.2
    started = time.monotonic()
    assert fetch(server.url("xwzx/xw.htm"))[0] == 200
    assert time.monotonic() - started >= 0.2
    assert server.requests == ["/xwzx/xw.htm"] * 3
    assert [r[2] for r in server.responses] == [503, 500, 200]


def test_server_stops_cleanly(demo_site: DemoSite) -> None:
    server = DemoServer(demo_site).start()
    port = server.port
    # An idle kept-alive connection must not keep the server alive.
    idle = socket.create_connection(("127.0.0.1", port), timeout=5)
    assert fetch(server.base_url)[0] == 200
    started = time.monotonic()
    server.stop()
    server.stop()
    assert time.monotonic() - started < 3
    idle.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_site_is_deterministic_fast_and_seeded() -> None:
    started = time.monotonic()
    site = DemoSite()
    assert time.monotonic() - started < 0.3
    again, other = DemoSite(), DemoSite(seed=8)
    path = site.articles[5].path
    first = site.resolve(path)
    assert first is not None
    assert first == again.resolve(path)
    assert [a.title for a in site.articles] != [a.title for a in other.articles]
    assert len({a.title for a in site.articles}) == len(site.articles)
    small = DemoSite(articles_per_section=2)
    assert len(small.entries("xwzx/xw")) == 55 and len(small.entries("xhgz/hypx")) == 2


def test_module_entry_point_and_stdlib_only() -> None:
    code = (
        "import sys, newsreader.demo.server, newsreader.demo.__main__;"
        "bad = {'httpx', 'selectolax', 'textual', 'rich'} & set(sys.modules); print(sorted(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert out.stdout.strip() == "[]", out.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsreader.demo", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url is not None, line
        assert fetch(url.group(0) + "index.htm")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
