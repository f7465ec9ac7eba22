"""The configuration file: TOML, validated strictly, applied under the command line.

The file is ``config.toml`` in the platform's config directory (``~/.config/newsreader`` on
Linux), or ``$NEWSREADER_CONFIG``, or the ``--config FILE`` option. A missing file at the default
place means defaults; a file named with ``--config`` must exist. Every key is checked: a bad value
or an unknown key (a typo) is a :class:`~newsreader.core.errors.ConfigError` that names the file
and the key, so no setting is ignored silently; a key newsreader no longer uses is ignored with a
warning, so that an old file still loads. See docs/CONFIG.md for the keys.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsreader.core.config import APP_NAME, Config
from newsreader.core.errors import ConfigError, Note, UsageError, os_cause
from newsreader.core.urls import normalize_site_url

CONFIG_ENV = "NEWSREADER_CONFIG"
CONFIG_NAME = "config.toml"
MAX_SYNC_PAGES = 1000
MAX_TIMEOUT = 600.0
MAX_BODY_MB = 1024
MIN_TEXT_WIDTH = 20
MAX_TEXT_WIDTH = 1000
# Keys of older versions, ignored when read: why each one went.
RETIRED = {"sync_workers": "sync parses pages in a thread now"}


@dataclass(frozen=True, slots=True)
class Settings:
    """What a configuration file sets; ``None`` for every key it leaves out.

    Attributes:
        path: The file the settings came from, ``None`` when no file was read.
        notes: What the reader should know about the file (a key no longer used).
    """

    path: Path | None = None
    notes: tuple[Note, ...] = ()
    site_url: str | None = None
    lang: str | None = None
    theme: str | None = None
    sync_pages: int | None = None
    polite_delay: float | None = None
    download_dir: Path | None = None
    retention_days: int | None = None
    timeout: float | None = None
    max_body_mb: int | None = None
    text_width: int | None = None

    def apply(self, config: Config) -> Config:
        """Return ``config`` with every key this file sets applied to it."""
        changes: dict[str, Any] = {}
        names = (
            "site_url",
            "lang",
            "theme",
            "sync_pages",
            "download_dir",
            "retention_days",
            "text_width",
        )
        for name in names:
            value = getattr(self, name)
            if value is not None:
                changes[name] = value
        fetch = config.fetch
        if self.polite_delay is not None:
            fetch = dataclasses.replace(fetch, polite_delay=self.polite_delay)
        if self.timeout is not None:
            # One number for the user: the whole-request deadline, which also bounds the
            # connect and read timeouts (a longer one of those could never take effect).
            fetch = dataclasses.replace(
                fetch,
                deadline=self.timeout,
                connect_timeout=min(fetch.connect_timeout, self.timeout),
                read_timeout=min(fetch.read_timeout, self.timeout),
            )
        if self.max_body_mb is not None:
            fetch = dataclasses.replace(fetch, max_body=self.max_body_mb * 1024 * 1024)
        return dataclasses.replace(config, fetch=fetch, **changes)


def default_config_path() -> Path:
    """Return ``$NEWSREADER_CONFIG`` or the platform's ``…/newsreader/config.toml``."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME


# --- validators: each returns the value or raises ValueError with "what is wrong" -----------


