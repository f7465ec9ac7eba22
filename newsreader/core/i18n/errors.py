"""Errors in every language: their kinds (``error.*``), causes (``reason.*``) and named causes.

A reader is told the kind of an error and its facts, not a translated English sentence:
``网络不可用：无法连接 www.example.cn（找不到该主机名）``. A reason's text names the facts the
raise site gives (``{host}``, ``{status}``, ``{path}``…); a ``{cause}`` fact is itself a key,
``cause.*``. The English message of the error goes to the log and ``--verbose`` only.

To add a reason: raise the error with ``reason="my_reason", facts={...}`` and add
``reason.my_reason`` to both tables below (``tests/core/test_i18n.py`` checks both exist and
that every fact the text names is one the raise site can give).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

ZH: Final[Mapping[str, str]] = {
    # Kinds: one per class of newsreader.core.errors (its ``kind``).
    "error.error": "出错",
    "error.usage": "用法错误",
    "error.config": "配置错误",
    "error.fetch": "获取失败",
    "error.network": "网络不可用",
    "error.timeout": "超时",
    "error.http": "服务器返回错误",
    "error.redirect": "重定向有误",
    "error.too_large": "页面过大",
    "error.content": "内容无法使用",
    "error.robots": "被 robots.txt 禁止",
    "error.off_site": "站外链接",
    "error.offline": "离线",
    "error.parse": "无法识别的页面",
    "error.opml": "OPML 文件无法导入",
    "error.cache": "缓存错误",
    "error.cache_corrupt": "缓存已损坏",
    "error.cache_readonly": "缓存只读",
    "error.cache_locked": "缓存被占用",
    "error.save": "无法保存",
    "error.not_cached": "未缓存",
    "error.viewer": "附件已保存，但无法打开",
    # The network.
    "reason.connect": "无法连接 {host}：{cause}",
    "reason.connect_proxy": "经 {proxy} 中的代理无法连接 {host}：{cause}",
    "reason.proxy": "代理无法连接 {host}：{cause}",
    "reason.proxy_setting": "{proxy} 中的代理设置无法使用",
    "reason.socks_missing": (
        "{proxy} 指定了 SOCKS 代理，但未安装 SOCKS 支持 (`pip install httpx[socks]`)"
    ),
    "reason.connection_lost": "与 {host} 的连接中断：{cause}",
    "reason.connection_broken": "{host} 中断了连接：{cause}",
    "reason.connect_timeout": "{seconds} 秒内无法连接 {host}",
    "reason.connect_timeout_proxy": "经 {proxy} 中的代理，{seconds} 秒内无法连接 {host}",
    "reason.read_timeout": "{host} {seconds} 秒没有回应",
    "reason.timeout": "{host} 响应超时",
    "reason.deadline": "{host} 在 {seconds} 秒内没有给出完整回应",
    "reason.stalled": "{host} 在页面中途停止发送 {seconds} 秒",
    "reason.status": "{status}（{url}）",
    "reason.unexpected_304": "意外的 304 回应（{url}）",
    "reason.redirect_loop": "重定向循环（{url}）",
    "reason.too_many_redirects": "重定向超过 {count} 次（{url}）",
    "reason.redirect_unusable": "重定向目标无法读取（{url}）",
    "reason.redirect_refused": "拒绝重定向到 {url}（{cause}）",
    "reason.redirect_non_http": "拒绝重定向到非 http/https 网址：{url}",
    "reason.redirect_off_site": "拒绝重定向到站外：{url}",
    "reason.too_large": "超过 {mib} MiB：{url}",
    "reason.not_html": "不是网页（{type}）：{url}",
    "reason.not_html_or_feed": "既不是网页也不是订阅源（{type}）：{url}",
    "reason.truncated": "{host} 的回应不完整（只收到 {bytes} 字节）",
    "reason.unreadable_body": "{host} 的回应无法读取",
    "reason.corrupt_encoding": "压缩数据损坏（{encoding}）",
    "reason.truncated_encoding": "压缩数据不完整（{encoding}）",
    "reason.unknown_encoding": "未知的内容编码 {encoding}",
    "reason.robots": "该站的 robots.txt 不允许获取 {url}",
    "reason.robots_unreachable": "{host} 的 robots.txt 暂时无法获取，暂不访问该站：{url}",
    "reason.off_site": "{url} 不在站点 {site} 上，不获取",
    "reason.unusable_url": "无法使用的网址：{url}（{cause}）",
    "reason.invalid_url": "无效的网址：{url}",
    "reason.not_http_url": "不是 http/https 网址：{url}",
    "reason.closed": "连接已关闭",
    "reason.offline_fetch": "离线模式下不联网；联网后重试，或在线时运行 `newsreader sync` 预先缓存",
    "reason.offline_sync": "同步需要联网；不加 --offline 再运行",
    # Pages.
    "reason.no_nav": "找不到导航菜单：{url}",
    "reason.no_list": "找不到文章列表：{url}",
    "reason.no_article": "找不到文章正文：{url}",
    "reason.empty_page": "空白页面：{url}",
    "reason.unparsable": "无法解析页面",
    "reason.not_cached": "{url} 不在缓存中；联网后重试，或在线时运行 `newsreader sync` 预先缓存",
    "reason.sections_not_cached": (
        "栏目列表不在缓存中；联网后重试，或在线时运行 `newsreader sync` 预先缓存"
    ),
    # The cache.
    "reason.not_sqlite": "{path} 不是 SQLite 数据库",
    "reason.damaged": "{path} 已损坏",
    "reason.damaged_rebuilt": "{path} 已损坏，下次启动时重建",
    "reason.integrity": "{path} 未通过完整性检查",
    "reason.cannot_open": "无法打开 {path}",
    "reason.cannot_read": "无法读取 {path}（{cause}）",
    "reason.cannot_write": "无法写入 {path}",
    "reason.cannot_create_dir": "无法创建目录 {path}（{cause}）",
    "reason.not_a_dir": "{path} 不是目录",
    "reason.dir_readonly": "目录 {path} 只读",
    "reason.file_readonly": "文件 {path} 不可写",
    "reason.opened_readonly": "{path} 以只读方式打开",
    "reason.needs_write": "{path} 只读，{cause}需要写入",
    "reason.no_cache": "{path} 没有缓存",
    "reason.schema_too_new": "{path} 的格式版本 {version} 比本程序新",
    "reason.upgrade_readonly": "{path} 需要升级，但以只读方式打开",
    "reason.locked": "{path} 被另一个进程占用超过 {seconds} 秒",
    "reason.disk_full": "{path} 所在磁盘已满",
    "reason.sqlite": "{path} 出错",
    # Files.
    "reason.cannot_save": "无法写入 {path}（{cause}）",
    "reason.no_free_name": "{path} 中没有可用的文件名：{name}",
    "reason.outside": "拒绝写到 {path} 之外",
    "reason.file_gone": "文件已不存在：{path}",
    "reason.no_viewer": "{path}（无法启动 {program}）",
    "reason.viewer_failed": "{path}（{program} 无法打开它，退出码 {code}）",
    # The configuration file.
    "reason.not_toml": "{path} 第 {line} 行不是有效的 TOML",
    "reason.unknown_key": "{path}：未知设置 {key}（可用：{known}）",
    "reason.bad_value": "{path}：{key} 的值无效：{value}",
    "reason.no_config": "配置文件不存在：{path}",
    "reason.cannot_read_config": "无法读取配置文件 {path}（{cause}）",
    "reason.not_utf8": "{path} 不是 UTF-8 文本（第 {byte} 字节）",
    # What the user asked for.
    "reason.empty_url": "网址为空",
    "reason.empty_site": "站点网址为空",
    "reason.bad_site": "不能用作站点的网址：{url}（{cause}）",
    "reason.empty_section": "栏目名为空",
    "reason.ambiguous_section": "栏目 {section} 不止一个：{choices}",
    "reason.no_section": "没有栏目 {section}；可用的栏目：{choices}",
    "reason.no_list_page": "栏目 {section} 没有自己的列表页",
    "reason.not_on_site": "{url} 不在站点 {site} 上",
    "reason.list_needs_section": "列出站点的文章需要指定栏目 (见 `newsreader sections`)",
    "reason.feed_needs_section": "为站点生成订阅需要指定栏目 (见 `newsreader sections`)",
    "reason.no_section_elsewhere": (
        "没有栏目 {section}；它是 {sources} 的栏目：请加上 --source {source}"
    ),
    "reason.list_needs_section_feeds": (
        "列出站点的文章需要指定栏目 (见 `newsreader sections`)；"
        "订阅源不用栏目，只需 --source 名称（{feeds}）"
    ),
    "reason.feed_needs_section_feeds": (
        "为站点生成订阅需要指定栏目 (见 `newsreader sections`)；"
        "订阅源不用栏目，只需 --source 名称（{feeds}）"
    ),
    "reason.one_site": "{url} 不在站点 {site} 上；一次只能指定一个站点 (--site)",
    "reason.empty_query": "搜索词为空",
    "reason.prune_needs_yes": "清理前需要确认；没有终端时请加上 --yes",
    "reason.needs_terminal": "交互界面需要终端；请指定命令 (见 newsreader --help)",
    # Notes: not errors, but what the reader should know (a rebuilt cache, a page not saved).
    "note.rebuilt": (
        "缓存已损坏并已重建：保留了 {articles} 篇文章和 {marks} 个已读/收藏标记；旧文件为 {file}"
    ),
    "note.in_memory": "{error}；本次使用临时的内存缓存",
    "note.retired_key": "{path}：设置 {key} 已不再使用，会被忽略；删除它即可不再提示",
    "note.unsaved_fetched": "{error}；本次获取的页面不会保存",
    "note.unsaved_marks": "{error}；已读标记不会保存",
    # Causes named inside a reason.
    "cause.dns": "找不到该主机名",
    "cause.tls_untrusted": "TLS 证书不受信任",
    "cause.tls_handshake": "TLS 握手失败",
    "cause.refused": "连接被拒绝",
    "cause.reset": "连接被服务器重置",
    "cause.closed": "连接被服务器关闭",
    "cause.other": "连接失败",
    "cause.url_not_text": "不是文本",
    "cause.url_too_long": "网址太长",
    "cause.url_unparsable": "无法解析",
    "cause.url_not_http": "不是 http/https 网址",
    "cause.url_no_host": "没有主机名",
    "cause.url_port_not_number": "端口不是数字",
    "cause.url_port_range": "端口不在 1 到 65535 之间",
    "cause.url_host_length": "主机名为空或太长",
    "cause.url_host_characters": "主机名含有无效字符",
    "cause.url_host_idna": "主机名不能编码为 IDNA",
    "cause.url_host_ipv6": "主机不是有效的 IPv6 地址",
    "cause.url_host_ipv4": "主机不是有效的 IPv4 地址",
    "cause.url_other": "无法使用",
    "cause.disk_full": "磁盘已满",
    "cause.permission": "没有权限",
    "cause.read_only_fs": "只读文件系统",
    "cause.missing": "不存在",
    "cause.not_a_directory": "路径中有一项不是目录",
    "cause.is_a_directory": "是一个目录",
    "cause.name_too_long": "文件名太长",
    "cause.os_error": "系统错误",
    "cause.sync": "同步",
    "cause.pruning": "清理",
    "cause.vacuum": "压缩",
}

EN: Final[Mapping[str, str]] = {
    "error.error": "Error",
    "error.usage": "Usage error",
    "error.config": "Configuration error",
    "error.fetch": "Fetch failed",
    "error.network": "Network unreachable",
    "error.timeout": "Timed out",
    "error.http": "HTTP error",
    "error.redirect": "Bad redirect",
    "error.too_large": "Page too large",
    "error.content": "Bad content",
    "error.robots": "Blocked by robots.txt",
    "error.off_site": "Off-site link",
    "error.offline": "Offline",
    "error.parse": "Unrecognised page",
    "error.opml": "Cannot import the OPML file",
    "error.cache": "Cache error",
    "error.cache_corrupt": "Cache damaged",
    "error.cache_readonly": "Cache read-only",
    "error.cache_locked": "Cache busy",
    "error.save": "Cannot save",
    "error.not_cached": "Not cached",
    "error.viewer": "Attachment saved, but not opened",
    "reason.connect": "cannot connect to {host}: {cause}",
    "reason.connect_proxy": "cannot connect to {host} via the proxy in {proxy}: {cause}",
    "reason.proxy": "the proxy failed to reach {host}: {cause}",
    "reason.proxy_setting": "unusable proxy setting in {proxy}",
    "reason.socks_missing": (
        "{proxy} names a SOCKS proxy but SOCKS support is not installed "
        "(`pip install httpx[socks]`)"
    ),
    "reason.connection_lost": "connection to {host} failed: {cause}",
    "reason.connection_broken": "{host} broke the connection: {cause}",
    "reason.connect_timeout": "could not connect to {host} within {seconds} s",
    "reason.connect_timeout_proxy": (
        "could not connect to {host} through the proxy in {proxy} within {seconds} s"
    ),
    "reason.read_timeout": "{host} sent nothing for {seconds} s",
    "reason.timeout": "{host} timed out",
    "reason.deadline": "no complete answer from {host} within {seconds} s",
    "reason.stalled": "{host} stopped sending for {seconds} s mid-page",
    "reason.status": "HTTP {status} {text} for {url}",
    "reason.unexpected_304": "unexpected 304 answer for {url}",
    "reason.redirect_loop": "redirect loop from {url}",
    "reason.too_many_redirects": "too many redirects (more than {count}) from {url}",
    "reason.redirect_unusable": "unreadable redirect target from {url}",
    "reason.redirect_refused": "redirect to an unusable URL refused: {url} ({cause})",
    "reason.redirect_non_http": "redirect to a non-http(s) URL refused: {url}",
    "reason.redirect_off_site": "redirect off the site refused: {url}",
    "reason.too_large": "over {mib} MiB: {url}",
    "reason.not_html": "not a web page ({type}): {url}",
    "reason.not_html_or_feed": "neither a web page nor a feed ({type}): {url}",
    "reason.truncated": "truncated body from {host}: connection ended after {bytes} bytes",
    "reason.unreadable_body": "unreadable answer from {host}",
    "reason.corrupt_encoding": "corrupt compressed data ({encoding})",
    "reason.truncated_encoding": "incomplete compressed data ({encoding})",
    "reason.unknown_encoding": "unknown content encoding {encoding}",
    "reason.robots": "the site's robots.txt forbids {url}",
    "reason.robots_unreachable": (
        "robots.txt of {host} is unreachable, so nothing on the site is fetched for now: {url}"
    ),
    "reason.off_site": "not fetching {url}: it is not on the site {site}",
    "reason.unusable_url": "not a usable URL: {url} ({cause})",
    "reason.invalid_url": "invalid URL: {url}",
    "reason.not_http_url": "not an http(s) URL: {url}",
    "reason.closed": "the connection was closed",
    "reason.offline_fetch": (
        "not using the network while offline; connect and try again, or run "
        "`newsreader sync` while online"
    ),
    "reason.offline_sync": "sync needs the network; run it without --offline",
    "reason.no_nav": "no navigation menu on {url}",
    "reason.no_list": "no article list on {url}",
    "reason.no_article": "no article on {url}",
    "reason.empty_page": "empty page at {url}",
    "reason.unparsable": "the page cannot be parsed",
    "reason.not_cached": (
        "{url} is not in the cache; connect to the network and try again, or run "
        "`newsreader sync` while online"
    ),
    "reason.sections_not_cached": (
        "the section tree is not in the cache; connect to the network and try again, or run "
        "`newsreader sync` while online"
    ),
    "reason.not_sqlite": "{path} is not an SQLite database",
    "reason.damaged": "{path} is damaged",
    "reason.damaged_rebuilt": "{path} is damaged; it is rebuilt at the next start",
    "reason.integrity": "{path} failed its integrity check",
    "reason.cannot_open": "cannot open {path}",
    "reason.cannot_read": "cannot read {path} ({cause})",
    "reason.cannot_write": "cannot write {path}",
    "reason.cannot_create_dir": "cannot create the directory {path} ({cause})",
    "reason.not_a_dir": "{path} is not a directory",
    "reason.dir_readonly": "the directory {path} is read-only",
    "reason.file_readonly": "the file {path} is not writable",
    "reason.opened_readonly": "{path} is opened read-only",
    "reason.needs_write": "{path} is read-only and {cause} needs to write to it",
    "reason.no_cache": "no cache at {path}",
    "reason.schema_too_new": "{path} has format version {version}, newer than this newsreader",
    "reason.upgrade_readonly": "{path} needs an upgrade but is opened read-only",
    "reason.locked": "{path} stayed locked by another process for {seconds} s",
    "reason.disk_full": "the disk holding {path} is full",
    "reason.sqlite": "{path} failed",
    "reason.cannot_save": "cannot write {path} ({cause})",
    "reason.no_free_name": "no free file name for {name} in {path}",
    "reason.outside": "refusing to write outside {path}",
    "reason.file_gone": "the file is gone: {path}",
    "reason.no_viewer": "{path} ({program} cannot be started)",
    "reason.viewer_failed": "{path} ({program} could not open it, exit status {code})",
    "reason.not_toml": "{path}: not valid TOML at line {line}",
    "reason.unknown_key": "{path}: unknown setting {key} (known settings: {known})",
    "reason.bad_value": "{path}: {key}: {expected}",
    "reason.no_config": "no such configuration file: {path}",
    "reason.cannot_read_config": "cannot read the configuration file {path} ({cause})",
    "reason.not_utf8": "{path} is not UTF-8 text (byte {byte})",
    "reason.empty_url": "the URL is empty",
    "reason.empty_site": "the site URL is empty",
    "reason.bad_site": "not an http(s) site URL: {url} ({cause})",
    "reason.empty_section": "empty section name",
    "reason.ambiguous_section": "section {section} is ambiguous: {choices}",
    "reason.no_section": "no section {section}; sections are: {choices}",
    "reason.no_list_page": "section {section} has no list page of its own",
    "reason.not_on_site": "{url} is not on the site {site}",
    "reason.list_needs_section": "list needs a SECTION for a site (see `newsreader sections`)",
    "reason.feed_needs_section": "feed needs a SECTION for a site (see `newsreader sections`)",
    "reason.no_section_elsewhere": (
        "no section {section} here; it is a section of {sources}: add --source {source}"
    ),
    "reason.list_needs_section_feeds": (
        "list needs a SECTION for a site (see `newsreader sections`); "
        "a feed source takes none, only --source NAME ({feeds})"
    ),
    "reason.feed_needs_section_feeds": (
        "feed needs a SECTION for a site (see `newsreader sections`); "
        "a feed source takes none, only --source NAME ({feeds})"
    ),
    "reason.one_site": "{url} is not on the site {site}; name one site at a time (--site)",
    "reason.empty_query": "the search query is empty",
    "reason.prune_needs_yes": "pruning asks first; add --yes to prune without a terminal",
    "reason.needs_terminal": (
        "the interactive reader needs a terminal; use a COMMAND (see newsreader --help)"
    ),
    "note.rebuilt": (
        "The cache was damaged and has been rebuilt; kept {articles} articles and {marks} "
        "read/starred marks; the old file is {file}"
    ),
    "note.in_memory": "{error}; using a temporary in-memory cache this time",
    "note.retired_key": (
        "{path}: {key} is no longer used and is ignored ({why}); remove it to silence this"
    ),
    "note.unsaved_fetched": "{error}; pages fetched now are not saved",
    "note.unsaved_marks": "{error}; read marks are not saved",
    "cause.dns": "host name not found (DNS lookup failed)",
    "cause.tls_untrusted": "TLS certificate not trusted",
    "cause.tls_handshake": "TLS handshake failed",
    "cause.refused": "connection refused",
    "cause.reset": "connection reset by the server",
    "cause.closed": "connection closed by the server",
    "cause.other": "connection failed",
    "cause.url_not_text": "it is not text",
    "cause.url_too_long": "it is too long",
    "cause.url_unparsable": "it does not parse as a URL",
    "cause.url_not_http": "it is not an http(s) URL",
    "cause.url_no_host": "it has no host",
    "cause.url_port_not_number": "its port is not a number",
    "cause.url_port_range": "its port is not between 1 and 65535",
    "cause.url_host_length": "its host name is empty or too long",
    "cause.url_host_characters": "its host name has characters no host name has",
    "cause.url_host_idna": "its host name does not encode as IDNA",
    "cause.url_host_ipv6": "its host is not an IPv6 address",
    "cause.url_host_ipv4": "its host is not an IPv4 address",
    "cause.url_other": "it is not usable",
    "cause.disk_full": "disk full",
    "cause.permission": "permission denied",
    "cause.read_only_fs": "read-only file system",
    "cause.missing": "no such file or directory",
    "cause.not_a_directory": "a part of the path is not a directory",
    "cause.is_a_directory": "it is a directory",
    "cause.name_too_long": "file name too long",
    "cause.os_error": "system error",
    "cause.sync": "sync",
    "cause.pruning": "pruning",
    "cause.vacuum": "vacuum",
}
