"""The text of an HTML page without its chrome: navigation, headers, footers, menus, sidebars.

Government pages wrap the document in a site template; its menu entries and footer lines would
become clauses. Semantic tags and the class/id names site templates use are removed before the
text is taken. (justext/trafilatura were considered: their Chinese support needs stop-word lists
and they keep less of the 一、/（一） structure than these rules over the tree.)
"""

from __future__ import annotations

import re
from typing import Any

_CHROME_TAGS = ["script", "style", "noscript", "head", "nav", "header", "footer", "aside", "menu",
                "form", "button", "iframe", "template", "svg"]
_CHROME_NAME = re.compile(
    r"(^|[-_\s])(nav|navbar|navigation|menu|menubar|sidebar|side-bar|sidenav|aside|footer|foot|header|"
    r"topbar|top-bar|breadcrumbs?|crumbs?|share|social|toolbar|banner|copyright|pager|pagination|"
    r"related|links|friendlink|search|login|skip)([-_\s]|$)",
    re.IGNORECASE,
)
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search"}
_MAIN = ("article", "main")


def _is_chrome(tag: Any) -> bool:
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    if tag.get("role") in _CHROME_ROLES:
        return True
    return bool(names.strip()) and bool(_CHROME_NAME.search(names))


def strip_chrome(soup: Any) -> Any:
    """Remove page chrome in place and return the part that holds the document."""
    for tag in soup(_CHROME_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        if getattr(tag, "decomposed", False) or tag.name in ("html", "body") or tag.find(_MAIN):
            continue
        if tag.find(["h1", "h2"]) and tag.find_parent(_MAIN):  # the document's own title block
            continue
        tag.decompose()
    main = soup.find(_MAIN)
    return main if main is not None and len(main.get_text(strip=True)) > 50 else soup
