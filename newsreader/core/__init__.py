"""UI-free core: fetching, parsing, caching and the service that combines them.

Nothing here imports Textual (a test proves it) and nothing happens on import.
"""
