#!/usr/bin/env python3
"""Draws answer latency against knowledge size from the latency benchmark's CSV.

Usage: python3 scripts/plot_latency.py [benches/latency.csv] [benches/latency.png]
The CSV comes from: taskset -c 0 cargo bench --bench latency -- --csv benches/latency.csv
Rows have a `mode` column (`words` or `semantic`; a CSV without it is all words): words rows
are drawn as before, semantic rows (shipped guide, 1k, 5k) as their own lines.
Needs matplotlib (pip install matplotlib).
"""

import csv
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else "benches/latency.csv"
    target = sys.argv[2] if len(sys.argv) > 2 else "benches/latency.png"
    with open(source, newline="") as f:
        every = sorted(csv.DictReader(f), key=lambda r: int(r["passages"]))
    rows = [r for r in every if r.get("mode", "words") == "words"]
    semantic = [r for r in every if r.get("mode") == "semantic"]
    passages = [int(r["passages"]) for r in rows]

    def column(name: str, of: list[dict] = rows) -> list[float]:
        return [float(r[name]) / 1000.0 for r in of]  # µs → ms

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, label, style in [
        ("p50_us", "words: answer p50", "o-"),
        ("p90_us", "words: answer p90", "s--"),
        ("p99_us", "words: answer p99", "^-"),
        ("update_p50_us", "words: per update p50 (answer + topics + render)", "d:"),
    ]:
        left.plot(passages, column(name), style, label=label)
    if semantic:
        at = [int(r["passages"]) for r in semantic]
        left.plot(at, column("p50_us", semantic), "o-", color="black",
                  label="semantic: answer p50")
        left.plot(at, column("p99_us", semantic), "^--", color="black",
                  label="semantic: answer p99")
        left.axhline(20.0, color="grey", linewidth=0.8, linestyle=":")
        left.annotate("target: semantic p50 ≤ 20 ms, shipped guide", (passages[-1], 20.0),
                      textcoords="offset points", xytext=(0, -10), fontsize=8, color="grey",
                      ha="right")
    left.axhline(2.0, color="grey", linewidth=0.8, linestyle="--")
    left.annotate("target: words p50 ≤ 2 ms at 50k", (passages[-1], 2.0),
                  textcoords="offset points", xytext=(-30, 4), fontsize=8, color="grey",
                  ha="right")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_ylim(bottom=min(column("p50_us")) * 0.6)
    left.set_xlabel("passages in the guide (shipped guide = leftmost point)")
    left.set_ylabel("milliseconds per question (one core)")
    left.set_title("Answer latency against knowledge size")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=7)
    for x, r in zip(passages, rows):
        left.annotate(r["size"], (x, float(r["p50_us"]) / 1000.0), textcoords="offset points",
                      xytext=(4, -12), fontsize=7)

    right.plot(passages, [float(r["index_ms"]) for r in rows], "o-", label="words: index build")
    right.plot(passages, [float(r["open_ms"]) for r in rows], "s--",
               label="words: open built index + prepare word tables")
    right.plot(passages, [float(r["load_ms"]) for r in rows], "^:", label="parse the Markdown")
    if semantic:
        cold = [(int(r["passages"]), float(r["index_ms"])) for r in semantic
                if not math.isnan(float(r["index_ms"]))]
        if cold:
            right.plot([p for p, _ in cold], [ms for _, ms in cold], "o-", color="black",
                       label="semantic: index + embed every text (cold)")
        right.plot([int(r["passages"]) for r in semantic],
                   [float(r["open_ms"]) for r in semantic], "s--", color="black",
                   label="semantic: open with vectors cached (warm)")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("passages in the guide")
    right.set_ylabel("milliseconds, once per start")
    right.set_title("Start-up work against knowledge size")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=7)

    fig.tight_layout()
    fig.savefig(target, dpi=110)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
