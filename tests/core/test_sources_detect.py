"""What a URL's content is: a feed by its root element, a page advertising feeds, a VSB site."""

from __future__ import annotations

import pytest
from vsb_sites import ROOT, page

from newsreader.core.sources import advertised_feeds, looks_like_feed, vsb
from newsreader.core.sources.detect import feed_title


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "rss"),
        (b"\xef\xbb\xbf\n  <!-- c --><?xml-stylesheet href='x'?><rss><channel/></rss>", "rss"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', "atom"),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            b' xmlns="http://purl.org/rss/1.0/"/>',
            "rdf",
        ),
        (b'<!DOCTYPE rss [<!ENTITY a "b">]><rss><channel/></rss>', "rss"),
        ('<?xml version="1.0" encoding="utf-16"?><rss/>'.encode("utf-16"), "rss"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": []}', "json"),
        (b' {"version": "http://jsonfeed.org/version/1.1"}', "json"),
        (b"<!DOCTYPE html><html><body><rss></rss></body></html>", None),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', None),
        (b'{"version": "2.0", "items": []}', None),
        (b"[1, 2]", None),
        (b"{not json", None),
        (b"\x89PNG\r\n\x1a\n", None),
        (b"", None),
    ],
)
def test_a_feed_is_known_by_its_content(data: bytes, kind: str | None) -> None:
    assert looks_like_feed(data) == kind


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (
            '<?xml version="1.0" encoding="gb2312"?><rss><channel><title><![CDATA[通知 <公告>]]>'
            "</title><item><title>x</title></item></channel></rss>".encode("gbk"),
            "通知 <公告>",
        ),
        (
            b"<feed xmlns='http://www.w3.org/2005/Atom'><title type='html'>A &amp;amp; B &lt;i&gt;x&lt;/i&gt;</title></feed>",
            "A & B x",
        ),
        (b"<rss><channel><title>\x1b[31mred\x1b[0m\n  line</title></channel></rss>", "red line"),
        (b"<rss><channel><link>x</link></channel></rss>", None),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": " JSON\\n"}', "JSON"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": 3}', None),
    ],
)
def test_a_feed_title_is_read_and_sanitised(data: bytes, title: str | None) -> None:
    assert feed_title(data) == title


def test_advertised_feeds_in_page_order_resolved_and_once() -> None:
    html = """<head>
    <link rel="stylesheet" href="/a.css">
    <link rel="alternate" type="application/atom+xml" href="atom.xml#top">
    <LINK REL="Alternate feed" TYPE="application/rss+xml; charset=utf-8" HREF=/rss.xml>
    <link rel='alternate' type='application/rss+xml' href='https://feeds.example.com/x?a=1&amp;b=2'>
    <link rel="alternate" type="text/html" href="/zh/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    </head>"""
    assert advertised_feeds(html, "https://x.edu.cn/news/") == (
        "https://x.edu.cn/news/atom.xml",
        "https://x.edu.cn/rss.xml",
        "https://feeds.example.com/x?a=1&b=2",
    )


@pytest.mark.parametrize("site", sorted(p.name for p in ROOT.iterdir() if p.is_dir()))
def test_every_template_home_page_has_vsb_markers(site: str) -> None:
    html = page(site, "index.htm")
    assert html is not None
    assert vsb.vsb_markers(html, "https://www.example.edu.cn/index.htm")


def test_a_plain_page_has_no_vsb_markers() -> None:
    url = "https://x.cn/"
    html = '<html><a href="/news/1.htm">a</a> <a href="/info/1/2.htm">one article link</a></html>'
    assert vsb.vsb_markers(html, url) == ()
    assert vsb.vsb_markers('<div class="v_news_content">x</div>', url) == ("VSB article markup",)


def test_links_to_another_sites_articles_make_no_vsb_site() -> None:
    # A news aggregator (a feed's home page, say) linking a VSB site's articles is not one.
    elsewhere = "".join(
        f'<a href="https://news.example.edu.cn/info/1011/{n}.htm">{n}</a>' for n in range(9)
    )
    assert vsb.vsb_markers(elsewhere, "https://feeds.example.com/") == ()
    own = '<a href="info/1011/1.htm">1</a><a href="https://x.cn/info/1011/2.htm">2</a>'
    assert vsb.vsb_markers(own, "https://x.cn/") == ("info/T/N.htm article links",)


_LIST = '<a href="../info/1002/7.htm">一</a><a href="../info/1002/8.htm">二</a>'


@pytest.mark.parametrize(
    ("url", "html", "base"),
    [
        # A home page is its site's base, whatever it links (a sub-site's articles too).
        ("https://x.edu.cn/", _LIST, "https://x.edu.cn/"),
        ("https://x.edu.cn", '<a href="/xxgk/info/1/2.htm">a</a>', "https://x.edu.cn/"),
        ("https://x.edu.cn/jwc/index.htm", "", "https://x.edu.cn/jwc/"),
        # An article: what comes before its info/ (or its content.jsp).
        ("https://x.edu.cn/info/1002/7.htm", "", "https://x.edu.cn/"),
        ("https://x.edu.cn/jwc/info/1002/7.htm", "", "https://x.edu.cn/jwc/"),
        (
            "http://x.edu.cn/jwc/content.jsp?wbtreeid=1002&wbnewsid=7",
            "",
            "http://x.edu.cn/jwc/",
        ),
        # A list page (a notice board): where its article links lead, not its own folder.
        ("https://x.edu.cn/xwzx/xw.htm", _LIST, "https://x.edu.cn/"),
        ("https://x.edu.cn/tzgg.htm", _LIST.replace("../", ""), "https://x.edu.cn/"),
        ("https://x.edu.cn/jwc/tzgg/1.htm", _LIST, "https://x.edu.cn/jwc/"),
        # Another site's articles say nothing of this one's; no article links: its folder.
        (
            "https://x.edu.cn/a/b.htm",
            '<a href="https://y.cn/info/1/2.htm">y</a>',
            "https://x.edu.cn/a/",
        ),
        ("https://x.edu.cn/a/b.htm", "<p>no links</p>", "https://x.edu.cn/a/"),
    ],
)
def test_a_vsb_pages_site_is_where_its_info_folder_is(url: str, html: str, base: str) -> None:
    assert vsb.site_base(html, url) == base
