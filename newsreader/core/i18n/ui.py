"""The TUI's strings (panes, notices, key descriptions), in Chinese and English.

Values may hold ``str.format`` fields; they never hold Textual markup, because some are combined
with text from web pages. The labels of article metadata (``reader.source``, ``reader.prev``…)
are not written here: they come from :mod:`newsreader.core.render.labels`, which the CLI and the
exports use too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Final

from newsreader.core.render.labels import LABELS, Labels


def _reader_labels(labels: Labels) -> dict[str, str]:
    """The core's metadata labels as ``reader.*`` strings."""
    return {
        f"reader.{field.name}": getattr(labels, field.name) for field in dataclasses.fields(labels)
    }


ZH: Final[Mapping[str, str]] = {
    **_reader_labels(LABELS["zh"]),
    "app.title": "新闻阅读器",
    "status.online": "在线",
    "status.offline": "离线",
    "status.network_down": "离线 (网络不可用)",
    "status.loading": "加载中…",
    "status.position": "第 {index}/{count} 篇",
    "status.progress": "{percent}%",
    "status.fetched": "{time} 更新",
    "notify.refreshed": "已刷新：{time} 获取",
    "pane.sections": "栏目",
    "pane.list": "文章列表",
    "pane.reader": "正文",
    "tree.starred": "★ 已收藏",
    "tree.new": "新 {count}",
    "list.empty": "选择栏目以查看文章列表 (按 \\ 显示或隐藏栏目)",
    "list.empty_section": "该栏目没有文章",
    "list.no_sections": "无法载入栏目，按 r 重试 (已同步的内容可用 --offline 阅读)：{message}",
    "list.no_sections_offline": (
        "离线模式下无法载入栏目：{message}\n按 Ctrl+O 切换到在线模式，再按 r 重试。"
    ),
    "list.loading_more": "正在加载下一页…",
    "list.loading_to_end": "正在加载到列表末尾… 第 {page} 页",
    "list.count": "未读 {unread}/{listed}",
    "list.count_total": "未读 {unread}/{listed} · 共 {total} 条",
    "reader.empty": "选择一篇文章阅读。按 ? 查看全部按键。",
    "reader.loading": "正在加载…",
    "reader.leave_full_screen": "Esc 或 z 退出全屏",
    "reader.not_cached_title": "未缓存",
    "reader.not_cached_body": (
        "这篇文章不在本地缓存中，离线时无法阅读。\n\n"
        "• 连接网络后按 r 重新加载；或\n"
        "• 在线时按 S 保存本栏目，或运行 `newsreader sync` 预先缓存文章。"
    ),
    "reader.not_cached_offline_body": (
        "现在是离线模式，这篇文章不在本地缓存中。\n\n"
        "• 按 Ctrl+O 切换到在线模式，再按 r 加载；或\n"
        "• 在线时按 S 保存本栏目，或运行 `newsreader sync` 预先缓存文章。"
    ),
    "reader.failed_title": "无法加载文章",
    "reader.failed_body": "{message}\n\n按 r 重试。",
    "reader.stale": "(缓存副本，网络不可用)",
    "reader.links_hint": "按 l 或回车选择本文的 {count} 个链接/附件",
    "links.title": "链接与附件",
    "links.hint": "数字键 1–9 直接选择 · 回车打开 · Esc 关闭",
    "key.links": "链接/附件",
    "search.title": "搜索缓存",
    "search.placeholder": "输入关键词，回车打开结果，Esc 返回",
    "search.none": "没有匹配的缓存文章",
    "search.count": "{count} 条结果",
    "search.cut": "只搜索前 {max} 个字符",
    "confirm.title": "在浏览器中打开？",
    "confirm.open": "打开 (y)",
    "confirm.cancel": "取消 (n)",
    "confirm.bad_scheme": "只能打开 http/https 链接，不打开: {url}",
    "help.title": "按键帮助",
    "help.close": "按 Esc 或 ? 关闭",
    "help.marks": "列表标记：● 未读  ★ 已收藏  ✓ 已缓存(可离线阅读)  ↗ 站外链接",
    "help.counts": (
        "栏目计数：(3/20 · 新 2) 即列出的 20 篇中 3 篇未读，其中 2 篇是上次保存栏目时新增的；"
        "列表标题的「未读 3/20」同义"
    ),
    "notify.clipboard_sent": "已发送到终端剪贴板",
    "notify.starred": "已收藏",
    "notify.unstarred": "已取消收藏",
    "notify.nothing": "没有选中的文章",
    "notify.opening": "正在打开浏览器…",
    "notify.browser_failed": "无法打开浏览器",
    "notify.browser_failed_url": "{url}（已发送到终端剪贴板；可用 $BROWSER 指定浏览器）",
    "notify.no_more": "已经是最后一篇",
    "notify.no_prev": "已经是第一篇",
    "notify.refreshing": "正在刷新…",
    "notify.unexpected": "意外错误",
    "notify.unknown_theme": "没有名为 {name} 的主题，使用 {default}",
    "notify.offline_on": "已切换到离线模式",
    "notify.offline_off": "已切换到在线模式",
    "sync.label": "保存「{title}」供离线阅读 · {phase} {done}/{total}",
    "sync.phase.sections": "栏目",
    "sync.phase.lists": "列表页",
    "sync.phase.articles": "文章",
    "sync.cancel_hint": "按 Esc 取消",
    "sync.busy": "正在保存一个栏目，请稍候 (Esc 取消)",
    "sync.no_section": "请先选择一个栏目",
    "sync.offline": "离线模式下无法保存栏目；按 Ctrl+O 切换到在线模式",
    "sync.cancelled": "已取消保存；已保存的文章仍可离线阅读",
    "sync.done": "栏目已保存供离线阅读",
    "sync.summary": "新增 {new}，更新 {updated}，未变 {unchanged}，失败 {failed}",
    "confirm.viewer": "用系统查看器打开？",
    "notify.marked_read": "已将本栏目 {count} 篇未读文章标为已读",
    "notify.marked_all_read": "已将全部 {count} 篇未读文章标为已读",
    "notify.nothing_unread": "本栏目没有未读文章",
    "notify.marks_unsaved": "已读标记未能保存",
    "notify.no_unread": "没有未读文章",
    "notify.wrapped_first": "已从第一个栏目重新查找未读",
    "notify.wrapped_last": "已从最后一个栏目重新查找未读",
    "confirm.mark_all": "将全部栏目的 {count} 篇未读文章标为已读？",
    "confirm.mark_all_detail": "已列出的文章共 {total} 篇，无论是否已缓存",
    "confirm.mark": "标为已读 (y)",
    "notify.downloading": "正在下载：{name}",
    "notify.saved": "附件已保存",
    "notify.saved_no_viewer": "{path}（没有可打开它的系统查看器）",
    # Binding descriptions (footer, help screen, command palette).
    "key.next_pane": "下一窗格",
    "key.prev_pane": "上一窗格",
    "key.move": "上下移动",
    "key.open": "打开",
    "key.collapse": "折叠",
    "key.collapse_expand": "折叠/展开栏目",
    "key.top_bottom": "到顶部/底部",
    "key.expand": "展开",
    "key.page_down": "向下翻页",
    "key.page_up": "向上翻页",
    "key.next": "下一条",
    "key.prev": "上一条",
    "key.next_unread": "下一篇未读",
    "key.prev_unread": "上一篇未读",
    "key.mark_all_read": "全部栏目标为已读",
    "key.top": "顶部",
    "key.bottom": "底部",
    "key.refresh": "刷新",
    "key.browser": "浏览器打开",
    "key.copy": "复制链接",
    "key.search": "搜索",
    "key.star": "收藏",
    "key.help": "帮助",
    "key.back": "返回",
    "key.quit": "退出",
    "key.sidebar": "侧栏",
    "key.maximize": "全屏阅读",
    "key.offline": "在线/离线",
    "key.sync": "保存栏目供离线阅读",
    "key.mark_read": "本栏目全部标为已读",
    "key.palette": "命令面板",
    "palette.prompt": "搜索命令…",
    "key.palette_footer": "命令",
    "palette.keys": "按键：{keys}",
}

