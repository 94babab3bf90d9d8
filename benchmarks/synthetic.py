"""A synthetic policy corpus for scale tests, made by recombining the plan's own clause structures.

Each document is a Hubei-style action plan: front matter (印发通知, issuer, date, title), a
preamble, chapters 一、二、…, sub-sections （一）（二）…, numbered items 1. 2. … (sometimes
（1）（2）… below them) and labelled paragraphs (行动路径：/行动重点：/行动目标：). Sentences come
from the real plan, shuffled, and words are substituted from a vocabulary (cities, industries,
years, numbers), so texts are distinct but read like the real thing. Generation is
deterministic: document i is the same whatever the total, so the 1k corpus is a prefix of the 10k
one, which is a prefix of the 50k one (their embeddings are shared through the cache).

Example:
    python benchmarks/synthetic.py --clauses 50000 --out /tmp/zz-scale/corpus-50000
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PLAN = REPO_ROOT / "knowledge" / "policies" / "hubei-2014-intelligent-equipment-action-plan.txt"

CITIES = ["武汉", "襄阳", "宜昌", "黄石", "十堰", "荆州", "荆门", "鄂州", "孝感", "黄冈", "咸宁", "随州",
          "恩施", "仙桃", "天门", "潜江", "神农架"]
INDUSTRIES = ["智能制造装备", "工业机器人", "高档数控机床", "3D打印装备", "激光加工装备", "智能传感器",
              "新能源汽车装备", "航空航天装备", "轨道交通装备", "海洋工程装备", "医疗器械", "农业机械",
              "节能环保装备", "光电子信息装备", "集成电路装备", "智能检测装备", "工业软件", "增材制造"]
DOC_TYPES = ["行动方案", "实施意见", "若干措施", "实施细则", "扶持办法", "三年行动计划", "工作方案"]
ISSUERS = ["{city}市人民政府办公室", "{city}市经济和信息化局", "{city}市科学技术局", "{city}市发展和改革委员会",
           "湖北省经济和信息化厅", "湖北省科学技术厅"]
CHAPTERS = ["指导思想", "发展目标", "重点任务", "主要行动", "重点领域", "支持政策", "保障措施", "组织实施",
            "资金管理", "申报条件", "认定程序", "监督管理"]
ACTIONS = ["创新驱动", "成套集成", "示范应用", "品牌培育", "人才引进", "融资支持", "园区建设", "数字化转型",
           "绿色制造", "质量提升", "开放合作", "服务型制造"]
LABELS = ["行动路径", "行动重点", "行动目标", "支持方式", "申报条件", "责任单位", "工作要求"]
SUBSTITUTE_INDUSTRY = ["智能制造装备", "工业机器人", "数控机床", "3D打印", "激光装备"]
SUBSTITUTE_CITY = ["武汉", "襄阳", "宜昌", "孝感", "荆州", "黄石"]
_SENTENCE = re.compile(r"[^。；]+[。；]")
_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d+(?![0-9A-Za-z])")
CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """1..99 in Chinese numerals (一, 十, 十二, 二十三)."""
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + "十" + (CN[ones - 1] if ones else "")


def _sentences(text: str) -> list[str]:
    """The plan's body sentences, without numbering or labels."""
    out = []
    for line in text.splitlines():
        line = line.strip(" \u3000")
        line = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|——)", "", line)
        line = re.sub(r"^[\u4e00-\u9fff]{2,6}：", "", line)
        out.extend(s for s in _SENTENCE.findall(line) if 12 <= len(s) <= 160)
    return out


@dataclass
class SyntheticDocument:
    doc_id: str
    title: str
    text: str
    meta_yaml: str


