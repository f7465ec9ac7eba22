"""Fuzzing (issue case 17): mutated demo and sample VSB pages against the parsers and the sanitizer.

The parsers may only raise ParseError, and every string they hand out is sanitized; the sanitizer
leaves no C0 (but TAB and LF), no C1, no ESC, no bidi control, and is idempotent.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_samples import SAMPLES

from newsreader.core.errors import ParseError
from newsreader.core.parse import parse_article, parse_list, parse_sections
from newsreader.core.sanitize import clean_line, clean_paragraph, clean_text
from newsreader.demo.site import DemoSite

URL = "http://127.0.0.1:1/info/1001/2707.htm"
_SITE = DemoSite()


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("gb18030", "replace")


def _seeds() -> list[str]:
    paths = ["/", "/xwzx/xw.htm", "/" + _SITE.articles[0].path, "/" + _SITE.articles[-1].path]
    pages = [_decode(r.body) for p in paths if (r := _SITE.resolve(p)) is not None]
    if SAMPLES.is_dir():
        pages += [f.read_text("utf-8", "replace") for f in sorted(SAMPLES.glob("*.html"))[:6]]
    return pages


SEEDS = _seeds()
HOSTILE = [
    "&#27;[31m",
    "\x1b]52;c;QUJD\x07",
    "&#155;",
    "\u202e",
    "\u200b",
    "\x9b2J",
    "\x00",
    "<div>" * 50,
    "</p></div></form>",
    "<![CDATA[",
    "<!--",
    "&#x1b;]8;;x\x1b\\",
    "\ud800",
    "<a href='javascript:alert(1)'>",
    "<table><td>",
    "<li>",
    "\r\n",
    "&#0;",
    "&#xD800;",
]
BAD = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "cut", "dup"]))
        if action == "insert":
            piece = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)))
            text = text[:at] + piece + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 500)) :]
        elif action == "cut":
            text = text[:at]
        else:
            size = draw(st.integers(1, 2000))
            text = text[:at] + text[at : at + size] * 3 + text[at:]
    return text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(mutated())
def test_parsers_raise_only_parse_error_and_hand_out_clean_text(html: str) -> None:
    for parse in (parse_article, parse_list, parse_sections):
        try:
            result = parse(html, URL)
        except ParseError:
            continue
        for text in _strings(result):
            assert not BAD.search(text), (parse.__name__, text[:80])


CONTROL = (
    st.characters(min_codepoint=0, max_codepoint=0x20)
    | st.characters(min_codepoint=0x7F, max_codepoint=0xA0)
    | st.sampled_from(
        list(
            "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u2028\u3000"
        )
    )
)
NASTY = st.lists(
    st.one_of(
        CONTROL,
        st.sampled_from([*HOSTILE, "[", "]", "\\", ";", "m", "P", "c"]),
        st.text(max_size=5),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(NASTY)
def test_sanitizer_output_is_clean_and_idempotent(text: str) -> None:
    for clean in (clean_text, clean_line, clean_paragraph):
        once = clean(text)
        assert not BAD.search(once), repr(once)
        assert "\x1b" not in once
        assert clean(once) == once, (clean.__name__, repr(text), repr(once))
    assert "\n" not in clean_line(text) and "\t" not in clean_line(text)
