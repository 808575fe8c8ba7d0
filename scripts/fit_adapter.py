#!/usr/bin/env python3
"""Fits the question adapter (src/answer/adapter.bin): a matrix W such that the question's
vector W q, normalised, is closer to the passage that answers it than to the guide's other
passages. Patients write "the tight socks" where guides write "compression stockings"; a map
learned on many guides' labelled questions carries some of that over to guides it never saw.

Input: the files `scripts/adapter-data DIR` writes (one per read guide: passage and question
vectors, the first line naming the model). Loss: for each answerable question, softmax cross
entropy over all passages of its guide, of (W q) . p / tau; W starts at the identity and an L2
pull towards it (--pull) keeps it close; full-batch gradient descent.

    scripts/adapter-data /tmp/adapter-data
    scripts/fit_adapter.py /tmp/adapter-data --out src/answer/adapter.bin
    scripts/fit_adapter.py /tmp/adapter-data --cross-validate   # each guide left out in turn

`--hold-out G` leaves guide G (a file name without .jsonl; "a@b" files are guide a) out of the
fit, for held-out evaluation (`guidebot eval --adapter`). Needs numpy.
"""

import argparse
import glob
import json
import os
import sys

import numpy as np


def load(path):
    passages, questions, labels = [], [], []
    model = None
    for line in open(path, encoding="utf-8"):
        row = json.loads(line)
        if "model_id" in row:
            model = row["model_id"]
        elif row["kind"] == "p":
            passages.append(row["vec"])
        elif row["right"]:  # an answerable question, with the passages that answer it
            questions.append(row["vec"])
            labels.append(row["right"])
    return model, {"P": np.array(passages), "Q": np.array(questions), "labels": labels}


def group(name):
    return name.split("@")[0]


def fit(guides, pull, tau, steps, rate):
    dim = next(iter(guides.values()))["P"].shape[1]
    eye = np.eye(dim)
    w = eye.copy()
    count = sum(len(g["labels"]) for g in guides.values())
    for _ in range(steps):
        grad = np.zeros((dim, dim))
        for g in guides.values():
            scores = (g["Q"] @ w.T) @ g["P"].T / tau
            scores -= scores.max(1, keepdims=True)
            prob = np.exp(scores)
            prob /= prob.sum(1, keepdims=True)
            target = np.zeros_like(prob)
            for i, right in enumerate(g["labels"]):
                target[i, right] = 1.0 / len(right)
            grad += ((prob - target) / tau @ g["P"]).T @ g["Q"]
        grad = grad / count + 2 * pull * (w - eye)
        w -= rate * grad
    return w


def top1(w, g):
    q = g["Q"] @ w.T
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    best = (q @ g["P"].T).argmax(1)
    return sum(int(b in right) for b, right in zip(best, g["labels"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="folder written by scripts/adapter-data")
    ap.add_argument("--out", help="adapter file to write")
    ap.add_argument("--hold-out", action="append", default=[], help="leave this guide out")
    ap.add_argument("--cross-validate", action="store_true")
    ap.add_argument("--pull", type=float, default=0.01)
    ap.add_argument("--tau", type=float, default=0.05)
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--rate", type=float, default=0.5)
    args = ap.parse_args()

    guides, models = {}, set()
    for path in sorted(glob.glob(os.path.join(args.data, "*.jsonl"))):
        model, data = load(path)
        models.add(model)
        guides[os.path.basename(path)[: -len(".jsonl")]] = data
    if len(models) != 1:
        sys.exit(f"the data comes from {len(models)} models; embed every guide with one")
    model = models.pop()
    params = (args.pull, args.tau, args.steps, args.rate)

    if args.cross_validate:
        base = adapted = total = 0
        for name, g in guides.items():
            rest = {n: d for n, d in guides.items() if group(n) != group(name)}
            w = fit(rest, *params)
            b, a, n = top1(np.eye(w.shape[0]), g), top1(w, g), len(g["labels"])
            base, adapted, total = base + b, adapted + a, total + n
            print(f"{name:32s} nearest passage right: {b:3d}/{n} -> {a:3d}/{n} adapted")
        print(f"{'total':32s} nearest passage right: {base:3d}/{total} -> {adapted:3d}/{total} adapted")

    if args.out:
        kept = {n: d for n, d in guides.items() if group(n) not in args.hold_out}
        if len(kept) == len(guides) and args.hold_out:
            sys.exit(f"no guide named {args.hold_out}")
        w = fit(kept, *params)
        with open(args.out, "wb") as f:
            f.write(f"guidebot-adapter-v1\n{model}\n{w.shape[0]}\n".encode())
            f.write(w.astype("<f4").tobytes())
        print(f"adapter fitted on {len(kept)} guides written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
