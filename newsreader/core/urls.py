"""URL rules: what a fetchable URL is, what the same site is, a site's base URL.

Every URL that comes from a page or from the user is judged here, in one place:

* a **fetchable URL** (:func:`url_problem`) is ``http``/``https``, at most
  :data:`MAX_URL_LENGTH` characters, with a host that encodes (IDNA labels of 1-63 characters,
  253 in all; a bracketed host is an IPv6 address) and a port, when given, of 1-65535;
* the **same site** (:func:`same_site`) is the same host (``www.`` or not, IDNA or Unicode) and
  the same port: ``http`` on port 80 and ``https`` on 443 are one site (VSB sites mix them), an
  explicit other port is only its own scheme on that port.

Which URLs name one article is the source's to say (:mod:`newsreader.core.sources`).

Nothing here raises on any input but :func:`normalize_site_url`, :func:`check_url` and
:func:`resolve_url`, which judge what the user typed and raise :class:`UsageError`.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

from newsreader.core.errors import UsageError

MAX_URL_LENGTH = 8192
"""Characters of a fetchable URL: longer ones no common server accepts in a request line."""
HTTP_SCHEMES = frozenset(("http", "https"))
DEFAULT_PORTS = {"http": 80, "https": 443}

_IPV4_LIKE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?")
_MAX_HOST = 253
_CACHED_LENGTH = 512

SiteKey = tuple[str, str, int]
"""``(host, scheme, port)`` naming a site; scheme ``""`` and port 0 for http/https on their
default ports."""


@lru_cache(maxsize=256)
def _host_problem(host: str, bracketed: bool) -> tuple[str | None, str]:
    """Return ``(problem, ascii host)`` of a lower-case host name (problem ``None`` when fine)."""
    if bracketed:
        try:
            return None, str(ipaddress.IPv6Address(host))
        except ValueError:
            return "its host is not an IPv6 address", ""
    if _IPV4_LIKE.fullmatch(host):
        try:
            return None, str(ipaddress.IPv4Address(host))
        except ValueError:
            return "its host is not an IPv4 address", ""
    try:
        # The codec checks what the resolver will: every label 1-63 characters once encoded.
        encoded = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return "its host name does not encode as IDNA", ""
    bare = encoded.removesuffix(".")
    if not bare or len(bare) > _MAX_HOST:
        return "its host name is empty or too long", ""
    if not all(_LABEL.fullmatch(label) for label in bare.split(".")):
        return "its host name has characters no host name has", ""
    return None, bare


def _port_text(netloc: str) -> str | None:
    """Return the port as written in ``netloc`` ('' when none), ``None`` when malformed."""
    hostport = netloc.rpartition("@")[2]
    if hostport.startswith("["):
        _, _, after = hostport.partition("]")
        if not after:
            return ""
        return after[1:] if after.startswith(":") else None
    return hostport.partition(":")[2]


def _split(url: str) -> tuple[str | None, SiteKey | None]:
    """Return ``(problem, site key)`` of ``url``: exactly one of them is ``None``."""
    if not isinstance(url, str):
        return "it is not text", None
    if len(url) > MAX_URL_LENGTH:
        return f"it is longer than {MAX_URL_LENGTH} characters", None
    if len(url) <= _CACHED_LENGTH:
        return _split_cached(url)
    return _split_text(url)


@lru_cache(maxsize=1024)
def _split_cached(url: str) -> tuple[str | None, SiteKey | None]:
    # A parser asks about the same few dozen links (and the page's own URL) many times over.
    return _split_text(url)


def _split_text(url: str) -> tuple[str | None, SiteKey | None]:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "it does not parse as a URL", None
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES:
        return "it is not an http(s) URL", None
    if not host:
        return "it has no host", None
    port_text = _port_text(parts.netloc)
    port: int | None = None
    if port_text is None or (port_text and not ascii_digits(port_text)):
        return "its port is not a number", None
    if port_text:
        # Never int() an unbounded digit string: Python refuses those of over 4,300 digits.
        port = int(port_text) if len(port_text) <= 5 else 0
        if not 1 <= port <= 65535:
            return "its port is not between 1 and 65535", None
    problem, ascii_host = _host_problem(host, "[" in parts.netloc.rpartition("@")[2])
    if problem is not None:
        return problem, None
    site_host = ascii_host.removeprefix("www.")
    if port is None or port == DEFAULT_PORTS[scheme]:
        return None, (site_host, "", 0)
    return None, (site_host, scheme, port)


_PROBLEM_CAUSES = {
    "it is not text": "url_not_text",
    "it is longer than": "url_too_long",
    "it does not parse as a URL": "url_unparsable",
    "it is not an http(s) URL": "url_not_http",
    "it has no host": "url_no_host",
    "its port is not a number": "url_port_not_number",
    "its port is not between 1 and 65535": "url_port_range",
    "its host name is empty or too long": "url_host_length",
    "its host name has characters no host name has": "url_host_characters",
    "its host name does not encode as IDNA": "url_host_idna",
    "its host is not an IPv6 address": "url_host_ipv6",
    "its host is not an IPv4 address": "url_host_ipv4",
}


def problem_cause(problem: str) -> str:
    """Return the key (``cause.*`` in the translation table) of a :func:`url_problem` answer."""
    return next(
        (key for text, key in _PROBLEM_CAUSES.items() if problem.startswith(text)), "url_other"
    )


def url_problem(url: str) -> str | None:
    """Return why ``url`` is not a fetchable http(s) URL (``"its port is …"``), else ``None``."""
    return _split(url)[0]


def is_http_url(url: str) -> bool:
    """True when ``url`` is a fetchable absolute http or https URL (see :func:`url_problem`)."""
    return _split(url)[0] is None


def site_key(url: str) -> SiteKey | None:
    """Return what names the site of ``url`` (host and port; see :func:`same_site`), or ``None``.

    ``None`` when ``url`` is not a fetchable URL.
    """
    return _split(url)[1]


def same_site(url: str, base: str) -> bool:
    """True when ``url`` is a fetchable URL on the site of ``base``.

    The same site is the same host (with or without ``www.``) on the same port: ``http`` on 80
    and ``https`` on 443 are one site (VSB sites link both), while an explicit other port is its
    own site, reached only with its own scheme.
    """
    key = _split(url)[1]
    return key is not None and key == _split(base)[1]


def site_root(url: str) -> str:
    """Return ``scheme://host[:port]/`` of a fetchable ``url`` (its site's base URL).

    Raises:
        UsageError: When ``url`` is not a fetchable URL.
    """
    check_url(url)
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2].lower()
    return urlunsplit((parts.scheme.lower(), host, "/", "", ""))


def check_url(url: str, what: str = "URL") -> str:
    """Return ``url`` when it is a fetchable URL.

    Raises:
        UsageError: Saying why it is not, in one line.
    """
    problem = url_problem(url)
    if problem is not None:
        raise UsageError(
            f"not a usable {what}: {_shown(url)} ({problem})",
            reason="unusable_url",
            facts={"url": _shown(url), "cause": problem_cause(problem)},
        )
    return url


def resolve_url(text: str, base: str, what: str = "URL") -> str:
    """Return what the user typed as an absolute, fetchable URL (relative to ``base``).

    Raises:
        UsageError: When it is empty or does not make a fetchable URL.
    """
    ref = text.strip()
    if not ref:
        raise UsageError(f"the {what} is empty", reason="empty_url")
    try:
        url = ref if urlsplit(ref).scheme else urljoin(base, ref)
    except ValueError:
        url = ref
    return check_url(url, what)


def normalize_site_url(url: str) -> str:
    """Return the site's base URL with a scheme and a trailing slash.

    Args:
        url: What the user gave, e.g. ``www.chinaafse.cn`` or ``https://x.edu.cn/sub``.

    Raises:
        UsageError: When it is not a fetchable http(s) URL (see :func:`url_problem`).
    """
    text = url.strip() if isinstance(url, str) else ""
    if not text:
        raise UsageError("the site URL is empty", reason="empty_site")
    if "://" not in text:
        scheme, colon, rest = text.partition(":")
        if colon and scheme.isalpha() and not rest.partition("/")[0].isdigit():
            # ``javascript:…``, ``mailto:…``: a scheme, not ``host:port``.
            raise UsageError(
                f"not an http(s) site URL: {_shown(url)}",
                reason="bad_site",
                facts={"url": _shown(url), "cause": "url_not_http"},
            )
        text = "https://" + text
    problem = url_problem(text)
    if problem is not None:
        raise UsageError(
            f"not an http(s) site URL: {_shown(url)} ({problem})",
            reason="bad_site",
            facts={"url": _shown(url), "cause": problem_cause(problem)},
        )
    parts = urlsplit(text)
    path = parts.path or "/"
    if not path.endswith("/"):
        last = path.rsplit("/", 1)[-1]
        # "…/index.htm" names a page of the site; its directory is the base.
        path = path.rsplit("/", 1)[0] + "/" if "." in last else path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def host_of(url: str) -> str:
    """Return the lower-case host of ``url`` without a leading ``www.`` (empty if none)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def ascii_digits(text: str) -> bool:
    """True when ``text`` is ASCII digits only (``str.isdigit`` also takes ``²`` and ``٣``)."""
    return text.isascii() and text.isdigit()


def _shown(text: object) -> str:
    """Return user input for a one-line message: quoted, control characters escaped, cut."""
    shown = repr(text)
    return shown if len(shown) <= 200 else shown[:199] + "…"