class CorpusGenerator:
    """Deterministic documents built from the plan's sentences; `document(i)` depends on i only."""

    def __init__(self, seed: int = 20140326, plan_text: str | None = None) -> None:
        self.seed = seed
        self.pool = _sentences(plan_text if plan_text is not None else PLAN.read_text(encoding="utf-8"))
        if not self.pool:
            raise ValueError("the plan text has no sentences to recombine")

    def _sentence(self, rng: random.Random, city: str, industry: str, year: int) -> str:
        s = rng.choice(self.pool)
        for word in SUBSTITUTE_INDUSTRY:
            if word in s and rng.random() < 0.7:
                s = s.replace(word, rng.choice([industry, rng.choice(INDUSTRIES)]))
        for word in SUBSTITUTE_CITY:
            if word in s and rng.random() < 0.7:
                s = s.replace(word, rng.choice([city, rng.choice(CITIES)]))
        s = _NUMBER.sub(lambda m: str(max(1, int(m.group()) + rng.randint(-3, 9))) if len(m.group()) < 4
                        else str(year + rng.randint(0, 5)), s)
        return s

    def _paragraph(self, rng: random.Random, ctx: tuple[str, str, int], lo: int = 1, hi: int = 3) -> str:
        sentences = [self._sentence(rng, *ctx) for _ in range(rng.randint(lo, hi))]
        rng.shuffle(sentences)
        text = "".join(sentences)
        return text[:-1] + "。" if text.endswith("；") else text

    def document(self, i: int) -> SyntheticDocument:
        rng = random.Random(self.seed * 1_000_003 + i)
        city, industry, year = rng.choice(CITIES), rng.choice(INDUSTRIES), rng.randint(2014, 2025)
        doc_type = rng.choice(DOC_TYPES)
        issuer = rng.choice(ISSUERS).format(city=city)
        title = f"{city}市加快{industry}产业发展{doc_type}（{year}年第{i + 1}号）"
        ctx = (city, industry, year)
        lines = [
            f"为贯彻落实《加快全省智能制造装备产业发展行动方案》，推动{city}市{industry}产业高质量发展，"
            f"现将《{title}》印发给你们，请认真贯彻执行。",
            issuer,
            f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            title,
            self._paragraph(rng, ctx, 2, 3),
        ]
        chapters = rng.sample(CHAPTERS, rng.randint(4, 6))
        for c, chapter in enumerate(chapters, 1):
            lines.append(f"{_cn(c)}、{chapter}")
            for _ in range(rng.randint(1, 2)):  # chapter-level paragraphs or targets with dashes
                lines.append(("——" if rng.random() < 0.3 else "") + self._paragraph(rng, ctx))
            for s in range(1, rng.randint(2, 4) + 1):
                lines.append(f"（{_cn(s)}）实施“{rng.choice(ACTIONS)}行动”，{self._sentence(rng, *ctx)[:18]}")
                if rng.random() < 0.35:  # labelled paragraphs, as in 四、行动典型载体
                    for label in rng.sample(LABELS, rng.randint(2, 4)):
                        lines.append(f"{label}：{self._paragraph(rng, ctx)}")
                    continue
                for n in range(1, rng.randint(2, 5) + 1):
                    head = self._sentence(rng, *ctx)[:10].rstrip("，。；")
                    lines.append(f"{n}.{head}。{self._paragraph(rng, ctx)}")
                    if rng.random() < 0.15:  # a deeper level now and then
                        for m in range(1, rng.randint(2, 3) + 1):
                            lines.append(f"（{m}）{self._paragraph(rng, ctx, 1, 2)}")
        text = "\n\n".join("\u3000\u3000" + line for line in lines) + "\n"
        doc_id = f"synthetic-{i:05d}"
        meta = "\n".join([
            f"doc_id: {doc_id}",
            f"title: {title}",
            f"issuer: {issuer}",
            f"issue_date: {year}-01-01",
            f"doc_type: {doc_type}",
            f"effective_from: {year}-01-01",
            f"effective_to: {year + 3}-12-31",
            "source: synthetic benchmark corpus (benchmarks/synthetic.py)",
            f"region: 湖北省{city}市",
        ]) + "\n"
        return SyntheticDocument(doc_id, title, text, meta)

    def documents(self, clauses: int) -> Iterator[tuple[SyntheticDocument, int]]:
        """Documents 0, 1, … with their clause counts, until at least `clauses` clauses in all."""
        from assistant.documents.clauses import parse_clauses

        total, i = 0, 0
        while total < clauses:
            doc = self.document(i)
            n = len(parse_clauses(doc.doc_id, doc.text))
            total += n
            i += 1
            yield doc, n


def write_corpus(folder: Path, clauses: int, seed: int = 20140326, include_plan: bool = True) -> tuple[int, int]:
    """Write `<folder>/policies/*.txt` (+ .meta.yaml) and links to the shipped lexicon and catalogue."""
    policies = folder / "policies"
    policies.mkdir(parents=True, exist_ok=True)
    for name in ("lexicon", "documents", "catalogue.yaml", "vocabulary.yaml"):  # the shipped knowledge beside
        link, source = folder / name, REPO_ROOT / "knowledge" / name
        if source.exists() and not link.exists():
            link.symlink_to(source, target_is_directory=source.is_dir())
    docs = total = 0
    if include_plan:  # the real plan too, so the gold questions still have their answers
        for src in PLAN.parent.glob("hubei-2014-intelligent-equipment-action-plan.*"):
            (policies / src.name).write_bytes(src.read_bytes())
        from assistant.documents.clauses import parse_clauses

        total += len(parse_clauses("plan", PLAN.read_text(encoding="utf-8")))
        docs += 1
    for doc, n in CorpusGenerator(seed).documents(clauses - total):
        (policies / f"{doc.doc_id}.txt").write_text(doc.text, encoding="utf-8")
        (policies / f"{doc.doc_id}.meta.yaml").write_text(doc.meta_yaml, encoding="utf-8")
        docs += 1
        total += n
    return docs, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clauses", type=int, default=1000, help="at least this many clauses (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="knowledge folder to write")
    parser.add_argument("--seed", type=int, default=20140326)
    args = parser.parse_args(argv)
    docs, total = write_corpus(args.out, args.clauses, args.seed)
    print(f"{docs} documents, {total} clauses → {args.out}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO_ROOT))
    sys.exit(main())
