#!/usr/bin/env python3
"""Draws answer latency against knowledge size from the latency benchmark's CSV.

Usage: python3 scripts/plot_latency.py [benches/latency.csv] [benches/latency.png]
The CSV comes from: taskset -c 0 cargo bench --bench latency -- --csv benches/latency.csv
Needs matplotlib (pip install matplotlib).
"""

import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else "benches/latency.csv"
    target = sys.argv[2] if len(sys.argv) > 2 else "benches/latency.png"
    with open(source, newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["passages"]))
    passages = [int(r["passages"]) for r in rows]

    def column(name: str) -> list[float]:
        return [float(r[name]) / 1000.0 for r in rows]  # µs → ms

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, label, style in [
        ("p50_us", "answer p50", "o-"),
        ("p90_us", "answer p90", "s--"),
        ("p99_us", "answer p99", "^-"),
        ("update_p50_us", "per update p50 (answer + topics + render)", "d:"),
    ]:
        left.plot(passages, column(name), style, label=label)
    left.axhline(2.0, color="grey", linewidth=0.8, linestyle="--")
    left.annotate("target: p50 ≤ 2 ms at 50k", (passages[0], 2.0), textcoords="offset points",
                  xytext=(0, 4), fontsize=8, color="grey")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_ylim(bottom=min(column("p50_us")) * 0.6)
    left.set_xlabel("passages in the guide (shipped guide = leftmost point)")
    left.set_ylabel("milliseconds per question (one core)")
    left.set_title("Answer latency against knowledge size")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8)
    for x, r in zip(passages, rows):
        left.annotate(r["size"], (x, float(r["p50_us"]) / 1000.0), textcoords="offset points",
                      xytext=(4, -12), fontsize=7)

    right.plot(passages, [float(r["index_ms"]) for r in rows], "o-", label="index build")
    right.plot(passages, [float(r["open_ms"]) for r in rows], "s--",
               label="open built index + prepare word tables")
    right.plot(passages, [float(r["load_ms"]) for r in rows], "^:", label="parse the Markdown")
    right.set_xscale("log")
    right.set_yscale("log")
    right.set_xlabel("passages in the guide")
    right.set_ylabel("milliseconds, once per start")
    right.set_title("Start-up work against knowledge size")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=8)

    fig.tight_layout()
    fig.savefig(target, dpi=110)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
