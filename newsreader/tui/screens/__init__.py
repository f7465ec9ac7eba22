"""Screens of the TUI: the main three-pane screen and its modal helpers."""