EN: Final[Mapping[str, str]] = {
    **_reader_labels(LABELS["en"]),
    "app.title": "newsreader",
    "status.online": "online",
    "status.offline": "offline",
    "status.network_down": "offline (network unreachable)",
    "status.loading": "loading…",
    "status.position": "{index}/{count}",
    "status.progress": "{percent}%",
    "status.fetched": "updated {time}",
    "notify.refreshed": "Refreshed: fetched at {time}",
    "pane.sections": "Sections",
    "pane.list": "Articles",
    "pane.reader": "Reader",
    "tree.starred": "★ Starred",
    "tree.new": "{count} new",
    "list.empty": "Pick a section to list its articles (\\ shows or hides the sections)",
    "list.empty_section": "This section has no articles",
    "list.no_sections": "Could not load the sections; press r to retry (what was synced "
    "reads with --offline): {message}",
    "list.no_sections_offline": (
        "Cannot load the sections while offline: {message}\n"
        "Press Ctrl+O to go online, then r to try again."
    ),
    "list.loading_more": "Loading the next page…",
    "list.loading_to_end": "Loading to the end of the list… page {page}",
    "list.count": "{unread}/{listed} unread",
    "list.count_total": "{unread}/{listed} unread · {total} in all",
    "reader.empty": "Pick an article to read. Press ? for all keys.",
    "reader.loading": "Loading…",
    "reader.leave_full_screen": "Esc or z leaves full screen",
    "reader.not_cached_title": "Not cached",
    "reader.not_cached_body": (
        "This article is not in the local cache, so it cannot be read offline.\n\n"
        "• connect to the network and press r to load it; or\n"
        "• while online, press S to save this section, or run `newsreader sync` to cache "
        "articles ahead of time."
    ),
    "reader.not_cached_offline_body": (
        "You are offline and this article is not in the local cache.\n\n"
        "• press Ctrl+O to go online, then r to load it; or\n"
        "• while online, press S to save this section, or run `newsreader sync` to cache "
        "articles ahead of time."
    ),
    "reader.failed_title": "Could not load the article",
    "reader.failed_body": "{message}\n\nPress r to try again.",
    "reader.stale": "(cached copy; network unreachable)",
    "reader.links_hint": "Press l or Enter to pick one of this article's {count} links/attachments",
    "links.title": "Links and attachments",
    "links.hint": "1–9 choose directly · Enter opens · Esc closes",
    "key.links": "Links",
    "search.title": "Search the cache",
    "search.placeholder": "Type words; Enter opens a result, Esc goes back",
    "search.none": "No cached article matches",
    "search.count": "{count} results",
    "search.cut": "Searched the first {max} characters only",
    "confirm.title": "Open in the browser?",
    "confirm.open": "Open (y)",
    "confirm.cancel": "Cancel (n)",
    "confirm.bad_scheme": "Only http/https links can be opened, not: {url}",
    "help.title": "Keys",
    "help.close": "Press Esc or ? to close",
    "help.marks": "List marks: ● unread  ★ starred  ✓ cached (readable offline)  ↗ off-site link",
    "help.counts": (
        "Section counts: (3/20 · 2 new) means 3 of the 20 articles listed are unread, 2 of them "
        "brought by the section's last save; the list title's \"3/20 unread\" is the same"
    ),
    "notify.clipboard_sent": "Sent to the terminal's clipboard",
    "notify.starred": "Starred",
    "notify.unstarred": "Unstarred",
    "notify.nothing": "No article selected",
    "notify.opening": "Opening the browser…",
    "notify.browser_failed": "Could not open a browser",
    "notify.browser_failed_url": (
        "{url} (sent to the terminal's clipboard; set $BROWSER to choose a browser)"
    ),
    "notify.no_more": "This is the last article",
    "notify.no_prev": "This is the first article",
    "notify.refreshing": "Refreshing…",
    "notify.unexpected": "Unexpected error",
    "notify.unknown_theme": "No theme named {name}; using {default}",
    "notify.offline_on": "Switched to offline mode",
    "notify.offline_off": "Switched to online mode",
    "sync.label": "Saving “{title}” for offline · {phase} {done}/{total}",
    "sync.phase.sections": "sections",
    "sync.phase.lists": "list pages",
    "sync.phase.articles": "articles",
    "sync.cancel_hint": "Esc cancels",
    "sync.busy": "A section is being saved; please wait (Esc cancels)",
    "sync.no_section": "Pick a section first",
    "sync.offline": "Cannot save a section while offline; Ctrl+O goes online",
    "sync.cancelled": "Saving cancelled; the articles saved so far stay readable offline",
    "sync.done": "Section saved for offline reading",
    "sync.summary": "{new} new, {updated} updated, {unchanged} unchanged, {failed} failed",
    "confirm.viewer": "Open with the system viewer?",
    "notify.marked_read": "Marked the {count} unread articles of this section read",
    "notify.marked_all_read": "Marked all {count} unread articles read",
    "notify.nothing_unread": "Nothing unread in this section",
    "notify.marks_unsaved": "The read marks could not be saved",
    "notify.no_unread": "No unread articles",
    "notify.wrapped_first": "Wrapped around: searching from the first section",
    "notify.wrapped_last": "Wrapped around: searching from the last section",
    "confirm.mark_all": "Mark the {count} unread articles of every section read?",
    "confirm.mark_all_detail": "{total} articles listed, cached or not",
    "confirm.mark": "Mark read (y)",
    "notify.downloading": "Downloading: {name}",
    "notify.saved": "Attachment saved",
    "notify.saved_no_viewer": "{path} (no system viewer to open it)",
    "key.next_pane": "Next pane",
    "key.prev_pane": "Previous pane",
    "key.move": "Move",
    "key.open": "Open",
    "key.collapse": "Collapse",
    "key.collapse_expand": "Collapse/expand a section",
    "key.top_bottom": "Top/bottom",
    "key.expand": "Expand",
    "key.page_down": "Page down",
    "key.page_up": "Page up",
    "key.next": "Next article",
    "key.prev": "Previous article",
    "key.next_unread": "Next unread",
    "key.prev_unread": "Previous unread",
    "key.mark_all_read": "Mark every section read",
    "key.top": "Top",
    "key.bottom": "Bottom",
    "key.refresh": "Refresh",
    "key.browser": "Open in browser",
    "key.copy": "Copy URL",
    "key.search": "Search",
    "key.star": "Star",
    "key.help": "Help",
    "key.back": "Back",
    "key.quit": "Quit",
    "key.sidebar": "Sidebar",
    "key.maximize": "Full-screen reader",
    "key.offline": "Online/offline",
    "key.sync": "Save this section for offline",
    "key.mark_read": "Mark this section read",
    "key.palette": "Command palette",
    "palette.prompt": "Search for commands…",
    "key.palette_footer": "palette",
    "palette.keys": "Keys: {keys}",
}
