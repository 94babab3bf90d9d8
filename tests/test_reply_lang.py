"""The one rule for a reply's language (assistant.text.reply_lang), which every match edge uses:
the language named (lang field, --lang, a batch line, the UI switch), else Accept-Language, else the
language of the caller's own text, else Chinese (issue 13 point 6)."""

from __future__ import annotations

import pytest

from assistant.errors import InvalidLanguage
from assistant.text import accepted_lang, parse_lang, reply_lang

ZH = "我们是襄阳一家做精密减速器的中小企业，想贷款"
EN = "We are an SME in Xiangyang making precision reducers and want a loan"


@pytest.mark.parametrize(("explicit", "header", "text", "lang"), [
    ("en", "zh-CN", ZH, "en"),            # named: wins over the header and the text
    ("zh-Hant-TW", "en", EN, "zh"),       # any region or script of zh / en
    ("EN_us", None, ZH, "en"),
    (None, "en-GB,en;q=0.9,zh;q=0.5", ZH, "en"),  # the header's preferred one, over the text
    (None, "fr-FR,fr;q=0.9", EN, "en"),   # a header naming neither zh nor en is passed over
    (None, "zh;q=0,en;q=0.1", ZH, "en"),  # q=0 means "not this one"
    (None, "en;q=oops,zh;q=0.2", EN, "zh"),  # a malformed weight is passed over, never an error
    (None, None, EN, "en"),               # the text's language
    (None, None, "What about 首台套 for our robots?", "en"),
    (None, None, ZH, "zh"),
    (None, None, "", "zh"),               # nothing at all: Chinese
    ("", None, EN, "en"),                 # an empty name is no name
    (" en ", None, ZH, "en"),             # blanks around a tag are tolerated
    (None, "en;q=inf, zh", EN, "zh"),     # RFC 9110 weights only: inf, 2, 1e-3 are malformed, passed over
    (None, "zh;q=2, en;q=0.5", ZH, "en"),
    (None, "en;q=1e-3, zh;q=0.5", EN, "zh"),
    (None, "en;q=0.001, fr", ZH, "en"),   # a tiny but well-formed weight still counts
    (None, "en-, zh;q=0.5", EN, "zh"),    # a range that is no tag is passed over
])
def test_reply_lang(explicit, header, text, lang):
    assert reply_lang(explicit, header, text) == lang


@pytest.mark.parametrize("value", ["fr", "english", "zz-ZZ", 5, "x" * 10_000,
                                   # not tags at all, though they start with zh / en:
                                   "zh-", "en--", "en\r\n", "en\r\nX-Evil: 1", "en-" + "a" * 100_000,
                                   "zh-" + "-".join(["Hant"] * 20), "zh\u3000", "en/../x", "*"])
def test_a_named_language_that_is_not_zh_or_en_is_a_clear_error(value):
    with pytest.raises(InvalidLanguage) as caught:
        parse_lang(value)
    message = str(caught.value)
    assert "zh" in message and "en" in message and len(message) < 200  # the value is echoed, bounded
    assert "\r" not in message and "\n" not in message  # echoed as repr: one line


def test_accept_language_is_bounded_and_never_raises():
    assert accepted_lang("fr," * 10_000 + "en") is None  # only the first 32 ranges are read
    assert accepted_lang(";;;,,,q=,*") is None
    assert accepted_lang(None) is None
