"""Evaluation: question-answer checks (JSONL) -> the answering function -> judge-free metrics,
overall and per kind -> report.md, results.jsonl, metrics.json, metrics.png.

Item format (one JSON object per line): id, kind (factoid | comparative | aggregate | metadata
| unanswerable | multi_turn), question, turns (multi_turn: all user turns, the last being
question), gold_titles, must_include, notes. Gold titles match papers by normalised title.

Metrics, none needing an LLM judge:
* retrieval: recall@k and MRR over gold papers, nDCG@k (binary gains, ideal DCG over
  min(|gold|, k) hits), and for comparative/aggregate items the share whose gold papers are
  all in the context (all_gold@k); for comparative items, the share whose compared papers, as
  the question was understood (`Answer.about`), are exactly the gold papers (targets_right);
* answers: must-include accuracy (every string present), citation precision (cited papers
  that are gold) and recall (gold papers cited), invalid-citation rate (markers that map to
  nothing, over all markers), refusal accuracy (unanswerable refused, answerable not),
  ungrounded numbers (numbers an answer states as fact that none of its cited sources' title,
  people, date, venue or quoted passage contains, and that are not listed as unsupported);
* latency per stage (retrieval, generation, total) and to the first piece of answer text
  (first_token, what a reader waits for): p50 and p95.

Out of scope: LLM-as-judge scoring, answer fluency, statistical significance.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import plain_title
from .errors import AssistantError, ConfigError

KINDS = ("factoid", "comparative", "aggregate", "metadata", "unanswerable", "multi_turn")
EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"
# dev: tune on it. test: written before tuning from papers and phrasings not looked at, frozen.
SPLITS = {"dev": EVAL_DIR / "dev.jsonl", "test": EVAL_DIR / "test.jsonl"}
DEFAULT_QUESTIONS = SPLITS["dev"]
# The metrics the gate and the report show, in order; "lower is better" ones are marked.
HEADLINE = ["recall@k", "mrr", "ndcg@k", "all_gold@k", "targets_right", "must_include", "cite_precision", "cite_recall",
            "invalid_cite_rate", "refusal_acc", "ungrounded_numbers"]
LOWER_IS_BETTER = {"invalid_cite_rate", "ungrounded_numbers"}


@dataclass
class Item:
    id: str
    kind: str
    question: str
    gold_titles: list[str]
    must_include: list[str]
    turns: list[str] = field(default_factory=list)
    notes: str = ""


def load_items(path: Path) -> list[Item]:
    items = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read questions file {str(path)!r}: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            item = Item(id=str(d["id"]), kind=d["kind"], question=d["question"], gold_titles=list(d.get("gold_titles", [])),
                        must_include=list(d.get("must_include", [])), turns=list(d.get("turns") or []), notes=d.get("notes", ""))
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise ConfigError(f"{path}:{n}: not a valid question item ({e.__class__.__name__}: {e}).") from None
        if item.kind not in KINDS:
            raise ConfigError(f"{path}:{n}: kind {item.kind!r} is not one of {', '.join(KINDS)}.")
        items.append(item)
    if not items:
        raise ConfigError(f"{path} holds no question items.")
    return items


# ---- metrics ------------------------------------------------------------------------------
def retrieval_scores(retrieved: list[str], gold: list[str], k: int) -> dict[str, float]:
    gold_n = {plain_title(g) for g in gold}
    ranked = [plain_title(t) for t in retrieved[:k]]
    rel = [1 if t in gold_n else 0 for t in ranked]
    found = {t for t in ranked if t in gold_n}
    first = next((i for i, r in enumerate(rel, 1) if r), None)
    dcg = sum(r / math.log2(i + 1) for i, r in enumerate(rel, 1))
    idcg = sum(1 / math.log2(i + 1) for i in range(1, min(len(gold_n), k) + 1))
    return {
        "recall@k": len(found) / len(gold_n),
        "mrr": 1 / first if first else 0.0,
        "ndcg@k": dcg / idcg if idcg else 0.0,
        "all_gold@k": 1.0 if found == gold_n else 0.0,
    }


def answer_scores(item: Item, answer: dict) -> dict[str, float]:
    text = answer["answer"].lower()
    gold_n = {plain_title(g) for g in item.gold_titles}
    cited = {plain_title(c["title"]) for c in answer["citations"]}
    n_markers = len(answer["citations"]) + len(answer.get("invalid_markers", []))
    # A near-miss is refused when the answer says the asked thing is not reported, in part
    # or whole; an answerable question must not be refused whole.
    refused = answer["refused"] or (item.kind == "unanswerable" and bool(answer.get("refused_parts")))
    scores = {
        "refusal_acc": 1.0 if refused == (item.kind == "unanswerable") else 0.0,
        "invalid_cite_rate": len(answer.get("invalid_markers", [])) / n_markers if n_markers else 0.0,
    }
    if item.kind == "comparative" and gold_n:
        scores["targets_right"] = 1.0 if {plain_title(t) for t in answer.get("about", [])} == gold_n else 0.0
    if item.kind != "unanswerable":
        scores["must_include"] = 1.0 if all(s.lower() in text for s in item.must_include) else 0.0
        scores["cite_recall"] = len(cited & gold_n) / len(gold_n) if gold_n else 0.0
        if cited:
            scores["cite_precision"] = len(cited & gold_n) / len(cited)
    # Extractive answers quote their sources (their numbers are list positions and counts).
    if "sources" in answer and not answer["refused"] and not str(answer.get("mode", "")).startswith("extractive"):
        scores["ungrounded_numbers"] = float(len(ungrounded_numbers(answer)))
    return scores


def ungrounded_numbers(answer: dict) -> set[str]:
    """Numbers the answer states that no cited source holds and the answer does not flag."""
    from .answer.attribution import numbers_in
    from .text import MARKER

    grounded = " ".join(" ".join(str(s.get(f, "")) for f in ("title", "authors", "date", "venue", "passage"))
                        for s in answer.get("sources", []))
    have = numbers_in(grounded) | numbers_in(" ".join(answer.get("unsupported", [])))
    have |= {h.rstrip("x%") for h in have}
    return {n for n in numbers_in(MARKER.sub("", answer["answer"])) if n not in have and n.rstrip("x%") not in have}


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    v = sorted(values)
    pos = (len(v) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def aggregate(rows: list[dict]) -> dict:
    """Mean of each score over the items that have it; latency percentiles per stage."""

    def summary(subset: list[dict]) -> dict:
        out: dict = {"n": len(subset)}
        for name in HEADLINE:
            vals = [r["scores"][name] for r in subset if name in r["scores"]]
            if name == "all_gold@k":
                vals = [r["scores"][name] for r in subset if name in r["scores"] and r["kind"] in ("comparative", "aggregate")]
            out[name] = round(sum(vals) / len(vals), 4) if vals else None
        for stage in ("retrieval", "generation", "total", "first_token"):
            vals = [r["timings"].get(stage, 0.0) for r in subset if r.get("timings")]
            out[f"{stage}_p50_ms"] = round(1000 * percentile(vals, 0.5), 1)
            out[f"{stage}_p95_ms"] = round(1000 * percentile(vals, 0.95), 1)
        return out

    kinds = {k: summary([r for r in rows if r["kind"] == k]) for k in KINDS if any(r["kind"] == k for r in rows)}
    return {"overall": summary(rows), "per_kind": kinds}


# ---- running ------------------------------------------------------------------------------
def run_item(assistant, item: Item, k: int) -> dict:
    from .answer import Turn

    history: list[Turn] = []
    turns = item.turns or [item.question]
    answer = None
    error = ""
    t0 = time.perf_counter()
    for q in turns:
        try:
            answer = assistant.ask(q, history, k=k)
            history.append(Turn(q, answer))
        except AssistantError as e:
            error = str(e)
            answer = None
            break
    elapsed = time.perf_counter() - t0
    if answer is None:
        data = {"answer": "", "mode": assistant.mode, "standalone_question": item.question, "citations": [],
                "sources": [], "refused": False, "refused_parts": [], "invalid_markers": [], "retrieved": [], "timings": {"total": elapsed}}
    else:
        data = answer.to_json()
    scores = retrieval_scores(data["retrieved"], item.gold_titles, k) if item.gold_titles else {}
    scores |= answer_scores(item, data)
    if item.kind not in ("comparative", "aggregate"):
        scores.pop("all_gold@k", None)
    return {
        "id": item.id, "kind": item.kind, "question": item.question, "answer": data["answer"],
        "citations": data["citations"], "sources": data["sources"], "retrieved": data["retrieved"],
        "standalone_question": data["standalone_question"], "mode": data["mode"], "refused": data["refused"],
        "refused_parts": data.get("refused_parts", []), "unsupported": data.get("unsupported", []),
        "notice": data.get("notice", ""), "plan_kind": data.get("kind", ""), "about": data.get("about", []),
        "gold_titles": item.gold_titles, "must_include": item.must_include, "error": error,
        "timings": data.get("timings", {}), "scores": scores,
    }


def evaluate(assistant, items: list[Item], k: int, progress: Callable[[int, int], None] | None = None) -> tuple[list[dict], dict]:
    rows = []
    for i, item in enumerate(items, 1):
        rows.append(run_item(assistant, item, k))
        if progress:
            progress(i, len(items))
    metrics = aggregate(rows)
    metrics["k"] = k
    metrics["mode"] = assistant.mode
    return rows, metrics


# ---- report ---------------------------------------------------------------------------------
def table(metrics: dict) -> str:
    cols = ["n"] + HEADLINE + ["retrieval_p50_ms", "retrieval_p95_ms", "generation_p50_ms", "generation_p95_ms",
                               "total_p50_ms", "total_p95_ms", "first_token_p50_ms", "first_token_p95_ms"]
    head = "| kind | " + " | ".join(c.replace("@k", f"@{metrics['k']}") for c in cols) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]
    for name, m in [("**overall**", metrics["overall"])] + list(metrics["per_kind"].items()):
        cells = ["–" if m.get(c) is None else (f"{m[c]:.3f}" if isinstance(m[c], float) and c in HEADLINE else str(m[c])) for c in cols]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_report(rows: list[dict], metrics: dict, out: Path, floors: dict | None = None) -> list[str]:
    """Writes the four files; returns the gate's failures (metric below its floor)."""
    out.mkdir(parents=True, exist_ok=True)
    with (out / "results.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    failures = check_floors(metrics, floors) if floors else []
    (out / "metrics.json").write_text(json.dumps(metrics | {"gate_failures": failures}, indent=2))
    failed = [r for r in rows if any(v < 1.0 for n, v in r["scores"].items() if n not in LOWER_IS_BETTER and n != "mrr")]
    md = [f"# Evaluation report ({metrics['mode']}, k={metrics['k']}, {metrics['overall']['n']} items)", "",
          table(metrics), "", "![metrics per kind](metrics.png)", ""]
    if floors:
        md += ["## Gate", "", "All metrics at or above their floors." if not failures else
               "Below the floor: " + "; ".join(failures), ""]
    md += [f"## Items with a score below 1 ({len(failed)})", ""]
    for r in failed:
        low = ", ".join(f"{n}={v:.2f}" for n, v in r["scores"].items() if v < 1.0 and n not in LOWER_IS_BETTER)
        md.append(f"- `{r['id']}` ({r['kind']}) {r['question']} — {low}")
    (out / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    plot(metrics, out / "metrics.png")
    return failures


def plot(metrics: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [n for n in HEADLINE if n not in LOWER_IS_BETTER]
    groups = [("overall", metrics["overall"])] + list(metrics["per_kind"].items())
    fig, ax = plt.subplots(figsize=(12, 5))
    width = 0.8 / len(groups)
    for g, (label, m) in enumerate(groups):
        vals = [m.get(n) if m.get(n) is not None else 0 for n in names]
        ax.bar([i + g * width for i in range(len(names))], vals, width, label=f"{label} (n={m['n']})")
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(names))])
    ax.set_xticklabels([n.replace("@k", f"@{metrics['k']}") for n in names], rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"Evaluation per kind ({metrics['mode']})")
    ax.legend(fontsize=8, ncol=4)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def check_floors(metrics: dict, floors: dict) -> list[str]:
    failures = []
    for scope, wanted in floors.items():
        if scope.startswith("_"):
            continue
        have = metrics["overall"] if scope == "overall" else metrics["per_kind"].get(scope, {})
        for name, floor in wanted.items():
            value = have.get(name)
            if value is None:
                continue
            bad = value > floor if name in LOWER_IS_BETTER else value < floor
            if bad:
                failures.append(f"{scope} {name} = {value:.3f} ({'above the ceiling' if name in LOWER_IS_BETTER else 'below the floor'} {floor})")
    return failures


def floors_for(questions: Path) -> dict | None:
    """The floors for a questions file: floors.json beside it, keyed by the file's stem
    ("dev", "test"), or the whole file when it holds one set."""
    path = questions.parent / "floors.json"
    if not path.is_file():
        return None
    floors = json.loads(path.read_text())
    return floors.get(questions.stem) if questions.stem in floors else (floors if "overall" in floors else None)
