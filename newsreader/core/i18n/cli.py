"""The CLI's own text in every language: messages, progress, summaries and ``--help``.

Keys are ``cli.*`` (what a command prints) and ``cli.help.*`` (the parser's help, its
examples included). ``newsreader.cli`` looks them up with the run's ``--lang`` (else the
configuration file's ``lang``, else the locale) through :class:`newsreader.core.i18n.Translator`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

ZH: Final[Mapping[str, str]] = {
    "cli.interrupted": "已中断；已保存的内容都保留",
    "cli.internal": "内部错误",
    "cli.detail": "详情：{detail}",
    "cli.cached_copy": "{reason}；显示 {stamp} 缓存的 {what}",
    "cli.offline_copy": "离线：显示 {stamp} 缓存的 {what}",
    "cli.section_tree": "栏目列表",
    "cli.links_skipped": "{url}：跳过 {count} 个链接 (格式错误或指向站外)",
    "cli.links_left_out": "{url}：另有 {count} 个链接未列出 (每个列表页最多 {max} 条)",
    "cli.pages_missing": "{reason}；只显示请求的 {pages} 页中的 {shown} 页",
    "cli.sync_resumed": (
        "继续了 {count} 个栏目被中断的同步：已保存的文章不再重新获取 (sync --refresh 全部重新获取)"
    ),
    "cli.sync_failed": "失败：{url}：{reason}",
    "cli.sync_source": "{name}：{summary}",
    "cli.sync_source_failed": "{name}：同步失败：{reason}",
    "cli.sync_failed_more": "失败：… 另有 {count} 篇",
    "cli.sync_summary": (
        "同步：获取 {fetched} 篇 (新增 {new}，更新 {updated})，未变 {unchanged}，失败 {failed}"
    ),
    "cli.sync_skipped": "，跳过 {count} 个链接",
    "cli.sync_skipped_one": "，跳过 1 个链接",
    "cli.sync_pruned": "同步：清理了 {count} 篇超过 {days} 天的文章",
    "cli.progress.sections": "栏目",
    "cli.progress.lists": "列表页",
    "cli.progress.articles": "文章",
    "cli.query_cut": "搜索词有 {count} 个字符；只搜索前 {max} 个",
    "cli.no_match": "没有匹配 {query} 的缓存文章",
    "cli.not_exported": "未导出：{url}：{reason}",
    "cli.export_skipped": "列表中跳过 {count} 个链接 (格式错误或指向站外)",
    "cli.export_none": "{count} 篇文章都无法导出",
    "cli.cache_pruned": "已清理：文章 {articles} 篇，页面 {pages} 个，列表页 {list_pages} 个",
    "cli.cache_path": "缓存：{path}",
    "cli.cache_path_readonly": "缓存：{path} (只读)",
    "cli.cache_in_memory": "(内存中)",
    "cli.cache_size": "大小：{size}",
    "cli.cache_counts": (
        "文章：{articles}  页面：{pages}  列表页：{list_pages}  已读：{read}  已收藏：{starred}"
    ),
    "cli.cache_by_section": "按栏目：",
    "cli.feed_hint": "在线时运行 `newsreader sync {section}`",
    "cli.feed_not_listed": "{title} 的列表不在缓存中；订阅为空 ({hint})",
    "cli.feed_no_entries": "{title} 的文章都不在缓存中；订阅为空 ({hint})",
    "cli.feed_not_cached": "列表中有 {count} 篇文章不在缓存中，未放入订阅 ({hint})",
    "cli.feed_skipped": "跳过 {count} 篇已缓存的文章：网址不是 http/https",
    "cli.sources_unreadable": "{problem}；在 {url} 自己的站点上读取",
    "cli.source_added": "已添加：{name} ({kind}) {url}",
    "cli.source_already": "已是来源：{name} ({kind}) {url}",
    "cli.source_removed": "已删除：{name}",
    "cli.source_renamed": "已重命名：{name} -> {new}",
    "cli.no_sources": "没有来源；用 `newsreader add URL` 添加",
    "cli.opml_skipped": "跳过：{reason}",
    "cli.opml_more_skipped": "跳过：… 另有 {count:,} 个",
    "cli.opml_over_cap": "跳过：超过导入上限 {cap:,} 的 {count:,} 个条目",
    "cli.opml_imported": "opml：导入 {added:,} 个来源，跳过 {skipped:,} 个",
    # Usage errors the parser's argument types write.
    "cli.arg.not_number": "不是数字：{text}",
    "cli.arg.at_least_one": "必须是 1 或更大：{text}",
    "cli.arg.not_seconds": "不是秒数：{text}",
    "cli.arg.seconds_range": "必须在 0 到 60 之间：{text}",
    "cli.arg.range": "必须在 0 到 {limit} 之间：{text}",
    "cli.arg.empty_path": "路径为空",
    # --help.
    "cli.help.usage": "用法：",
    "cli.help.positionals": "参数",
    "cli.help.options": "选项",
    "cli.help.help": "显示本帮助并退出",
    "cli.help.version": "显示版本号并退出",
    "cli.help.description": (
        "在终端里阅读博达 VSB 新闻网站。不带命令 (COMMAND) 时启动交互式阅读器。"
    ),
    "cli.help.commands": "命令",
    "cli.help.examples": "示例：",
    "cli.help.example.tui": "启动交互式阅读器",
    "cli.help.example.demo": "阅读内置的演示站点",
    "cli.help.example.sections": "显示栏目列表",
    "cli.help.example.list": "列出一个栏目的文章",
    "cli.help.example.read": "在终端里阅读一篇文章",
    "cli.help.example.sync": "保存栏目供离线阅读",
    "cli.help.example.search": "搜索已缓存的文章",
    "cli.help.example.export": "导出为 Markdown 文件",
    "cli.help.example.prune": "删除 90 天前获取的文章",
    "cli.help.more": (
        "每个命令的选项：newsreader COMMAND --help。"
        "界面语言：--lang zh|en (默认取自系统的语言环境)。"
    ),
    "cli.help.site": "VSB 站点的网址 (默认 {default})",
    "cli.help.cache_dir": "缓存目录 (默认：$NEWSREADER_CACHE_DIR 或系统的缓存目录)",
    "cli.help.offline": "不联网，只用缓存",
    "cli.help.demo": "在 127.0.0.1 上运行内置演示站点并阅读它",
    "cli.help.delay": "两次请求之间的间隔秒数 (默认 0.2)",
    "cli.help.lang": "界面语言 (默认取自系统的语言环境，否则 zh)",
    "cli.help.config": "配置文件 (默认：$NEWSREADER_CONFIG 或系统的 config.toml)",
    "cli.help.verbose": "出错时另外显示详细的技术信息",
    "cli.help.json": "输出 JSON",
    "cli.help.markdown": "输出 Markdown",
    "cli.help.cmd.sections": "显示站点的栏目列表",
    "cli.help.cmd.list": "列出一个栏目的文章",
    "cli.help.cmd.read": "阅读一篇文章",
    "cli.help.cmd.sync": "保存栏目及其文章供离线阅读",
    "cli.help.cmd.search": "搜索已缓存的文章",
    "cli.help.cmd.export": "把文章或栏目保存为 Markdown/HTML 文件",
    "cli.help.cmd.cache": "查看、清理或压缩缓存",
    "cli.help.section": "用 / 连接的栏目名 (例如 新闻资讯/新闻) 或列表页网址",
    "cli.help.list_section": (
        "用 / 连接的栏目名 (例如 新闻资讯/新闻) 或列表页网址；订阅源不需要 (它只有一个栏目)"
    ),
    "cli.help.pages": "要获取的列表页数 (默认 1)",
    "cli.help.url": "文章的网址 (绝对网址，或相对于站点)",
    "cli.help.sync_sections": "要同步的栏目 (默认：全部)",
    "cli.help.sync_pages": "每个栏目的列表页数 (默认：配置文件的 `sync_pages`，否则 1)",
    "cli.help.refresh": ("重新获取页面上的每篇文章，包括被中断的同步已保存的 (默认从中断处继续)"),
    "cli.help.query": "关键词或任意一段文字 (超过 100 个字符的部分不搜索)",
    "cli.help.limit": "最多 N 条结果",
    "cli.help.target": "文章网址 (一个文件)，或栏目 / 列表页网址 (每篇文章一个文件，外加索引)",
    "cli.help.format": "文件格式 (默认 md)",
    "cli.help.output": "写入的目录，不存在时创建 (默认：当前目录)",
    "cli.help.export_pages": "要导出的栏目列表页数 (默认：配置文件的 `sync_pages`，否则 1)",
    "cli.help.prune_days": (
        "删除 N 天前获取的文章和页面 (已收藏的除外；0 全部保留，同 `retention_days = 0`)"
    ),
    "cli.help.prune_size": "删除最旧的文章，直到数据不超过 MB 兆字节",
    "cli.help.vacuum": "压缩数据库文件 (在清理之后)",
    "cli.help.prune_yes": "清理前不再询问 (没有终端时必须加上)",
    "cli.prune_what_days": "{days} 天前获取的文章和页面",
    "cli.prune_what_size": "最旧的文章，直到数据不超过 {size} MB",
    "cli.prune_and": "，以及",
    "cli.prune_confirm": "将从缓存删除{what} (已收藏的除外)，无法恢复。继续？[y/N] ",
    "cli.prune_cancelled": "已取消，缓存未改动",
    "cli.help.source": "读取该名称的来源 (见 `newsreader sources`)，而不是站点",
    "cli.help.cmd.feed": "把栏目的已缓存文章输出为 Atom 订阅",
    "cli.help.feed_output": "把订阅写入 FILE，整个替换 (默认：标准输出)",
    "cli.help.cmd.sources": "按侧栏顺序列出你的来源",
    "cli.help.cmd.add": "按网址添加 VSB 站点或订阅 (RSS、Atom、JSON Feed)",
    "cli.help.add_url": "订阅、声明了订阅的网页，或 VSB 站点",
    "cli.help.add_name": "它的名称 (默认：站点或订阅的标题)",
    "cli.help.cmd.remove": "删除一个来源",
    "cli.help.cmd.rename": "重命名一个来源",
    "cli.help.source_name": "来源的名称",
    "cli.help.new_name": "新名称",
    "cli.help.cmd.opml": "用 OPML 文件导入或导出你的来源",
    "cli.help.opml_import": "添加 OPML 文件中的订阅和 VSB 站点 (只限 http/https，最多 1,000 个)",
    "cli.help.opml_file": "OPML 文件",
    "cli.help.opml_export": "把你的来源写成 OPML",
    "cli.help.opml_output": "写入 FILE (默认：标准输出)",
    "cli.help.example.feed": "把栏目保存为 Atom 订阅文件",
    "cli.help.example.add": "添加一个站点或订阅",
}

EN: Final[Mapping[str, str]] = {
    "cli.interrupted": "interrupted; everything saved so far is kept",
    "cli.internal": "internal error",
    "cli.detail": "detail: {detail}",
    "cli.cached_copy": "{reason}; showing the cached copy of {what} from {stamp}",
    "cli.offline_copy": "offline: showing the cached copy of {what} from {stamp}",
    "cli.section_tree": "the section tree",
    "cli.links_skipped": "{url}: {count} link(s) skipped: malformed, or leading off the site",
    "cli.links_left_out": (
        "{url}: {count} more links left out (one list page gives at most {max} entries)"
    ),
    "cli.pages_missing": "{reason}; showing {shown} of the {pages} pages asked for",
    "cli.sync_resumed": (
        "continued the interrupted sync of {count} section(s): articles it stored were kept "
        "without asking again (sync --refresh asks for every one)"
    ),
    "cli.sync_failed": "failed: {url}: {reason}",
    "cli.sync_source": "{name}: {summary}",
    "cli.sync_source_failed": "{name}: sync failed: {reason}",
    "cli.sync_failed_more": "failed: … and {count} more",
    "cli.sync_summary": (
        "sync: {fetched} fetched ({new} new, {updated} updated), {unchanged} unchanged, "
        "{failed} failed"
    ),
    "cli.sync_skipped": ", {count} links skipped",
    "cli.sync_skipped_one": ", 1 link skipped",
    "cli.sync_pruned": "sync: pruned {count} articles older than {days} days",
    "cli.progress.sections": "sections",
    "cli.progress.lists": "list pages",
    "cli.progress.articles": "articles",
    "cli.query_cut": "the query has {count} characters; searching its first {max} only",
    "cli.no_match": "no cached article matches {query}",
    "cli.not_exported": "not exported: {url}: {reason}",
    "cli.export_skipped": "{count} link(s) of the list skipped: malformed, or leading off the site",
    "cli.export_none": "none of the {count} articles could be exported",
    "cli.cache_pruned": ("pruned: {articles} articles, {pages} pages, {list_pages} list pages"),
    "cli.cache_path": "cache: {path}",
    "cli.cache_path_readonly": "cache: {path} (read-only)",
    "cli.cache_in_memory": "(in memory)",
    "cli.cache_size": "size: {size}",
    "cli.cache_counts": (
        "articles: {articles}  pages: {pages}  list pages: {list_pages}  read: {read}  "
        "starred: {starred}"
    ),
    "cli.cache_by_section": "by section:",
    "cli.feed_hint": "run `newsreader sync {section}` while online",
    "cli.feed_not_listed": "the list of {title} is not in the cache; the feed is empty ({hint})",
    "cli.feed_no_entries": "no article of {title} is in the cache; the feed is empty ({hint})",
    "cli.feed_not_cached": "{count} listed article(s) are not in the cache and left out ({hint})",
    "cli.feed_skipped": "{count} cached article(s) left out: their URL is not http(s)",
    "cli.sources_unreadable": "{problem}; reading {url} on its own site",
    "cli.source_added": "added: {name} ({kind}) {url}",
    "cli.source_already": "already a source: {name} ({kind}) {url}",
    "cli.source_removed": "removed: {name}",
    "cli.source_renamed": "renamed: {name} -> {new}",
    "cli.no_sources": "no sources; add one with `newsreader add URL`",
    "cli.opml_skipped": "skipped: {reason}",
    "cli.opml_more_skipped": "skipped: … and {count:,} more",
    "cli.opml_over_cap": "skipped: {count:,} outline(s) past the {cap:,} an import reads",
    "cli.opml_imported": "opml: {added:,} source(s) imported, {skipped:,} skipped",
    "cli.arg.not_number": "not a number: {text}",
    "cli.arg.at_least_one": "must be 1 or more: {text}",
    "cli.arg.not_seconds": "not a number of seconds: {text}",
    "cli.arg.seconds_range": "must be between 0 and 60: {text}",
    "cli.arg.range": "must be between 0 and {limit}: {text}",
    "cli.arg.empty_path": "the path is empty",
    "cli.help.usage": "usage: ",
    "cli.help.positionals": "positional arguments",
    "cli.help.options": "options",
    "cli.help.help": "show this help message and exit",
    "cli.help.version": "show the version and exit",
    "cli.help.description": (
        "A terminal news reader for Boda VSB news sites. "
        "Without a COMMAND, starts the interactive reader."
    ),
    "cli.help.commands": "commands",
    "cli.help.examples": "examples:",
    "cli.help.example.tui": "start the interactive reader",
    "cli.help.example.demo": "read the built-in demo site",
    "cli.help.example.sections": "show the section tree",
    "cli.help.example.list": "list a section's articles",
    "cli.help.example.read": "read an article in the terminal",
    "cli.help.example.sync": "save a section for offline reading",
    "cli.help.example.search": "search the cached articles",
    "cli.help.example.export": "export as Markdown files",
    "cli.help.example.prune": "remove articles fetched 90 or more days ago",
    "cli.help.more": (
        "Options of each command: newsreader COMMAND --help. "
        "Language: --lang zh|en (default from the locale)."
    ),
    "cli.help.site": "base URL of the VSB site (default {default})",
    "cli.help.cache_dir": "cache directory (default: $NEWSREADER_CACHE_DIR or the platform's)",
    "cli.help.offline": "never touch the network; use the cache only",
    "cli.help.demo": "serve the built-in demo site on 127.0.0.1 and read it",
    "cli.help.delay": "polite delay between requests to the site (default 0.2)",
    "cli.help.lang": "language of the app's own text (default: from the locale, else zh)",
    "cli.help.config": (
        "configuration file (default: $NEWSREADER_CONFIG or the platform's config.toml)"
    ),
    "cli.help.verbose": "also print the technical detail of an error",
    "cli.help.json": "print JSON",
    "cli.help.markdown": "print Markdown",
    "cli.help.cmd.sections": "show the site's section tree",
    "cli.help.cmd.list": "list a section's articles",
    "cli.help.cmd.read": "read an article",
    "cli.help.cmd.sync": "save sections and their articles for offline",
    "cli.help.cmd.search": "search the cached articles",
    "cli.help.cmd.export": "save an article or a section as Markdown/HTML files",
    "cli.help.cmd.cache": "show, prune or compact the cache",
    "cli.help.section": 'section titles joined by "/" (e.g. 新闻资讯/新闻) or a list-page URL',
    "cli.help.list_section": (
        'section titles joined by "/" (e.g. 新闻资讯/新闻) or a list-page URL; '
        "none for a feed (its one section)"
    ),
    "cli.help.pages": "list pages to follow (default 1)",
    "cli.help.url": "the article's URL (absolute, or relative to the site)",
    "cli.help.sync_sections": "sections to sync (default: all)",
    "cli.help.sync_pages": (
        "list pages per section (default: sync_pages of the config file, else 1)"
    ),
    "cli.help.refresh": (
        "ask again for every article on the pages, even those an interrupted sync already "
        "stored (by default a sync continues where an interrupted one stopped)"
    ),
    "cli.help.query": "words or any part of a text (a longer one is cut to 100 characters)",
    "cli.help.limit": "at most N hits",
    "cli.help.target": (
        "an article URL (one file), or a section / list-page URL (a file per article plus an index)"
    ),
    "cli.help.format": "file format (default md)",
    "cli.help.output": "directory to write into, created when missing (default: the current one)",
    "cli.help.export_pages": (
        "list pages of a section to export (default: sync_pages of the config, else 1)"
    ),
    "cli.help.prune_days": (
        "remove articles and pages fetched more than N days ago (never starred ones; "
        "0 keeps everything, as retention_days = 0)"
    ),
    "cli.help.prune_size": "remove the oldest articles until the data is at most MB megabytes",
    "cli.help.vacuum": "compact the database file (after any pruning)",
    "cli.help.prune_yes": "prune without asking (required when there is no terminal)",
    "cli.prune_what_days": "articles and pages fetched more than {days} days ago",
    "cli.prune_what_size": "the oldest articles until the data is at most {size} MB",
    "cli.prune_and": ", then ",
    "cli.prune_confirm": (
        "This removes {what} from the cache (never starred ones); it cannot be undone. "
        "Continue? [y/N] "
    ),
    "cli.prune_cancelled": "cancelled; the cache is unchanged",
    "cli.help.source": (
        "read the source of that name (see `newsreader sources`) instead of the site"
    ),
    "cli.help.cmd.feed": "print a section's cached articles as an Atom feed",
    "cli.help.feed_output": "write the feed to FILE, replacing it whole (default: standard output)",
    "cli.help.cmd.sources": "list your sources, in sidebar order",
    "cli.help.cmd.add": "add a VSB site or a feed (RSS, Atom, JSON Feed) by its URL",
    "cli.help.add_url": "a feed, a page advertising one, or a VSB site",
    "cli.help.add_name": "its name (default: the site's or feed's title)",
    "cli.help.cmd.remove": "remove a source",
    "cli.help.cmd.rename": "rename a source",
    "cli.help.source_name": "the source's name",
    "cli.help.new_name": "its new name",
    "cli.help.cmd.opml": "import or export your sources as an OPML file",
    "cli.help.opml_import": (
        "add the feeds and VSB sites of an OPML file (http/https only, at most 1,000)"
    ),
    "cli.help.opml_file": "the OPML file",
    "cli.help.opml_export": "write your sources as OPML",
    "cli.help.opml_output": "write to FILE (default: standard output)",
    "cli.help.example.feed": "save a section as an Atom feed file",
    "cli.help.example.add": "add a site or a feed",
}

ARGPARSE_ZH: Final[Mapping[str, str]] = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    # A section heading of the help: "选项：", full-width as the rest of the Chinese help.
    "%(heading)s:": "%(heading)s：",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 用法错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少参数：%s",
    "one of the arguments %s is required": "需要 %s 之一",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的选择：%(value)r (可选：%(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ignored explicit argument %r": "忽略了多余的值 %r",
}
"""Argparse's own words in Chinese, by their message id (argparse looks them up with gettext).

English needs no table: the ids are argparse's English text.
"""
