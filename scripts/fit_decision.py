#!/usr/bin/env python3
"""Fits the calibrated decision (src/answer/decision.json) from labelled candidate features.

Input: the JSON lines `guidebot eval --features FILE` writes (one per candidate passage of every
answer / no-answer question: its features, its section, and whether it is the expected passage),
once with the embedding model (semantic) and once with `--words`:

    SETS="training eval/blind eval/blind2 eval/blind3 eval/blind4"
    guidebot eval $SETS --features sem.jsonl
    guidebot eval $SETS --words --features words.jsonl
    scripts/fit_decision.py --semantic sem.jsonl --words words.jsonl --accept 0.4 \
        --out src/answer/decision.json

The shipped weights are fitted on nine guides: the tuning sets (`training/`, a copy of
../shared/eval) and the four blind sets whose misses have been read. eval/blind6, blind7 and
blind8 stay out of every fit: they measure guides the weights have not seen.

Two models per mode:
1. rank: a linear score over the features, fitted pairwise (the expected passage against every
   other candidate of the same question), so it learns to order candidates;
2. calibration: a logistic model from a candidate's score, its lead over the best candidate of
   another section, and the question's share of words the guide never uses, to the probability
   that the candidate answers the question.

Sets are grouped by guide (dev_questions and stem-cell share the shipped guide). `--hold-out G`
leaves guide G out of the fit; `--cross-validate` prints, for every guide in turn, the decision
accuracy when that guide is left out. Needs numpy and scikit-learn.
"""

import argparse
import json
import sys
from collections import defaultdict

import numpy as np
from sklearn.linear_model import LogisticRegression

FEATURES = [
    "sim_passage", "sim_adapted", "sim_sentence", "sim_heading", "sim_faq", "sim_lead", "centrality",
    "bm25_share", "bm25", "coverage", "subject_coverage", "subject_meaning", "subject_missing", "coverage_lead",
    "unknown_share",
]
SEMANTIC_ONLY = {"sim_passage", "sim_adapted", "sim_sentence", "sim_heading", "sim_faq", "sim_lead", "centrality",
                 "subject_meaning", "subject_missing"}
# A question-level signal: it cannot order one question's candidates, so it is calibrated only.
NOT_RANKED = {"unknown_share"}
SHIPPED = {"dev_questions", "stem-cell"}
MAX_MARGIN = 3.0  # as in src/answer/librarian.rs


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    by_question = defaultdict(list)
    for row in rows:
        row["features"].setdefault("subject_meaning", 0.0)
        row["features"].setdefault("subject_missing", 0.0)
        row["guide"] = "stem-cell-guide" if row["set"] in SHIPPED else row["set"]
        by_question[(row["set"], row["q"])].append(row)
    return list(by_question.values())


def names(mode):
    return [n for n in FEATURES
            if n not in NOT_RANKED and (mode == "semantic" or n not in SEMANTIC_ONLY)]


def vec(row, ns):
    return np.array([row["features"][n] for n in ns])


def fit_rank(questions, ns, c):
    x, y = [], []
    for cands in questions:
        if cands[0]["expect"] != "answer":
            continue
        pos = [r for r in cands if r["label"]]
        neg = [r for r in cands if not r["label"]]
        for p in pos:
            for n in neg:
                d = vec(p, ns) - vec(n, ns)
                x += [d, -d]
                y += [1, 0]
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=10000).fit(np.array(x), np.array(y))
    return dict(zip(ns, map(float, model.coef_[0])))


def scored(cands, rank):
    """Each candidate's (score, margin) as the bot computes them."""
    scores = [sum(w * r["features"][n] for n, w in rank.items()) for r in cands]
    out = []
    for r, s in zip(cands, scores):
        rivals = [t for q, t in zip(cands, scores) if q["section"] != r["section"]]
        margin = min(s - max(rivals), MAX_MARGIN) if rivals else MAX_MARGIN
        out.append((s, margin))
    return out


def fit_calibration(questions, rank, mode, c):
    ns = [n for n in FEATURES if mode == "semantic" or n not in SEMANTIC_ONLY]
    x, y = [], []
    for cands in questions:
        for r, (s, m) in zip(cands, scored(cands, rank)):
            x.append([s, m] + [r["features"][n] for n in ns])
            y.append(1 if r["label"] else 0)
    model = LogisticRegression(C=c, max_iter=10000).fit(np.array(x), np.array(y))
    w = model.coef_[0]
    features = {n: 0.0 for n in FEATURES}
    features.update({n: float(v) for n, v in zip(ns, w[2:])})
    return {"bias": float(model.intercept_[0]), "score": float(w[0]), "margin": float(w[1]),
            "features": features}


