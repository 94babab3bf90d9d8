"""The related eval's metadata scoring: a region is right when it names the labelled place, in any of
the gazetteer's forms; a different place, or a form the gazetteer does not know, is wrong."""

from __future__ import annotations

import pytest

from assistant.eligibility.vocabulary import load_vocabulary
from assistant.evaluation.related import field_right
from assistant.settings import Settings
from assistant.types import DocumentMeta


@pytest.fixture(scope="module")
def places():
    return load_vocabulary(Settings().vocabulary_path)


def _meta(region: str) -> DocumentMeta:
    return DocumentMeta(doc_id="d", title="某高新区若干政策（虚构）", region=region)


@pytest.mark.parametrize("region, label, right", [
    ("宜昌高新技术产业开发区", "宜昌市宜昌高新区", True),   # the zone's full name and its short form
    ("宜昌市", "宜昌市", True),
    ("宜昌高新技术产业开发区", "宜昌市", False),          # the city is not its zone
    ("荆州市", "宜昌市", False),
    ("某某新区", "宜昌市宜昌高新区", False),              # unknown to the gazetteer: not guessed
])
def test_region_is_judged_by_place(places, region: str, label: str, right: bool) -> None:
    assert field_right(_meta(region), {"region": label}, "region", places) is right


def test_without_a_gazetteer_only_the_same_string_is_right() -> None:
    assert not field_right(_meta("宜昌高新技术产业开发区"), {"region": "宜昌市宜昌高新区"}, "region")
    assert field_right(_meta("宜昌市"), {"region": "宜昌市"}, "region")
