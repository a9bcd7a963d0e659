"""HTML mail bodies to plain text: sanitised by nh3 first, then flattened to lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

# Only the structure that decides line breaks survives the sanitiser; script and style
# elements are removed with their content, every attribute is dropped.
_KEPT_TAGS = {
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "hr",
}
_REMOVED_WITH_CONTENT = {"script", "style", "head", "title", "template", "noscript"}
_BLOCKS = _KEPT_TAGS - {"br", "td", "th"}


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML body; no markup, script or style survives."""
    cleaned = nh3.clean(
        html,
        tags=_KEPT_TAGS,
        clean_content_tags=_REMOVED_WITH_CONTENT,
        attributes={},
        strip_comments=True,
        link_rel=None,
    )
    flattener = _Flattener()
    flattener.feed(cleaned)
    flattener.close()
    lines = (line.strip() for line in "".join(flattener.parts).splitlines())
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
