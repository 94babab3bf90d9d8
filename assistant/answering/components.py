"""What answering needs from its caller, as a Protocol: the Runtime (above this layer) provides it.

Answering never imports the Runtime; it asks for these components, built once by whoever owns them.
"""

from __future__ import annotations

from typing import Protocol

from assistant.answering.focus import EligibilityFocus
from assistant.answering.scope import ScopeJudge
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import Vocabulary
from assistant.index.embedder import Embedder
from assistant.index.store import Index
from assistant.llm.client import ChatModel
from assistant.retrieval.hybrid import HybridRetriever
from assistant.settings import Settings


class Components(Protocol):
    settings: Settings

    @property
    def index(self) -> Index: ...

    @property
    def retriever(self) -> HybridRetriever: ...

    @property
    def scope_judge(self) -> ScopeJudge: ...

    @property
    def chat_model(self) -> ChatModel | None: ...

    @property
    def check_embedder(self) -> Embedder: ...

    @property
    def eligibility(self) -> Eligibility: ...

    @property
    def vocabulary(self) -> Vocabulary | None: ...

    @property
    def eligibility_focus(self) -> EligibilityFocus: ...
