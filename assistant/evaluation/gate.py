"""The CI gate: metrics below their floor (or above their ceiling) in evals/thresholds.yaml.

thresholds.yaml holds one block per dataset (`questions:`, `holdout:`, `profiles:`) and may hold one
per combination (`questions+holdout:`); each block has `min:` floors and `max:` ceilings. A report
over several datasets is gated per dataset (its by_dataset metrics) and, if present, as a whole.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.errors import ConfigError
from assistant.evaluation.report import Metrics, Report


def load_thresholds(path: Path) -> dict:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取门槛文件 {path}：{type(exc).__name__}") from None
    if not isinstance(spec, dict):
        raise ConfigError(f"门槛文件 {path} 应为 数据集 → {{min, max}} 的映射")
    return spec


def check_metrics(metrics: Metrics, spec: dict, scope: str = "") -> list[str]:
    """Readable lines for each metric below its floor or above its ceiling; a missing metric fails."""
    prefix = f"{scope}: " if scope else ""
    failures = []
    for name, floor in (spec.get("min") or {}).items():
        value = metrics.get(name)
        if value is None or value < floor:
            failures.append(f"{prefix}{name} = {value}，低于门槛 {floor}")
    for name, ceiling in (spec.get("max") or {}).items():
        value = metrics.get(name)
        if value is None or value > ceiling:
            failures.append(f"{prefix}{name} = {value}，高于上限 {ceiling}")
    return failures


def check_gate(report: Report, thresholds_path: Path) -> list[str]:
    """Every threshold the report misses, as readable lines; empty = pass."""
    spec = load_thresholds(thresholds_path)
    datasets = [Path(name).stem for name in report.config.get("datasets", [])]
    failures = []
    combined = "+".join(datasets)
    if len(datasets) > 1 and combined in spec:
        failures += check_metrics(report.metrics, spec[combined], combined)
    for name in datasets:
        if name not in spec:
            failures.append(f"{thresholds_path.name} 中没有 {name} 的门槛")
            continue
        metrics = report.by_dataset.get(name) or (report.metrics if len(datasets) == 1 else {})
        failures += check_metrics(metrics, spec[name], name)
    return failures
