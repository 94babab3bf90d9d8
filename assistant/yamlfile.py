"""Read a YAML file into a pydantic model; a bad file raises one error naming its first problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.errors import AssistantError

M = TypeVar("M", bound=BaseModel)


def first_error(exc: ValidationError) -> str:
    """`where: what` of a validation error's first problem (one line for the user)."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}"


def read_yaml(path: Path, error: type[AssistantError] = AssistantError) -> object:
    """The parsed file; `error` (one line, naming the file) when it cannot be read or parsed."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"文件不存在：{path}") from None
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise error(f"{path.name}: 无法解析（{type(exc).__name__}）") from None


def load_yaml_model(path: Path, model: type[M], error: type[AssistantError] = AssistantError) -> M:
    """read_yaml, then validated as `model`; `error` says the file and its first problem."""
    data = read_yaml(path, error)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(f"{path.name}: {first_error(exc)}") from None


T = TypeVar("T")


def lexicon(path: Path, build: Callable[[dict], T]) -> T:
    """A lexicon file's rules: `build` over its mapping ({} when the knowledge folder has no such file: its
    rules are then off). An unreadable file, one that is not a mapping, or a bad entry (an invalid regex,
    a missing key, a wrong type) is one ConfigError naming the file — never a traceback mid-query."""
    from assistant.errors import ConfigError

    data = read_yaml(path, ConfigError) if path.exists() else None
    if data is not None and not isinstance(data, dict):
        raise ConfigError(f"{path.name}: 应为“键: 值”的映射")
    try:
        return build(data or {})
    except (re.error, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path.name}: 格式错误（{type(exc).__name__}: {exc}）") from None
