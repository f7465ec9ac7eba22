"""Widgets of the TUI: the section tree, the virtual article list and the reader."""
