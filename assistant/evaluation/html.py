"""A self-contained HTML view of a report: inline CSS and hand-written inline SVG charts.

No script, no font, no image and no stylesheet is fetched: the page works from a file, offline,
and inside a Gradio gr.HTML (render_html(report, fragment=True) gives a scoped <div>).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from assistant.evaluation.report import (
    CATEGORY_COLUMNS,
    MATRIX_COLUMNS,
    RATES,
    ItemResult,
    Report,
    describe_item,
    fmt,
    latest_report,
    present_columns,
)

__all__ = ["latest_report", "render_html", "report_page"]

PALETTE = ("#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626", "#0891b2", "#4b5563")
FONT = "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"
MATRIX_CHART = ("hit@1", "hit@5", "mrr@10", "ndcg@10", "citation_precision", "key_fact_recall")

CSS = f"""
.eval-report {{ font-family: {FONT}; color: #111827; line-height: 1.45; max-width: 1100px; margin: 0 auto;
  padding: 8px 16px; }}
.eval-report h1 {{ font-size: 1.5rem; margin: .6rem 0; }}
.eval-report h2 {{ font-size: 1.2rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #e5e7eb; }}
.eval-report h3 {{ font-size: 1rem; margin: 1rem 0 .3rem; }}
.eval-report table {{ border-collapse: collapse; font-size: .85rem; margin: .4rem 0; }}
.eval-report th, .eval-report td {{ border: 1px solid #e5e7eb; padding: 3px 8px; text-align: right;
  vertical-align: top; }}
.eval-report th:first-child, .eval-report td:first-child, .eval-report td.text {{ text-align: left; }}
.eval-report thead th {{ background: #f3f4f6; }}
.eval-report .cards {{ display: flex; flex-wrap: wrap; gap: 8px; margin: .5rem 0; }}
.eval-report .card {{ border: 1px solid #e5e7eb; border-radius: 6px; padding: 6px 12px; min-width: 110px; }}
.eval-report .card b {{ display: block; font-size: 1.3rem; }}
.eval-report .card span {{ color: #4b5563; font-size: .8rem; }}
.eval-report .note {{ color: #4b5563; font-size: .85rem; }}
.eval-report .fail {{ color: #b91c1c; }}
.eval-report .pass {{ color: #15803d; }}
.eval-report .scroll {{ overflow-x: auto; }}
.eval-report details {{ margin: .2rem 0; }}
.eval-report summary {{ cursor: pointer; }}
.eval-report pre {{ white-space: pre-wrap; background: #f9fafb; padding: 6px; font-size: .8rem; }}
.eval-report svg text {{ font-family: {FONT}; }}
"""


# ---- charts ------------------------------------------------------------------------------------

def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(body)}</svg>')


def hbar_chart(rows: Sequence[tuple[str, float | None]], title: str, vmax: float = 1.0,
               colors: Sequence[str] | None = None) -> str:
    """Horizontal bars, one per (label, value); values are drawn against vmax."""
    label_w, bar_w, row_h = 200, 380, 22
    width, height = label_w + bar_w + 80, row_h * len(rows) + 8
    body = []
    for i, (label, value) in enumerate(rows):
        y = 4 + i * row_h
        color = (colors[i] if colors else PALETTE[0])
        body.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end">{escape(label)}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 8}" fill="#f1f5f9"/>')
        if value is not None and vmax > 0:
            w = max(0.0, min(value / vmax, 1.0)) * bar_w
            body.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{color}"/>')
        body.append(f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12">{escape(fmt(value))}</text>')
    return _svg(width, height, body, title)


def grouped_bar_chart(groups: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str,
                      vmax: float = 1.0) -> str:
    """Vertical bars: one group per metric, one bar per series (variant), with a legend."""
    n = max(len(series), 1)
    bar, gap, plot_h, top, left = 16, 18, 180, 30, 36
    group_w = max(n * bar + gap, 125)  # room for a label like citation_precision
    width = left + group_w * len(groups) + 10
    height = top + plot_h + 40
    body = []
    for i, (name, _) in enumerate(series):  # legend
        x = left + i * 110
        body.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        body.append(f'<text x="{x + 14}" y="15" font-size="11">{escape(name)}</text>')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h - tick * plot_h
        body.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e7eb"/>')
        body.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{tick * vmax:g}</text>')
    for g, group in enumerate(groups):
        x0 = left + g * group_w + (group_w - n * bar) / 2
        for s, (name, values) in enumerate(series):
            value = values[g] if g < len(values) else None
            if value is None:
                continue
            h = max(0.0, min(value / vmax, 1.0)) * plot_h
            body.append(f'<rect x="{x0 + s * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 2}" '
                        f'height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}"><title>{escape(name)} '
                        f'{escape(group)}: {escape(fmt(value))}</title></rect>')
        body.append(f'<text x="{x0 + n * bar / 2:.1f}" y="{top + plot_h + 16}" font-size="11" '
                    f'text-anchor="middle">{escape(group)}</text>')
    return _svg(int(width), height, body, title)


def histogram(values: Sequence[float], title: str, bins: int = 12, unit: str = "ms") -> str:
    """Counts of values in equal-width bins, with the range on the axis."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    counts = [0] * bins
    for v in values:
        counts[min(int((v - lo) / span * bins), bins - 1)] += 1
    bar, plot_h, top, left = 30, 120, 10, 10
    width, height = left + bins * bar + 10, top + plot_h + 34
    peak = max(counts)
    body = []
    for i, count in enumerate(counts):
        h = count / peak * plot_h
        body.append(f'<rect x="{left + i * bar}" y="{top + plot_h - h:.1f}" width="{bar - 3}" height="{h:.1f}" '
                    f'fill="{PALETTE[0]}"><title>{lo + i * span / bins:.0f}–{lo + (i + 1) * span / bins:.0f} {unit}: '
                    f'{count}</title></rect>')
    body.append(f'<text x="{left}" y="{top + plot_h + 16}" font-size="11">{lo:.0f} {unit}</text>')
    body.append(f'<text x="{width - 10}" y="{top + plot_h + 16}" font-size="11" text-anchor="end">'
                f'{hi:.0f} {unit}</text>')
    return _svg(width, height, body, title)


# ---- sections ----------------------------------------------------------------------------------

def _cell(value: object) -> str:
    return f"<td>{escape(fmt(value))}</td>"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], text_cols: int = 1) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = [f'<td class="text">{escape(str(v))}</td>' if i < text_cols else _cell(v) for i, v in enumerate(row)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _config(report: Report) -> str:
    shown = {k: v for k, v in report.config.items() if k not in ("baseline",)}
    rows = "".join(f'<tr><th>{escape(str(k))}</th><td class="text">{escape(str(v))}</td></tr>'
                   for k, v in shown.items())
    return f"<details><summary>Configuration</summary><table>{rows}</table></details>"


def _cards(report: Report) -> str:
    keys = ["items", "pass_rate", "hit@5", "mrr@10", "key_fact_recall", "citation_validity",
            "abstention_recall", "eligibility_precision", "eligibility_recall", "faithfulness", "latency_p95_ms"]
    cards = [f'<div class="card"><b>{escape(fmt(report.metrics[k]))}</b><span>{escape(k)}</span></div>'
             for k in keys if report.metrics.get(k) is not None]
    return f'<div class="cards">{"".join(cards)}</div>'


def _metrics(report: Report) -> str:
    datasets = list(report.by_dataset) if len(report.by_dataset) > 1 else []
    rows = [[name, value, *(report.by_dataset[d].get(name) for d in datasets)]
            for name, value in report.metrics.items()]
    rates = [(k, report.metrics.get(k)) for k in RATES if report.metrics.get(k) is not None]
    chart = hbar_chart(rates, "Metrics (0–1)") if rates else ""
    return "<h2>Metrics</h2>" + _cards(report) + chart + _table(["metric", "all", *datasets], rows)


def _matrix(report: Report) -> str:
    if not report.matrix:
        return ""
    names = list(report.matrix)
    columns = present_columns(MATRIX_COLUMNS, (v.metrics for v in report.matrix.values()))
    rows = [[name, str(v.config.get("retrieval")), str(v.config.get("answering")),
             *(v.metrics.get(c) for c in columns)] for name, v in report.matrix.items()]
    groups = [g for g in MATRIX_CHART if any(v.metrics.get(g) is not None for v in report.matrix.values())]
    series = [(name, [report.matrix[name].metrics.get(g) for g in groups]) for name in names]
    chars = [(name, report.matrix[name].metrics.get("context_chars@5")) for name in names]
    peak = max((v for _, v in chars if v is not None), default=0) or 1
    baseline = report.matrix.get("baseline")
    note = ""
    if baseline is not None:
        b = baseline.config.get("baseline") or {}
        note = (f'<p class="note">baseline = the standard LangChain recipe: {escape(str(b.get("splitter", "")))} '
                f'{escape(str(b.get("chunk_size", "")))}/{escape(str(b.get("chunk_overlap", "")))} '
                f'({escape(str(b.get("chunks", "")))} chunks), dense only, {escape(str(b.get("vector_store", "")))}; '
                "a chunk hits a gold clause when their character spans overlap. Its answer columns are empty: "
                "it is scored on retrieval only.</p>")
    return ("<h2>Retrieval × answering matrix</h2>" + note
            + grouped_bar_chart(groups, series, "Matrix: retrieval and answer metrics by variant")
            + "<h3>Context handed to the answerer (characters in the top 5)</h3>"
            + hbar_chart(chars, "context_chars@5 by variant", vmax=peak,
                         colors=[PALETTE[i % len(PALETTE)] for i in range(len(chars))])
            + _table(["variant", "retrieval", "answering", *columns], rows, text_cols=3))


def _categories(report: Report) -> str:
    columns = present_columns(CATEGORY_COLUMNS, report.by_category.values())
    rows = [[cat, *(values.get(c) for c in columns)] for cat, values in report.by_category.items()]
    rates = [(cat, values.get("pass_rate")) for cat, values in report.by_category.items()]
    colors = ["#16a34a" if (v or 0) >= 0.9 else "#d97706" if (v or 0) >= 0.7 else "#dc2626" for _, v in rates]
    return ("<h2>By category</h2>" + hbar_chart(rates, "Pass rate by category", colors=colors)
            + _table(["category", *columns], rows))


def _latency(report: Report) -> str:
    values = [r.latency_ms for r in report.items if r.latency_ms is not None and r.kind == "question"]
    if not values:
        return ""
    p50, p95 = report.metrics.get("latency_p50_ms"), report.metrics.get("latency_p95_ms")
    return (f'<h2>Latency</h2><p class="note">Per question, in ms: p50 {escape(fmt(p50))}, p95 {escape(fmt(p95))}.'
            f"</p>" + histogram(values, "Latency histogram (questions)"))


def _item(r: ItemResult) -> str:
    answer = f"<pre>{escape(r.answer)}</pre>" if r.answer else ""
    return (f'<details><summary><span class="fail">{escape(r.status)}</span> <code>{escape(r.id)}</code> '
            f"({escape(r.dataset)}) {escape(r.question)}</summary>"
            f'<p class="note">{escape(describe_item(r))}</p>{answer}</details>')


def _failing(report: Report) -> str:
    failing = report.failing
    parts = [f"<h2>Failing items ({len(failing)})</h2>"]
    if not failing:
        parts.append('<p class="pass">Every item passed.</p>')
    for category in sorted({r.category for r in failing}):
        items = [r for r in failing if r.category == category]
        parts.append(f"<h3>{escape(category)} ({len(items)})</h3>" + "".join(_item(r) for r in items))
    return "".join(parts)


# ---- pages -------------------------------------------------------------------------------------

def _title(report: Report) -> str:
    c = report.config
    return f"Evaluation — {', '.join(c.get('datasets', []))} ({c.get('variant', c.get('retrieval', ''))})"


def render_html(report: Report, fragment: bool = False) -> str:
    """The report as HTML: a whole page, or (fragment=True) a <div> with its own scoped <style>."""
    c = report.config
    judge = f'<p class="note">LLM judge: {escape(str(c["judge"]))}</p>' if c.get("judge") else ""
    body = (f'<div class="eval-report"><style>{CSS}</style><h1>{escape(_title(report))}</h1>'
            f'<p class="note">{escape(str(c.get("date", "")))} · build {escape(str(c.get("build_id", "")))}'
            f" · {escape(str(c.get('embedder', '')))}</p>{judge}{_config(report)}"
            + _metrics(report) + _matrix(report) + _categories(report) + _latency(report) + _failing(report)
            + "</div>")
    if fragment:
        return body
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(_title(report))}</title></head><body>{body}</body></html>")


def report_page(path: Path, fragment: bool = True) -> str:
    """The newest report under path as HTML, or a short note saying there is none yet."""
    report = latest_report(path)
    if report is None:
        return ('<div class="eval-report"><p>还没有评测报告：运行 <code>assistant eval</code> 或 '
                "<code>make eval</code> 生成。</p></div>")
    return render_html(report, fragment=fragment)
