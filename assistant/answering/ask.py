"""Answer one question: normalise, retrieve, judge scope, compose, attach notices."""

from __future__ import annotations

import datetime as dt

from assistant.answering.eligibility import answer_eligibility
from assistant.answering.extractive import compose
from assistant.eligibility import is_eligibility_question
from assistant.answering.scope import ScopeJudge
from assistant.answering.validity import validity_notices
from assistant.retrieval.followup import carried_topic
from assistant.retrieval.hybrid import ClauseFilter
from assistant.retrieval.query import prepare
from assistant.runtime import Runtime
from assistant.types import Answer, Notice, Turn

NOT_STATED = Notice(
    code="not_stated",
    message="文件中没有直接回答这个问题的内容，以上仅列出最相关的条款，未作任何推断。",
    severity="info",
)


def judge_for(runtime: Runtime) -> ScopeJudge:
    judge = runtime.__dict__.get("_scope_judge")
    if judge is None:
        judge = runtime.__dict__["_scope_judge"] = ScopeJudge(runtime.settings.knowledge_dir / "lexicon")
    return judge


def ask(runtime: Runtime, question: str, id: str | None = None, history: list[Turn] | None = None,
        where: ClauseFilter | None = None, today: dt.date | None = None, profile: dict | None = None) -> Answer:
    """The offline, extractive answer; every [n] is a citation whose quote is verbatim.

    Eligibility questions (我们能享受哪些支持？) go to the matcher, with `profile` or what the
    question itself says about the company.
    """
    query = prepare(question, runtime.settings.max_question_chars, carried_topic(str(question), history))
    if is_eligibility_question(query.text):
        return answer_eligibility(runtime.settings.knowledge_dir, query, question, profile, id, today)
    index = runtime.index
    hits, notices = runtime.retriever.search(query, where=where)
    verdict = judge_for(runtime).judge(query, hits, index)
    draft = compose(query, hits, verdict, index)
    metas = [index.documents[c.doc_id].meta for c in draft.citations]
    notices = notices + validity_notices(metas, today or dt.date.today(), "en" if query.lang == "en" else "zh")
    if verdict.abstain:
        notices.append(NOT_STATED)
    return Answer(
        id=id, question=question, answer=draft.text, abstained=verdict.abstain,
        citations=draft.citations, mode="extractive", notices=notices,
    )
