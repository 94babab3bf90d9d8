"""Prompts as files that declare their variables, loaded into langchain ChatPromptTemplates.

A prompt file (prompts/<name>.md) is YAML front matter, then one section per message role:

    ---
    name: answer
    variables: [question, clauses, language, cannot_answer]
    ---
    # system
    Use only the clauses below … {cannot_answer} …
    # human
    {question}

Literal braces are written {{ }} (f-string templates). The declared variables must be exactly
the ones the sections use, and rendering with a missing or unknown variable raises PromptError.
Phrases the code relies on (CANNOT_ANSWER) are passed in as variables, never copied into files.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from langchain_core.messages import BaseMessage
from langchain_core.prompts import ChatPromptTemplate

from assistant.llm.errors import PromptError
from assistant.text import to_simplified

# What the model must say, verbatim, when the supplied clauses do not answer the question.
CANNOT_ANSWER = {
    "zh": "所提供的条款没有回答这个问题。",
    "zh-Hant": "所提供的條款沒有回答這個問題。",
    "en": "The supplied clauses do not answer this question.",
}
LANGUAGE_NAMES = {"zh": "简体中文", "zh-Hant": "繁體中文", "en": "English"}

_ROLES = {"system": "system", "human": "human", "user": "human", "ai": "ai", "assistant": "ai"}
_SECTION = re.compile(r"^# (system|human|user|ai|assistant)[ \t]*$", re.MULTILINE)
_FOLD = re.compile(r"[\s\W_]+", re.UNICODE)


def cannot_answer_phrase(lang: str) -> str:
    return CANNOT_ANSWER.get(lang, CANNOT_ANSWER["zh"])


def _fold(text: str) -> str:
    return _FOLD.sub("", to_simplified(text)).lower()


def says_cannot_answer(text: str) -> bool:
    """True when text contains the cannot-answer phrase of any language (script and punctuation folded)."""
    folded = _fold(text)
    return any(_fold(phrase) in folded for phrase in CANNOT_ANSWER.values())


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt: its declared variables and the template they fill."""

    name: str
    variables: tuple[str, ...]
    template: ChatPromptTemplate

    def format_messages(self, **values: object) -> list[BaseMessage]:
        missing = [v for v in self.variables if v not in values]
        unknown = sorted(set(values) - set(self.variables))
        if missing:
            raise PromptError(f"提示词 {self.name} 缺少变量：{', '.join(missing)}")
        if unknown:
            raise PromptError(f"提示词 {self.name} 没有声明变量：{', '.join(unknown)}")
        return self.template.format_messages(**values)


def _used_variables(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise PromptError(f"提示词模板格式错误：{exc}") from None


def parse_prompt(text: str, name: str = "prompt") -> Prompt:
    """Parse a prompt file's text; raise PromptError naming what is wrong."""
    if not text.startswith("---"):
        raise PromptError(f"提示词 {name} 缺少开头的 --- 元数据（需声明 variables）")
    try:
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front) or {}
    except (ValueError, yaml.YAMLError):
        raise PromptError(f"提示词 {name} 的元数据无法解析") from None
    declared = meta.get("variables")
    if not isinstance(declared, list) or not all(isinstance(v, str) for v in declared):
        raise PromptError(f"提示词 {name} 必须以列表声明 variables")
    marks = list(_SECTION.finditer(body))
    if not marks or body[:marks[0].start()].strip():
        raise PromptError(f"提示词 {name} 应由 '# system' / '# human' 段落组成")
    messages = []
    for mark, nxt in zip(marks, [*marks[1:], None], strict=True):
        content = body[mark.end():nxt.start() if nxt else len(body)].strip()
        messages.append((_ROLES[mark.group(1)], content))
    used: set[str] = set()
    for _, content in messages:
        used |= _used_variables(content)
    if used != set(declared):
        undeclared = sorted(used - set(declared))
        unused = sorted(set(declared) - used)
        raise PromptError(f"提示词 {name} 的变量声明与内容不符：未声明 {undeclared}，未使用 {unused}")
    template = ChatPromptTemplate.from_messages(messages, template_format="f-string")
    return Prompt(name=str(meta.get("name") or name), variables=tuple(declared), template=template)


# Keyed by the file's mtime: an edited prompt is re-read on next use, so nothing stale outlives a change.
@lru_cache(maxsize=32)
def _load(path: Path, _mtime: float) -> Prompt:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise PromptError(f"无法读取提示词文件 {path.name}") from None
    return parse_prompt(text, path.stem)


def load_prompt(name: str, prompts_dir: Path) -> Prompt:
    """prompts_dir/<name>.md (or .txt), parsed once per file version."""
    for suffix in (".md", ".txt"):
        path = prompts_dir / f"{name}{suffix}"
        if path.is_file():
            return _load(path, path.stat().st_mtime)
    raise PromptError(f"找不到提示词文件 {prompts_dir / name}.md")
