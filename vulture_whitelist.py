"""Names the dead-code pass (``make deadcode``) must not report: each is used, by a caller it
cannot see. Only true false positives belong here, one line each with its why; framework naming
patterns (Textual's on_*/action_*, pytest's pytestmark) are in pyproject.toml [tool.vulture].

This file is read by vulture, never run or imported.
"""

# ruff: noqa
# Context-manager protocol: __exit__ receives these whether it looks at them or not.
exc_type
tb

# PEP 562: Python calls a module's __getattr__ for a name it lacks (newsreader.demo's lazy import).
__getattr__

# http.server / socketserver read these class attributes and call these methods by name.
_.protocol_version
_.server_version
_.sys_version
_.disable_nagle_algorithm
_.daemon_threads
_.log_message
_.do_GET
_.do_HEAD

# html.parser.HTMLParser calls it for each start tag (tests that parse our HTML output).
_.handle_starttag
# httpx calls a transport's handle_async_request (tests' fake transports).
_.handle_async_request
# The import system calls a meta-path finder's find_spec (a test that blocks an import).
_.find_spec

# Textual reads these widget attributes once set: titles on borders, scroll extent, tree looks,
# the highlighted option of an OptionList, whether an Input's cursor blinks.
_.border_title
_.border_subtitle
_.virtual_size
_.show_root
_.guide_depth
_.highlighted
_.cursor_blink
# The command palette's countdown (overridden to say "no matches" in the UI's language): Textual
# calls the method and reads the attributes it sets.
_._start_no_matches_countdown
_._list_visible
_._no_matches_timer
# Textual asks a widget of auto height how many lines it needs (the title line's wrapping).
_.get_content_height

# pytest runs autouse fixtures without any test naming them.
no_user_config
_no_user_config
_no_proxies
english_messages
_pinned_clock

# expat calls the handlers set on its parser.
_.StartElementHandler
_.EntityDeclHandler
