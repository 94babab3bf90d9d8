"""One passage per clause (assistant/index/passage.py): its sentences are split once per loaded index and
shared by the second ranking stage, the scope judge, the composer and the verifier; its spans are verbatim;
the verifier's word weights come from the BM25 index's document frequencies."""

from __future__ import annotations

import math
import sys
from collections import Counter

import pytest

from assistant.answering.ask import ask
from assistant.answering.verify import Verifier, idf
from assistant.documents import sentences
from assistant.index.passage import Passage, passage
from assistant.retrieval.query import prepare
from assistant.types import Clause

# Fictional test material: the city is real, the measures, amounts and dates are invented.
POLICY = """荆门市智能农机装备产业扶持办法（虚构测试）

第一条　为推动智能农机装备产业发展，制定本办法。
第二条　对首次获评省级智能农机装备示范企业的，一次性奖励三十万元；对获评国家级示范企业的，一次性奖励八十万元。
第三条　企业购置智能农机装备生产设备，按设备投资额的百分之十给予补助，单个企业最高补助二百万元。
第四条　申报企业应在荆门市注册，具有独立法人资格，近三年无重大安全生产事故。
第五条　本办法自2025年1月1日起施行，有效期三年。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, small_caches, embedder):
    from conftest import ingested_library

    return ingested_library(tmp_path_factory.mktemp("passage"), {"jm-agri.txt": POLICY}, small_caches, embedder)


def test_spans_are_verbatim_text_of_clause_and_document():
    text = "1.鼓励首台套应用。对首次应用的企业给予奖励；奖励不超过五十万元。申报时间另行通知"
    clause = Clause(id="d#1", doc_id="d", anchor="1", section="一、主要措施 › 1.鼓励首台套应用", start=7,
                    end=7 + len(text), text=text)
    document = "序言正文。\n\n" + text
    read = Passage(clause)
    assert [s.text for s in read.sentences] == ["1.鼓励首台套应用。", "对首次应用的企业给予奖励；",
                                                "奖励不超过五十万元。", "申报时间另行通知"]
    for s in read.sentences:
        assert document[s.start:s.end] == s.text
        assert clause.text[s.start - clause.start:s.end - clause.start] == s.text


def test_a_passage_without_a_tokenizer_says_so():
    clause = Clause(id="d#1", doc_id="d", anchor="1", section="一", start=0, end=4, text="条款正文")
    with pytest.raises(ValueError, match="no tokenizer"):
        _ = Passage(clause).tokens


def test_each_clause_is_split_into_sentences_once_per_ask(library, monkeypatch):
    """Every module holding the sentence splitter counts its calls: the judge, the ranker, the composer and
    the parts reader all read the one passage of each clause."""
    original = sentences.sentences_of
    calls: Counter[str] = Counter()

    def counting(clause):
        calls[clause.id] += 1
        return original(clause)

    for module in list(sys.modules.values()):
        if (module.__name__ or "").startswith("assistant") and getattr(module, "sentences_of", None) is original:
            monkeypatch.setattr(module, "sentences_of", counting)
    answer = ask(library, "购置智能农机装备生产设备能补助多少？最高多少？")
    assert answer.citations and not answer.abstained
    assert calls, "no clause was read"
    assert max(calls.values()) == 1, calls


def test_the_verifier_reads_the_shared_passages(library):
    index = library.index
    hits = library.retriever.search(prepare("第三条的补助比例是多少"))[0]
    verifier = Verifier(hits, index)
    for e in verifier.evidence:
        assert e.sentences == list(passage(index, e.hit.clause).sentences)
        assert e.tokens is passage(index, e.hit.clause).tokens


def test_verifier_weights_come_from_the_bm25_document_frequencies(library):
    index = library.index
    counts: Counter[str] = Counter()
    for clause in index.clauses:
        counts.update(set(index.tokenizer.tokens(clause.indexed_text)))
    n = len(index.clauses)
    for token, k in counts.items():
        assert idf(index, token) == pytest.approx(math.log((n + 1) / (k + 1)) + 0.1)
    assert idf(index, "从未出现的词") == pytest.approx(math.log(n + 1) + 0.1)