def _show(value: object) -> str:
    """Show a TOML value as the user wrote it (``'fast'``, ``true``, ``3``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _int_range(low: int, high: int | None) -> Callable[[object], int]:
    if high is None:
        text = f"an integer of at least {low}"
    else:
        text = f"an integer between {low} and {high}"

    def check(value: object) -> int:
        # bool is an int subclass in Python; `true` is never a count.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be {text}, got {_show(value)}")
        if value < low or (high is not None and value > high):
            raise ValueError(f"must be {text}, got {value}")
        return value

    return check


def _float_range(low: float, high: float, *, open_low: bool = False) -> Callable[[object], float]:
    text = f"a number between {low:g} and {high:g}"
    if open_low:
        text = f"a number above {low:g} and at most {high:g}"

    def check(value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be {text}, got {_show(value)}")
        number = float(value)
        too_low = number <= low if open_low else number < low
        if math.isnan(number) or too_low or number > high:
            raise ValueError(f"must be {text}, got {value}")
        return number

    return check


def _site_url(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be the site's http(s) URL as a string, got {_show(value)}")
    try:
        return normalize_site_url(value)
    except UsageError:
        raise ValueError(f"must be an http(s) URL, got {value!r}") from None


def _lang(value: object) -> str:
    if value not in ("zh", "en"):
        raise ValueError(f'must be "zh" or "en", got {_show(value)}')
    assert isinstance(value, str)
    return value


def _theme(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a theme name (a non-empty string), got {_show(value)}")
    return value.strip()


def _text_width(value: object) -> int:
    # Refused rather than clamped, like every other key: a measure of 5 cells (two CJK
    # characters a line) or a negative one is a typo, and the file is checked strictly.
    text = (
        f"must be 0 (the full width) or an integer between {MIN_TEXT_WIDTH} and "
        f"{MAX_TEXT_WIDTH} (cells), got {_show(value)}"
    )
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(text)
    if value != 0 and not MIN_TEXT_WIDTH <= value <= MAX_TEXT_WIDTH:
        raise ValueError(text)
    return value


_VALIDATORS: Mapping[str, Callable[[object], Any]] = {
    "site_url": _site_url,
    "lang": _lang,
    "theme": _theme,
    "sync_pages": _int_range(1, MAX_SYNC_PAGES),
    "polite_delay": _float_range(0.0, 60.0),
    "download_dir": lambda value: value,  # resolved against the file's directory below
    "retention_days": _int_range(0, None),
    "timeout": _float_range(0.0, MAX_TIMEOUT, open_low=True),
    "max_body_mb": _int_range(1, MAX_BODY_MB),
    "text_width": _text_width,
}
KEYS = tuple(_VALIDATORS)


def _download_dir(value: object, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a directory path as a string, got {_show(value)}")
    path = Path(value.strip()).expanduser()
    # A relative path means the same thing wherever newsreader is started from.
    return path if path.is_absolute() else base / path


def parse_settings(text: str, path: Path) -> Settings:
    """Parse and validate the TOML ``text`` of the file at ``path``.

    Raises:
        ConfigError: A syntax error (with its line), an unknown key, or a bad value.
    """
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        raise ConfigError(
            f"{path}: not valid TOML: {err}",
            reason="not_toml",
            facts={"path": str(path), "line": line.group(1) if line else "?"},
        ) from err
    values: dict[str, Any] = {}
    notes: list[Note] = []
    for key, value in data.items():
        if key in RETIRED:
            # Noted, not raised: the file worked with the version that wrote it.
            text = (
                f"{path}: {key} is no longer used and is ignored ({RETIRED[key]}); "
                "remove it to silence this"
            )
            facts = {"path": str(path), "key": key, "why": RETIRED[key]}
            notes.append(Note(text, key="note.retired_key", facts=facts))
            continue
        check = _VALIDATORS.get(key)
        if check is None:
            known = ", ".join(KEYS)
            raise ConfigError(
                f"{path}: {key}: unknown setting (known settings: {known})",
                reason="unknown_key",
                facts={"path": str(path), "key": key, "known": known},
            )
        try:
            if key == "download_dir":
                values[key] = _download_dir(value, path.parent)
            else:
                values[key] = check(value)
        except ValueError as err:
            raise ConfigError(
                f"{path}: {key}: {err}",
                reason="bad_value",
                facts={
                    "path": str(path),
                    "key": key,
                    "value": _show(value)[:80],
                    # What the key takes, in English: only the English text names it.
                    "expected": str(err),
                },
            ) from None
    return Settings(path=path, notes=tuple(notes), **values)


def load_settings(path: Path | None = None) -> Settings:
    """Read the configuration file.

    Args:
        path: The ``--config FILE`` option; it must exist. ``None`` reads
            :func:`default_config_path`, which may be missing (all defaults then).

    Raises:
        ConfigError: The file cannot be read or is invalid.
    """
    required = path is not None
    target = path.expanduser() if path is not None else default_config_path()
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        if required:
            raise ConfigError(
                f"{target}: no such configuration file",
                reason="no_config",
                facts={"path": str(target)},
            ) from None
        return Settings()
    except OSError as err:
        raise ConfigError(
            f"{target}: cannot read: {err.strerror or err}",
            reason="cannot_read_config",
            facts={"path": str(target), "cause": os_cause(err)},
        ) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ConfigError(
            f"{target}: not UTF-8 text (byte {err.start})",
            reason="not_utf8",
            facts={"path": str(target), "byte": err.start},
        ) from None
    return parse_settings(text, target)
