#!/usr/bin/env python3
"""Check /work/main/eval/blind26/pacemaker/questions.jsonl against guide.md."""
import json
import re
import sys

BASE = "/work/main/eval/blind26/pacemaker/"
guide = open(BASE + "guide.md", encoding="utf-8").read()
errors = []
rows = []

with open(BASE + "questions.jsonl", encoding="utf-8") as f:
    lines = f.read().splitlines()

for i, line in enumerate(lines, 1):
    try:
        rows.append((i, json.loads(line)))
    except json.JSONDecodeError as e:
        errors.append(f"line {i}: invalid JSON ({e})")

if len(lines) != 60:
    errors.append(f"expected 60 lines, got {len(lines)}")

counts = {"answer": 0, "no_answer": 0, "smalltalk": 0}
seen = {}
for i, r in rows:
    if not isinstance(r, dict):
        errors.append(f"line {i}: not an object")
        continue
    exp = r.get("expect")
    if exp not in counts:
        errors.append(f"line {i}: bad expect {exp!r}")
        continue
    counts[exp] += 1
    allowed = {"q", "expect", "any"} if exp == "answer" else {"q", "expect"}
    if set(r) != allowed:
        errors.append(f"line {i}: keys {sorted(r)} != {sorted(allowed)}")
    q = r.get("q")
    if not isinstance(q, str) or not q.strip():
        errors.append(f"line {i}: empty or non-string q")
        continue
    key = q.strip().lower()
    if key in seen:
        errors.append(f"line {i}: duplicate q (also line {seen[key]})")
    seen[key] = i
    if exp == "answer":
        anys = r.get("any")
        if not isinstance(anys, list) or not 1 <= len(anys) <= 2:
            errors.append(f"line {i}: any must be a list of 1-2 strings")
            continue
        for s in anys:
            if not isinstance(s, str):
                errors.append(f"line {i}: non-string in any")
                continue
            n = len(s.split())
            if not 5 <= n <= 20:
                errors.append(f"line {i}: any string has {n} words: {s!r}")
            if s not in guide:
                errors.append(f"line {i}: any string not verbatim in guide: {s!r}")

if counts != {"answer": 44, "no_answer": 10, "smalltalk": 6}:
    errors.append(f"counts {counts} != 44/10/6")

# Keyword check: the no_answer topics must not be covered by the guide.
NO_ANSWER_TERMS = [
    r"cost", r"price", r"pay", r"paid", r"private\w*", r"fees?",
    r"scuba", r"div(e|es|ed|ing|er|ers)", r"cremat\w*", r"funeral",
    r"child\w*", r"kids?", r"paediatric\w*",
    r"dogs?", r"cats?", r"pets?", r"animals?", r"labrador",
    r"tattoo\w*", r"piercing\w*",
    r"TENS", r"nerve stimulat\w*",
    r"alcohol", r"wine", r"beer", r"pub",
    r"donat\w*", r"give blood",
    r"sauna\w*", r"hot tub\w*", r"jacuzzi\w*", r"spa",
]
for t in NO_ANSWER_TERMS:
    flags = 0 if t == "TENS" else re.IGNORECASE
    for m in re.finditer(r"\b" + t + r"\b", guide, flags):
        errors.append(f"guide mentions no_answer keyword {t!r}: {m.group(0)!r}")

print(f"rows: {len(rows)}  counts: {counts}")
if errors:
    print(f"FAIL: {len(errors)} problem(s)")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("OK: all checks passed")
