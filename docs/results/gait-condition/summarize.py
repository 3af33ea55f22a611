"""Summarise in-training evals (runs/<run>/eval.jsonl) over iterations 500-800: the mean per gait of
the style distance at the gait's speed, their mean ("matched"), the worse gait, the largest value seen,
and the pooled distance, joint range error and tracking error.

    python3 summarize.py gait-condition/*.eval.jsonl
"""
import json
import sys


def load(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        clips = r["style_distance_matched"]["by_clip"]
        walk = next(v for k, v in clips.items() if "walk" in k)
        march = next(v for k, v in clips.items() if "march" in k)
        out[r["iteration"]] = (walk, march, r["style_distance"], r["joint_range_error"], r["tracking_error"])
    return out


def mean(xs):
    return sum(xs) / len(xs)


for path in sys.argv[1:]:
    d = load(path)
    its = [i for i in sorted(d) if 500 <= i <= 800]
    walk = [d[i][0] for i in its]
    march = [d[i][1] for i in its]
    print(f"{path.split('/')[-1]:22s} evals {len(its)}  walk {mean(walk):6.1f}  march {mean(march):6.1f}  "
          f"matched {mean([(a + b) / 2 for a, b in zip(walk, march)]):6.1f}  "
          f"worse gait {mean([max(a, b) for a, b in zip(walk, march)]):6.1f}  largest {max(walk + march):6.1f}  "
          f"pooled {mean([d[i][2] for i in its]):5.1f}  joint range {mean([d[i][3] for i in its]):.2f}  "
          f"tracking {mean([d[i][4] for i in its]):.3f}")
