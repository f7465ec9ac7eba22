"""The fetching layer: an httpx client wrapper with caps, a deadline, redirects and retries.

Import :class:`newsreader.core.http.fetcher.Fetcher` where the network is needed; this package's
``__init__`` imports nothing, so the offline path never loads httpx.
"""
