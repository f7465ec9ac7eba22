"""The sources' errors in every language: the sources list and its file, OPML, feeds, ``add``.

Kept apart from :mod:`.errors` (same kinds of keys: ``reason.*``, ``note.*``, ``cause.*``) so
that each table stays a size a translator can read through. A ``cause.*`` here may name the
facts of its error (``{max}``, ``{value}``, ``{first}``): the cause is said with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

ZH: Final[Mapping[str, str]] = {
    "reason.site_and_source": "--site 和 --source 都指定要读取的来源，只能给出其中一个",
    "reason.demo_fixed": "演示的来源是它自己的，不能更改；去掉 --demo 即可管理你自己的来源",
    "reason.off_source": "{url} 不在来源“{name}”({home}) 上",
    "reason.no_source": "没有名为“{name}”的来源；见 `newsreader sources`",
    "reason.name_taken": "名称“{name}”已被另一个来源使用",
    "reason.already_source": "{url} 已是来源",
    "reason.sources_full": "来源列表已满（最多 {max} 个）",
    "reason.bad_name": "无效的来源名称：{cause}",
    "reason.unknown_kind": "未知的来源类型 {kind}（应为 `vsb` 或 `feed`）",
    "reason.offline_add": "无法访问 {url} 来添加它",
    "reason.sources_line": "{path} 第 {line} 行：{key}：{cause}",
    "reason.sources_key": "{path}：{key}：{cause}",
    "reason.sources_too_large": "{path} 超过 {mb} MB",
    "reason.not_utf8_line": "{path} 第 {line} 行不是 UTF-8 文本（第 {byte} 字节）",
    "reason.opml_unreadable": "无法读取 {path}（{cause}）",
    "reason.opml_too_large": "{path} 超过 {mb} MB，这是 OPML 导入读取的上限",
    "reason.opml_empty": "{path} 不是 OPML 文件：文件为空",
    "reason.opml_root": "{path} 不是 OPML 文件：根元素是 <{tag}>",
    "reason.opml_doctype": "{path} 不是可读的 OPML 文件：其中的 DOCTYPE 无法移除",
    "reason.opml_entities": "{path} 不是可读的 OPML 文件：其中声明了实体",
    "reason.opml_xml": "{path} 不是可读的 OPML 文件：第 {line} 行第 {column} 列有语法错误",
    "reason.nothing_binary": "{url} 没有可读的内容：{bytes} 字节的 {type}，既不是订阅也不是网页",
    "reason.nothing_page": "{url} 没有可读的内容：网页 {title} 既没有订阅链接，也不像 VSB 站点",
    "reason.nothing_untitled": "{url} 没有可读的内容：网页既没有订阅链接，也不像 VSB 站点",
    "reason.nothing_feeds": "{url} 没有可读的内容：网页声明的 {count} 个订阅都无法读取",
    "reason.not_a_feed": "不是订阅 (RSS、Atom 或 JSON Feed)：{url}",
    "reason.bad_json_feed": "无法读取 {url} 的 JSON Feed",
    "reason.not_a_feed_item": "{url} 不是该订阅的条目，不获取",
    "reason.unreadable_entry": "无法读取 {url} 的订阅条目",
    "reason.empty_entry": "订阅中没有 {url} 的内容",
    "reason.feed_needs_sync": (
        "{site} 的栏目列表不在缓存中；在线时运行 `newsreader sync`，再生成订阅"
    ),
    "reason.feed_not_written": "无法把订阅写入 {path}（{cause}）",
    "note.opml_web_page": "{name}：{url} 是网页，既不是订阅也不是 VSB 站点",
    "note.opml_bad_url": "{name}：{url} 不是 http/https 网址（{cause}）",
    "note.opml_refused": "{name}：{error}",
    "note.opml_known": "{name}：已是来源 ({known})",
    "note.opml_full": "{name}：来源列表已满（最多 {max} 个）",
    "cause.url_empty": "网址为空",
    "cause.name_empty": "不能为空",
    "cause.name_too_long": "最多 {max} 个字符",
    "cause.name_not_printable": "必须是一行可打印的文字",
    "cause.sources_unknown_top": "未知的键 (文件只含 `[[source]]` 表)",
    "cause.sources_not_tables": "必须是 `[[source]]` 表",
    "cause.sources_too_many": "来源超过 {max} 个",
    "cause.sources_not_table": "必须是含 `name`、`url` 和 `kind` 的表",
    "cause.sources_unknown_key": "未知的键 (可用：`name`、`url`、`kind`)",
    "cause.sources_missing": "缺少这一项",
    "cause.sources_not_string": "必须是字符串，而不是 {value}",
    "cause.sources_bad_kind": '必须是 `"vsb"` 或 `"feed"`，而不是 {value}',
    "cause.same_name": "名称重复",
    "cause.same_name_at": "名称重复 (第一次在第 {first} 行)",
    "cause.same_source": "来源重复",
    "cause.same_source_at": "来源重复 (第一次在第 {first} 行)",
}

EN: Final[Mapping[str, str]] = {
    "reason.site_and_source": "--site and --source each name the source to read; give one of them",
    "reason.demo_fixed": (
        "the demo's sources are its own and do not change; drop --demo for yours"
    ),
    "reason.off_source": "{url} is not on the source {name!r} ({home})",
    "reason.no_source": "no source named {name!r}; see `newsreader sources`",
    "reason.name_taken": "the name {name!r} is taken by another source",
    "reason.already_source": "{url} is already a source",
    "reason.sources_full": "the list already holds {max} sources, the most it can",
    "reason.bad_name": "a source's name must be {cause}",
    "reason.unknown_kind": 'unknown kind {kind} (a source is "vsb" or "feed")',
    "reason.offline_add": "cannot look at {url} to add it",
    "reason.sources_line": "{path}, line {line}: {key}: {cause}",
    "reason.sources_key": "{path}: {key}: {cause}",
    "reason.sources_too_large": "{path}: larger than {mb} MB",
    "reason.not_utf8_line": "{path}, line {line}: not UTF-8 text (byte {byte})",
    "reason.opml_unreadable": "{path}: cannot read: {cause}",
    "reason.opml_too_large": "{path}: larger than {mb} MB, the most an OPML import reads",
    "reason.opml_empty": "{path}: not an OPML file: it is empty",
    "reason.opml_root": "{path}: not an OPML file: its root element is <{tag}>",
    "reason.opml_doctype": (
        "{path}: not a readable OPML file: it has a DOCTYPE that cannot be removed"
    ),
    "reason.opml_entities": "{path}: not a readable OPML file: it declares entities",
    "reason.opml_xml": (
        "{path}: not a readable OPML file: {problem} at line {line}, column {column}"
    ),
    "reason.nothing_binary": (
        "nothing to read at {url}: found {bytes} bytes of {type}, neither a feed nor a web page"
    ),
    "reason.nothing_page": (
        "nothing to read at {url}: found a web page ({title}) with no feed link and no sign "
        "of a VSB site"
    ),
    "reason.nothing_untitled": (
        "nothing to read at {url}: found a web page with no feed link and no sign of a VSB site"
    ),
    "reason.nothing_feeds": (
        "nothing to read at {url}: found a web page advertising {count} feed(s), none "
        "readable: {problem}"
    ),
    "reason.not_a_feed": "not a feed (RSS, Atom or JSON Feed): {url}",
    "reason.bad_json_feed": "unreadable JSON Feed at {url}",
    "reason.not_a_feed_item": "not fetching {url}: it is not an item of the feed",
    "reason.unreadable_entry": "unreadable feed entry for {url}",
    "reason.empty_entry": "the feed has nothing for {url}",
    "reason.feed_needs_sync": (
        "the section tree of {site} is not in the cache; run `newsreader sync` while online, "
        "then make the feed"
    ),
    "reason.feed_not_written": "cannot write the feed to {path}: {cause}",
    "note.opml_web_page": "{name}: a web page ({url}), neither a feed nor a VSB site",
    "note.opml_bad_url": "{name}: {url} is not an http(s) URL ({cause})",
    "note.opml_refused": "{name}: {error}",
    "note.opml_known": "{name}: already a source ({known})",
    "note.opml_full": "{name}: the list already holds {max} sources, the most it can",
    "cause.url_empty": "the URL is empty",
    "cause.name_empty": "some text, not empty",
    "cause.name_too_long": "at most {max} characters",
    "cause.name_not_printable": "one line of printable text",
    "cause.sources_unknown_top": "unknown key (the file holds [[source]] tables only)",
    "cause.sources_not_tables": "must be [[source]] tables",
    "cause.sources_too_many": "more than {max} sources",
    "cause.sources_not_table": "must be a table of name, url and kind",
    "cause.sources_unknown_key": "unknown key (known: name, url, kind)",
    "cause.sources_missing": "missing",
    "cause.sources_not_string": "must be a string, got {value}",
    "cause.sources_bad_kind": 'must be "vsb" or "feed", got {value}',
    "cause.same_name": "the same name twice",
    "cause.same_name_at": "the same name twice (first at line {first})",
    "cause.same_source": "the same source twice",
    "cause.same_source_at": "the same source twice (first at line {first})",
}