def top(cands, rank, cal):
    best = None
    for r, (s, m) in zip(cands, scored(cands, rank)):
        z = cal["bias"] + cal["score"] * s + cal["margin"] * m + sum(
            w * r["features"][n] for n, w in cal["features"].items())
        p = 1.0 / (1.0 + np.exp(-z))
        if best is None or p > best[1]:
            best = (r, p)
    return best


def accuracy(questions, rank, cal, accept):
    right = 0
    confident = confident_right = 0
    for cands in questions:
        r, p = top(cands, rank, cal)
        answered = p >= accept
        ok = (answered and r["label"]) if r["expect"] == "answer" else not answered
        right += ok
        if p >= 0.8:
            confident += 1
            confident_right += bool(r["label"])
    return right / max(len(questions), 1), len(questions), (confident_right, confident)


def fit_mode(questions, mode, c):
    rank = fit_rank(questions, names(mode), c)
    cal = fit_calibration(questions, rank, mode, c)
    grid = [round(0.25 + 0.025 * i, 3) for i in range(21)]
    accept = max(grid, key=lambda t: (accuracy(questions, rank, cal, t)[0], -abs(t - 0.5)))
    return rank, cal, accept


def held_out_accept(questions, mode, c, fallback):
    """The threshold that decides best on guides the weights were not fitted on: each guide in
    turn is left out, the weights fitted on the others, and every threshold of the grid tried on
    the guide left out; the threshold with the most right decisions over all of them wins (ties:
    the one nearest 0.5). A threshold chosen on the fitted questions themselves is too low: the
    weights already fit them."""
    guides = sorted({q[0]["guide"] for q in questions})
    if len(guides) < 2:
        return fallback
    grid = [round(0.25 + 0.025 * i, 3) for i in range(21)]
    right = {t: 0.0 for t in grid}
    for g in guides:
        train = [q for q in questions if q[0]["guide"] != g]
        test = [q for q in questions if q[0]["guide"] == g]
        rank = fit_rank(train, names(mode), c)
        cal = fit_calibration(train, rank, mode, c)
        for t in grid:
            acc, n, _ = accuracy(test, rank, cal, t)
            right[t] += acc * n
    return max(grid, key=lambda t: (round(right[t], 6), -abs(t - 0.5)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--semantic", required=True)
    ap.add_argument("--words", required=True)
    ap.add_argument("--out")
    ap.add_argument("--hold-out", action="append", default=[])
    ap.add_argument("--cross-validate", action="store_true")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--accept", type=float,
                    help="use this threshold instead of the one that decides best on held-out "
                         "guides (which counts a wrong quote no worse than a decline)")
    args = ap.parse_args()

    data = {"semantic": load(args.semantic), "words": load(args.words)}
    guides = sorted({q[0]["guide"] for q in data["semantic"]})

    if args.cross_validate:
        for mode in ("semantic", "words"):
            for g in guides:
                train = [q for q in data[mode] if q[0]["guide"] != g]
                test = [q for q in data[mode] if q[0]["guide"] == g]
                rank, cal, accept = fit_mode(train, mode, args.c)
                acc, n, (cr, cn) = accuracy(test, rank, cal, accept)
                print(f"{mode:9} held out {g:18} decided right {acc:6.1%} of {n:3} "
                      f"(score>=0.8 right {cr}/{cn}; accept {accept})")

    out = {"note": "fitted by scripts/fit_decision.py; guides held out of this fit: "
                   + (", ".join(args.hold_out) or "none")}
    accepts = []
    for mode in ("semantic", "words"):
        train = [q for q in data[mode] if q[0]["guide"] not in args.hold_out]
        rank, cal, accept = fit_mode(train, mode, args.c)
        accept = args.accept if args.accept is not None else held_out_accept(
            train, mode, args.c, accept)
        accepts.append(accept)
        out[mode] = {
            "rank": {n: round(rank.get(n, 0.0), 4) for n in FEATURES},
            "calibration": {
                "bias": round(cal["bias"], 4), "score": round(cal["score"], 4),
                "margin": round(cal["margin"], 4),
                "features": {n: round(v, 4) for n, v in cal["features"].items()},
            },
        }
        acc, n, _ = accuracy(train, rank, cal, accept)
        print(f"{mode:9} fitted on {n} questions: decided right {acc:6.1%} (accept {accept})",
              file=sys.stderr)
    out["accept"] = accepts[0]
    out["suggest"] = round(max(0.1, accepts[0] - 0.25), 3)
    text = json.dumps(out, indent=2) + "\n"
    if args.out:
        open(args.out, "w", encoding="utf-8").write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
