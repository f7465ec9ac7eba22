"""Articles rendered for people: one dispatch over block kinds, four outputs.

:mod:`.dispatch` sends each body block to the method of a :class:`~.dispatch.BlockWriter` named
after its kind; :mod:`.text` (the CLI's ``read``), :mod:`.markdown` (``read --markdown``, export),
:mod:`.html` (export) and the TUI's reader (``newsreader.tui.render``) are such writers.
:mod:`.labels` holds the metadata labels (来源, 上一条…) in every language, for all of them.

Adding a block kind: add it to ``BlockKind`` in :mod:`newsreader.core.models`; mypy then points
at the ``match`` in :mod:`.dispatch`, and from there at every writer that lacks the new method.
"""
