#!/usr/bin/env python3
"""How well the calibrated decision decides on guides it was not fitted on, at every answer
threshold, with and without the subject gates (`never_quoted` in src/answer/librarian.rs).

Input: `guidebot eval --features` files, one per guide, each measured with a question adapter
that never saw that guide (scripts/decision-study writes them). For each guide in turn, the
decision is refitted on the others (scripts/fit_decision.py's rank and calibration) and decides
that guide's answer and no-answer questions; the shipped src/answer/decision.json decides them
too. Printed per setting: answerable questions answered with the right passage, not-covered
questions declined, and answers with probability >= 0.8 that were right. Compare settings at
equal declines: a threshold trades one for the other.

    scripts/decision_curve.py FEATURES.jsonl...      # needs numpy and scikit-learn
"""

import json
import math
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fit_decision as fd  # noqa: E402

# The semantic mode's subject gates, as in src/answer/librarian.rs.
SUBJECT_MEANT_MIN = 0.3
CLOSE_MEANING = 0.5
SUBJECT_MISSING_MAX = 0.4
SUBJECT_MISSING_OVERRULED = 0.5
SUBJECT_MOSTLY_MISSING = 0.6
SUBJECT_MOSTLY_MISSING_OVERRULED = 0.7
UNRELATED_MEANING = 0.15
THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]


def meaning(f):
    return max(f["sim_passage"], f["sim_sentence"], f["sim_faq"], 0.8 * f["sim_heading"])


def overruled_from(missing):
    if missing < SUBJECT_MOSTLY_MISSING:
        return SUBJECT_MISSING_OVERRULED
    return SUBJECT_MOSTLY_MISSING_OVERRULED


def never_quoted(f, p):
    return ((f["subject_meaning"] < SUBJECT_MEANT_MIN and meaning(f) < CLOSE_MEANING)
            or (f["subject_missing"] >= SUBJECT_MISSING_MAX
                and p < overruled_from(f["subject_missing"]))
            or meaning(f) < UNRELATED_MEANING)


def best(cands, rank, cal, gated, suggest):
    """The candidate the bot would offer first, with its probability."""
    top = None
    for r, (s, m) in zip(cands, fd.scored(cands, rank)):
        f = r["features"]
        z = cal["bias"] + cal["score"] * s + cal["margin"] * m + sum(
            w * f[n] for n, w in cal["features"].items())
        p = 1.0 / (1.0 + math.exp(-z))
        if gated and never_quoted(f, p):
            p = min(p, suggest)
        if top is None or p > top[1]:
            top = (r, p)
    return top


def decide(questions, rank, cal, accept, gated):
    c = Counter()
    for cands in questions:
        r, p = best(cands, rank, cal, gated, max(0.1, accept - 0.25))
        answered = p >= accept
        if cands[0]["expect"] == "answer":
            c["answered right"] += answered and r["label"]
            c["answerable"] += 1
        else:
            c["declined"] += not answered
            c["not covered"] += 1
        if p >= 0.8:
            c["confident"] += 1
            c["confident right"] += bool(r["label"])
    return c


def line(name, c):
    print(f"{name:44} answers {c['answered right']:4}/{c['answerable']}  declines "
          f"{c['declined']:3}/{c['not covered']}  right {c['answered right'] + c['declined']:4}"
          f"  score>=0.8 right {c['confident right']}/{c['confident']}")


def main():
    questions = [q for path in sys.argv[1:] for q in fd.load(path)]
    guides = sorted({q[0]["guide"] for q in questions})
    print(f"{len(guides)} guides, {len(questions)} answer and no-answer questions")
    shipped = json.load(open(os.path.join(os.path.dirname(__file__), "..", "src", "answer",
                                          "decision.json")))["semantic"]
    fits = {}
    for g in guides:
        train = [q for q in questions if q[0]["guide"] != g]
        rank = fd.fit_rank(train, fd.names("semantic"), 1.0)
        fits[g] = (rank, fd.fit_calibration(train, rank, "semantic", 1.0))
    for t in THRESHOLDS:
        for gated in (True, False):
            gates = "gates" if gated else "no gates"
            line(f"shipped decision, {gates}, threshold {t}",
                 decide(questions, shipped["rank"], shipped["calibration"], t, gated))
            refit = Counter()
            for g in guides:
                refit += decide([q for q in questions if q[0]["guide"] == g], *fits[g], t, gated)
            line(f"refitted, guide left out, {gates}, threshold {t}", refit)


if __name__ == "__main__":
    main()
