"""One Settings object, split by concern, read from the environment (prefix ASSISTANT_).

Nothing here connects to anything: clients are built lazily by the factories that take a
Settings, so importing this module never reads the network or the disk.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


class ChromaSettings(BaseModel):
    """Where the vectors live: embedded under the data dir, or a Chroma server."""

    host: str | None = Field(default=None, description="Chroma server host; unset = embedded mode")
    port: int | None = Field(default=None, ge=1, le=65535, description="Chroma server port")
    collection_prefix: str = Field(default="clauses", description="Collection name prefix")

    @property
    def is_remote(self) -> bool:
        return bool(self.host)


RetrievalMode = Literal["hybrid", "dense", "bm25"]


class RetrievalSettings(BaseModel):
    top_k: int = Field(default=5, ge=1, le=50, description="Clauses returned per question")
    candidates: int = Field(default=30, ge=1, le=500, description="Per-retriever candidates fused")
    # Beside 50 near-copies of one plan (benchmarks/bench_lookalike.py) the plan's clause is in the fused top
    # 12 on 136 of 207 gold items, top 24 on 156, and pool 24 + 60 candidates lifts hit@1 0.459→0.493 there;
    # but it moves one holdout citation (precision 0.8128→0.8106, below its floor), so 12 stays the default.
    pool: int = Field(default=12, ge=1, le=200, description="Fused candidates the second stage judges")
    # A small constant lets the top of each list dominate; 5 beat 60/20/10/2 on both gold sets.
    rrf_k: int = Field(default=5, ge=1, description="Reciprocal rank fusion constant")
    mode: RetrievalMode = Field(default="hybrid")


class ParseLimits(BaseModel):
    """Bounds for reading an untrusted document (env: ASSISTANT_PARSING__<FIELD>, e.g. ..._TIMEOUT_S=5).

    .docx, .pdf and .html are parsed in a child process with `memory_mb` of address space and
    `timeout_s` of CPU time (the kernel's RLIMIT_CPU: what a crafted file can burn, and not cut short
    when a busy machine makes the child wait); `wall_timeout_s` is the backstop for a child that
    stops progressing. Zip members are checked before anything is inflated.
    """

    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1, description="Size of the file as uploaded")
    max_text_chars: int = Field(default=1_000_000, ge=1, description="Characters of extracted text")
    max_clauses: int = Field(default=3000, ge=1, description="Numbered clauses in one document")
    max_zip_members: int = Field(default=1000, ge=1, description="Entries in a .docx")
    max_member_bytes: int = Field(default=50 * 1024 * 1024, ge=1, description="Uncompressed size of one entry")
    max_unzipped_bytes: int = Field(default=100 * 1024 * 1024, ge=1, description="Uncompressed size, all entries")
    max_zip_ratio: float = Field(default=100.0, gt=1, description="Uncompressed / compressed size of one entry")
    max_pdf_pages: int = Field(default=2000, ge=1)
    memory_mb: int = Field(default=768, ge=64, description="Address space of the parsing child process")
    timeout_s: float = Field(default=8.0, gt=0, description="CPU seconds the parsing child process may use")
    wall_timeout_s: float = Field(default=120.0, gt=0, description="Wall time of the parsing child process, "
                                                                  "at least timeout_s")

    @model_validator(mode="after")
    def _wall_covers_cpu(self) -> ParseLimits:
        if self.wall_timeout_s < self.timeout_s:
            raise ValueError(f"wall_timeout_s ({self.wall_timeout_s:g}) must be at least timeout_s "
                             f"({self.timeout_s:g})")
        return self


class LLMSettings(BaseModel):
    """An optional OpenAI-compatible endpoint; the key is kept secret and resolved late."""

    model: str | None = Field(default=None, description="Model name; unset = no LLM")
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout: float = Field(default=30.0, gt=0)
    max_retries: int = Field(default=1, ge=0, le=10)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)

    @property
    def enabled(self) -> bool:
        return bool(self.model)


class ItemProposalSettings(BaseModel):
    """LLM proposals of support items at ingest (env: ASSISTANT_ITEMS__<FIELD>, e.g. ASSISTANT_ITEMS__LLM=true).

    Off by default: it costs one model call per clause batch, and the rules alone are the offline
    default. Only used when a model is configured (ASSISTANT_LLM_MODEL); every proposed field is
    checked against a verbatim quote of the document, see assistant/llm/items.py.
    """

    llm: bool = Field(default=False, description="Ask the configured LLM to propose items beside the rules")
    max_clauses_per_call: int = Field(default=20, ge=1, le=200, description="Clauses sent in one call")
    max_chars_per_call: int = Field(default=4000, ge=200, le=100_000, description="Clause characters in one call")
    max_calls_per_document: int = Field(default=8, ge=1, le=200,
                                        description="Calls per document; later clauses are left to the rules")
    timeout_s: float = Field(default=60.0, gt=0, le=600, description="Wall time of one call (retries included)")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(default=REPO_ROOT / "data", description="Index, caches and uploads")
    knowledge_dir: Path = Field(default=REPO_ROOT / "knowledge", description="Shipped documents")
    prompts_dir: Path = Field(default=REPO_ROOT / "prompts", description="Prompt files (prompts/<name>.md)")
    evals_dir: Path = Field(default=REPO_ROOT / "evals", description="Gold sets, thresholds and eval reports")
    static_dir: Path = Field(default=PACKAGE_DIR / "web" / "static", description="The web pages' CSS and scripts")
    max_question_chars: int = Field(default=2000, ge=1)

    chroma_host: str | None = Field(default=None, validation_alias=AliasChoices("CHROMA_HOST", "ASSISTANT_CHROMA_HOST"))
    chroma_port: int | None = Field(default=None, validation_alias=AliasChoices("CHROMA_PORT", "ASSISTANT_CHROMA_PORT"))
    llm_model: str | None = None
    llm_timeout: float = 30.0
    llm_max_retries: int = 1
    llm_temperature: float = 0.0
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "ASSISTANT_OPENAI_BASE_URL"))
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "ASSISTANT_OPENAI_API_KEY"))
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    parsing: ParseLimits = Field(default_factory=ParseLimits)
    items: ItemProposalSettings = Field(default_factory=ItemProposalSettings)
    # Saved profiles and alerts (assistant/watch): SQLite file in the data dir unless a URL is set.
    database_url: str | None = Field(
        default=None, description="postgresql://user@host:port/db; unset = SQLite (WAL) file data_dir/watch.sqlite3")
    webhook_allow_private: bool = Field(
        default=False, description="Allow webhook URLs on loopback/private/link-local addresses (default off: "
                                   "no requests into the server's own network); tests turn it on")
    webhook_attempts: int = Field(default=5, ge=1, le=20, description="POSTs per webhook delivery before giving up")
    webhook_base_delay_s: float = Field(default=1.0, gt=0, le=600, description="First retry delay, doubled each time")
    webhook_drain_s: float = Field(default=10.0, ge=0, le=600,
                                   description="At exit, how long queued webhooks may still be sent")

    @field_validator("chroma_port", mode="before")
    @classmethod
    def _blank_port(cls, value: object) -> object:
        return None if value == "" else value

    @property
    def chroma(self) -> ChromaSettings:
        return ChromaSettings(host=self.chroma_host or None, port=self.chroma_port)

    @property
    def llm(self) -> LLMSettings:
        return LLMSettings(
            model=self.llm_model or None,
            base_url=self.openai_base_url or None,
            api_key=self.openai_api_key,
            timeout=self.llm_timeout,
            max_retries=self.llm_max_retries,
            temperature=self.llm_temperature,
        )

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    # Every file the assistant reads is found from here (nothing else holds a default path).

    @property
    def lexicon_dir(self) -> Path:
        return self.knowledge_dir / "lexicon"

    @property
    def policies_dir(self) -> Path:
        return self.knowledge_dir / "policies"

    @property
    def document_rules_dir(self) -> Path:
        """regions.yaml and items.yaml: how metadata and support items are read (DocumentRules)."""
        return self.knowledge_dir / "documents"

    @property
    def messages_dir(self) -> Path:
        """User-facing messages: labels.yaml, web.yaml, watch.yaml."""
        return self.knowledge_dir / "messages"

    @property
    def vocabulary_path(self) -> Path:
        return self.knowledge_dir / "vocabulary.yaml"

    @property
    def catalogue_path(self) -> Path:
        return self.knowledge_dir / "catalogue.yaml"

    @property
    def templates_dir(self) -> Path:
        """Report templates (the 政策体检 report: report.html.j2, report.md.j2)."""
        return self.knowledge_dir / "templates"

    @property
    def datasets_dir(self) -> Path:
        return self.evals_dir / "datasets"

    @property
    def gold_profiles_path(self) -> Path:
        return self.datasets_dir / "profiles.jsonl"

    @property
    def thresholds_path(self) -> Path:
        return self.evals_dir / "thresholds.yaml"

    @property
    def reports_dir(self) -> Path:
        return self.evals_dir / "reports"


_SETTINGS_MODELS = ("Settings", "WebSettings")  # the models read from ASSISTANT_* variables


def settings_problem(exc: Exception) -> str | None:
    """'ASSISTANT_X: why' for each bad variable when `exc` comes from reading the environment, else None."""
    if isinstance(exc, SettingsError):  # a nested setting's value is no JSON: pydantic-settings names the field
        field = re.search(r'field "([^"]+)"', str(exc))
        return f"ASSISTANT_{field.group(1).upper()}: not valid JSON" if field else str(exc)
    if not isinstance(exc, ValidationError) or exc.title not in _SETTINGS_MODELS:
        return None
    parts = []
    for error in exc.errors(include_url=False):
        name = "__".join(str(part) for part in error["loc"]).upper()
        parts.append(f"ASSISTANT_{name}: {error['msg']}" if name else error["msg"])
    return "；".join(parts)
