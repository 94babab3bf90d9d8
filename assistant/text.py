"""Text rules every layer shares: the language of a text and of a reply, Traditional → Simplified, heading numbers.

One definition each, below documents/ in the import graph, so retrieval, answering, the LLM
prompts and the web pages cannot disagree about what language a text is in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from assistant.errors import InvalidLanguage

Lang = Literal["zh", "zh-Hant", "en"]
ReplyLang = Literal["zh", "en"]  # the languages of the message files (knowledge/messages)

CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]{1,3}[\.．、])")


@lru_cache(maxsize=1)
def _converter():
    # The converter holds no data that can go stale (only OpenCC's built-in tables): one per process.
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified; everything else unchanged."""
    return _converter().convert(text)


def detect_lang(text: str) -> Lang:
    """English when Latin letters dominate (no Chinese, or over 3 letters per character); else zh / zh-Hant."""
    cjk = len(CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0 and latin > 0:
        return "en"
    if cjk and latin > 3 * cjk:
        return "en"
    if cjk and to_simplified(text) != text:
        return "zh-Hant"
    return "zh"


def ui_lang(text: str) -> Literal["zh", "en"]:
    """The language to reply in on pages that have only zh and en: detect_lang, Traditional → zh."""
    return "en" if detect_lang(text or "") == "en" else "zh"


# A well-formed language tag (RFC 5646 §2.1 syntax: 1-8 alphanumerics per subtag, "_" as in en_US
# tolerated), bounded: "zh-", "en--", "en\r\nX" or a 100 KB "en-…" are not tags, whatever they start with.
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,7}")


def _primary(tag: str) -> ReplyLang | None:
    """zh / en of a well-formed language tag by its primary subtag (zh-CN, zh-Hant-TW, en_US), else None.
    Blanks around it are tolerated; control characters are not."""
    text = tag.strip(" \t")
    if len(text) > 64 or _TAG.fullmatch(text) is None:
        return None
    primary = re.split(r"[-_]", text.lower(), maxsplit=1)[0]
    return primary if primary in ("zh", "en") else None  # type: ignore[return-value]


def shown_value(value: object, limit: int = 40) -> str:
    """A caller's value as echoed in an error: its text (not Python's repr), control characters as U+FFFD so
    nothing it sent can break a line or a header, at most `limit` characters."""
    text = "".join(c if c.isprintable() else "\ufffd" for c in str(value))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def parse_lang(value: object) -> ReplyLang:
    """A language a caller named (`lang` field, --lang, a batch line): zh or en, any region or script."""
    found = _primary(value) if isinstance(value, str) else None
    if found is None:
        shown = shown_value(value)
        raise InvalidLanguage(f"不支持的语言：「{shown}」（可用 zh、en，如 zh-CN、en-US）。"
                              f"Unsupported language “{shown}”: use zh or en.")
    return found


def accepted_lang(header: str | None) -> ReplyLang | None:
    """The zh / en range an Accept-Language header prefers most (RFC 9110 q-values), None if it names neither.

    A header is a client's default, not a request: one that is malformed or names only other
    languages is passed over, never an error.
    """
    best: tuple[float, int, ReplyLang] | None = None
    for position, part in enumerate((header or "").split(",")[:32]):  # bounded: a header is untrusted
        tag, _, params = part.partition(";")
        lang = _primary(tag)
        q = _q_value(params)
        if lang is not None and q > 0 and (best is None or (q, -position) > best[:2]):
            best = (q, -position, lang)
    return best[2] if best else None


# RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); "inf", "2", "1e-3" are not weights.
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


def _q_value(params: str) -> float:
    """A range's weight: 1 without a q, 0 (passed over) for a malformed one."""
    match = re.search(r"\bq\s*=\s*([^;\s]{0,8})", params)
    if match is None:
        return 1.0
    return float(match.group(1)) if _QVALUE.fullmatch(match.group(1)) else 0.0


def requested_lang(explicit: object = None, accept_language: str | None = None) -> ReplyLang | None:
    """The first two steps of reply_lang: the language the caller named, else the client's
    Accept-Language; None when neither says (the caller's own text then decides). A named language
    that is not zh / en is an InvalidLanguage; a header never is."""
    if explicit is not None and str(explicit).strip():
        return parse_lang(explicit)
    return accepted_lang(accept_language)


def reply_lang(explicit: object = None, accept_language: str | None = None,
               text: str | None = None) -> ReplyLang:
    """The one rule for the language of a reply: what the caller named (a `lang` field, --lang, the UI's
    language), else the client's Accept-Language, else the language of the caller's own text (the
    question or the company description), else Chinese. A named language that is not zh / en is an
    InvalidLanguage; a header or a text never is."""
    return requested_lang(explicit, accept_language) or (ui_lang(text) if text and text.strip() else "zh")


def strip_number(text: str) -> str:
    """Drop a leading 一、 / （一） / 1. from a heading."""
    return _HEADING_NUMBER.sub("", text).strip()


# ---- book titles (书名号) -------------------------------------------------------------------------

def bare_title(title: str) -> str:
    """A title without the one 《》 pair that encloses all of it (《X》 → X; 《X》政策解读 is kept whole)."""
    text = (title or "").strip()
    if len(text) < 2 or text[0] != "《" or text[-1] != "》":
        return text
    depth = 0
    for i, char in enumerate(text):
        depth += {"《": 1, "》": -1}.get(char, 0)
        if depth == 0 and i < len(text) - 1:  # the first 《 closes before the end: 《A》与《B》 is no one pair
            return text
    return text[1:-1].strip()


def book_title(title: str) -> str:
    """A title framed in 《》 exactly once, wherever a title is framed (answers, notices, rows, sources).

    An already framed title is not framed again; one that quotes another title (《X办法》政策解读,
    关于印发《X》的通知) gets the national standard's nesting, 《〈X办法〉政策解读》 (GB/T 15834-2011:
    inside 《》 a title takes 〈〉), never 《《X办法》政策解读》. Empty stays empty.
    """
    bare = bare_title(title)
    return f"《{bare.replace('《', '〈').replace('》', '〉')}》" if bare else ""


def title_key(title: str) -> str:
    """What two spellings of one title share: the enclosing pair dropped, nested 〈〉 read as 《》."""
    return bare_title(title).replace("〈", "《").replace("〉", "》")


def names_title(text: str, title: str) -> bool:
    """Whether `text` names the document `title`, framed by book_title or written as it is."""
    key = title_key(title)
    return bool(key) and key in text.replace("〈", "《").replace("〉", "》")


def quoted(text: str) -> str:
    """`text` in “” exactly once: an already quoted text is kept; one holding quotes of its own gets the
    national standard's nesting, “‘X’如何计算？” (GB/T 15834-2011: inside “” a quote takes ‘’)."""
    inner = (text or "").strip()
    if len(inner) >= 2 and inner[0] == "“" and inner[-1] == "”" and "“" not in inner[1:-1]:
        return inner
    return f"“{inner.replace('“', '‘').replace('”', '’')}”" if inner else ""


_FIRST_PERSON = re.compile(r"^(?:我们|我司|我厂|我公司|咱们|本公司|本厂|本企业)")
_SOME = re.compile(r"几[个家项台套名位]+(?=[\u4e00-\u9fff]{2})")


def without_indefinite_counts(piece: str) -> str:
    """A piece of a question with "几个 + noun" left out when the company speaks of itself (我们想从国外挖几个
    人才过来: a few, not how many); any other piece as it is."""
    if not _FIRST_PERSON.match(piece.strip()):
        return piece
    return _SOME.sub("", piece)
