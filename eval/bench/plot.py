"""growth.png: retrieval latency, disk and memory against corpus size (log scales).

Out of scope: the measurements themselves (growth.py).
"""

from __future__ import annotations

from pathlib import Path

def plot_growth(growth: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pts = [e for e in growth["sizes"].values() if "p50_ms" in e]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    if not pts:
        fig.text(0.5, 0.5, "no growth size was measured (see bench.json)", ha="center")
        fig.savefig(path, dpi=100)
        plt.close(fig)
        return
    xs = [e["papers"] for e in pts]
    real = [i for i, e in enumerate(pts) if not e["synthetic_embeddings"]]
    synth = [i for i, e in enumerate(pts) if e["synthetic_embeddings"]]

    def series(ax, key, label, color):
        ys = [e.get(key) for e in pts]
        ax.plot(xs, ys, "-", color=color, label=label)
        ax.plot([xs[i] for i in real], [ys[i] for i in real], "o", color=color)
        ax.plot([xs[i] for i in synth], [ys[i] for i in synth], "o", color=color, mfc="white")

    ax = axes[0]
    series(ax, "p50_ms", "retrieval p50", "tab:blue")
    series(ax, "p95_ms", "retrieval p95", "tab:orange")
    srv = growth.get("chroma_server_100x", {})
    if "p50_ms" in srv:
        ax.plot([srv["papers"]] * 2, [srv["p50_ms"], srv["p95_ms"]], "s", color="tab:green", label="chroma run server (p50, p95)")
    ax.axhline(30, color="grey", ls=":", label="p50 goal at 1x (30 ms)")
    ax.set(xscale="log", yscale="log", xlabel="papers (log)", ylabel="ms per question (log)", title="Retrieval latency")
    ax.legend(fontsize=8, loc="lower right")
    ax = axes[1]
    series(ax, "disk_mb", "data dir on disk", "tab:purple")
    ax.set(xscale="log", yscale="log", xlabel="papers (log)", ylabel="MB (log)", title="Index size on disk")
    ax = axes[2]
    series(ax, "peak_rss_mb", "peak RSS (VmHWM)", "tab:red")
    series(ax, "rss_mb", "RSS after the questions", "tab:brown")
    ax.set(xscale="log", yscale="log", xlabel="papers (log)", ylabel="MB (log)", title="Retriever process memory")
    ax.legend(fontsize=8)
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    plain = FuncFormatter(lambda v, _pos: f"{v:,.0f}" if v >= 1 else f"{v:g}")
    for ax in axes:
        ax.set_xticks(xs)
        ax.set_xticklabels([f"{x:,}\n({e['size']}x)" for x, e in zip(xs, pts)])
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.grid(True, which="major", alpha=0.3)
    fig.suptitle("Growth (hollow markers: synthesized embeddings)")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
