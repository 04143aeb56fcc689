"""The benchmark's table: one `Row` per figure (value, reference, ratio, goal, status), printed
with the load average each section started under.

Out of scope: which rows exist (rows.py).
"""

from __future__ import annotations

from dataclasses import dataclass

@dataclass
class Row:
    section: str
    name: str
    value: float | None
    unit: str  # "s", "ms", "MB", "" (a plain number)
    ref: float | None = None
    ref_label: str = ""
    goal: str = ""  # e.g. "< 2 s"; empty: no goal, figure only
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or self.ref in (None, 0):
            return None
        return self.value / self.ref

    def to_json(self) -> dict:
        return {"section": self.section, "name": self.name, "value": self.value, "unit": self.unit, "ref": self.ref,
                "ref_label": self.ref_label, "ratio": self.ratio, "goal": self.goal, "met": self.met, "note": self.note}


def fmt(v: float | None, unit: str) -> str:
    if v is None or v != v:
        return "—"
    if unit == "s":
        return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"
    if unit == "ms":
        return f"{v:.3f} ms" if v < 1 else f"{v:.1f} ms" if v < 100 else f"{v:.0f} ms"
    if unit == "MB":
        return f"{v:.0f} MB" if v >= 10 else f"{v:.1f} MB"
    if unit == "x":
        return f"{v:.2f}x"
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:.3f}"


SECTION_KEYS = {"ingest": "ingest", "start-up": "startup", "query path": "query", "vs plain": "side_by_side",
                "growth": "growth", "memory": "memory",
                "concurrency": "concurrency", "lexical": "components"}


def print_table(rows: list[Row], footnotes: list[str], loads: dict[str, float] | None = None) -> str:
    head = ["measurement", "value", "reference", "ratio", "goal", "status"]
    body = []
    for r in rows:
        if r.ref is not None:
            ref = fmt(r.ref, r.unit) + (f" ({r.ref_label})" if r.ref_label else "")
        else:
            ref = r.ref_label or "—"
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        if r.met is None:
            status = "not measured" if r.goal else "—"
        else:
            status = ("met" if r.met else "NOT met") + f" ({fmt(r.value, r.unit)})"
        body.append([r.name, fmt(r.value, r.unit) + (f" {r.note}" if r.note else ""), ref, ratio, r.goal or "—", status])
    widths = [max(len(x[i]) for x in body + [head]) for i in range(len(head))]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(head), line(["-" * w for w in widths])]
    prev = None
    for r, cells in zip(rows, body):
        if r.section != prev:
            key = next((v for k, v in SECTION_KEYS.items() if r.section.startswith(k)), None)
            load = (loads or {}).get(key)
            out.append(f"[{r.section}]" + (f"  (load average {load:.1f} when it started)" if load is not None else ""))
        prev = r.section
        out.append(line(cells))
    out += [""] + footnotes
    text = "\n".join(out)
    print(text, flush=True)
    return text
