#!/usr/bin/env bash
# The AMP-vs-task-only experiment of docs/results/README.md: for each seed, `amp train` with the
# defaults (AMP) and the same with task-reward-lerp = 1.0 (task-only PPO: the style reward is
# ignored) for ITERATIONS iterations (the default target, 1,500 = 9.2M env steps, ~8-9 minutes
# alone on 2 cores; a count rather than minutes, so results do not depend on the machine's load),
# then `amp eval --json` on the last iteration, and learning curves as PNG.
#
#   docs/results/run.sh                         # 3 seeds x (AMP, task-only) x 1,500 iterations: ~60 minutes
#   SEEDS="2 3" ITERATIONS=300 docs/results/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/results"
RUNS="${RUNS:-$OUT/runs}"
ITERATIONS="${ITERATIONS:-1500}"
SEEDS="${SEEDS:-1 2 3}"
AMP="$ROOT/amp"

mkdir -p "$RUNS"
for seed in $SEEDS; do
  for kind in amp task; do
    name="$kind-s$seed"
    extra=()
    [[ "$kind" == task ]] && extra=(--set amp.learner.style-reward.task-reward-lerp=1.0)
    if [[ ! -d "$RUNS/$name" ]]; then
      "$AMP" train --name "$name" --runs-dir "$RUNS" --iterations "$ITERATIONS" --no-progress \
          --set "amp.actors.training.seed=$seed" "${extra[@]}" > "$OUT/$name.log"
    fi
    # the file names of the README's table (defaults/), with the in-training evals beside them
    mkdir -p "$OUT/defaults"
    "$AMP" eval "$name" --runs-dir "$RUNS" --json > "$OUT/defaults/$name.json"
    # the same policy against the recording's own velocities (the yardstick of the defaults before them)
    "$AMP" eval "$name" --runs-dir "$RUNS" --reference-velocities file --json > "$OUT/defaults/$name.recorded.json"
    cp "$RUNS/$name/eval.jsonl" "$OUT/defaults/$name.eval.jsonl"
  done
done

files=(); labels=""
for seed in $SEEDS; do
  files+=("$OUT/defaults/amp-s$seed.eval.jsonl" "$OUT/defaults/task-s$seed.eval.jsonl")
  labels+="${labels:+,}AMP seed $seed,task-only seed $seed"
done
for metric in style_distance_matched style_distance joint_range_error; do
  scale=(--log-y); [[ "$metric" == joint_range_error ]] && scale=()
  "$AMP" plot "${files[@]}" --labels "$labels" --metric "$metric" "${scale[@]}" --out "$OUT/$metric.png"
done
echo "results in $OUT"
