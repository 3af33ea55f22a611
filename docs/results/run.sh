#!/usr/bin/env bash
# The AMP-vs-task-only experiment of docs/results/README.md: for each seed, `amp train` with the
# defaults (AMP) and the same with task-reward-lerp = 1.0 (task-only PPO: the style reward is
# ignored) for ITERATIONS iterations (the default target, 1,500 = 9.2M env steps, ~12-14 minutes
# alone on 2 cores; a count rather than minutes, so results do not depend on the machine's load),
# then `amp eval --json` on the last iteration, and learning curves as PNG.
#
#   docs/results/run.sh                         # 3 seeds x (AMP, task-only) x 1,500 iterations: ~80 minutes
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
    # the file names of the README's table: AMP runs at gradient penalty 0.3 (d-regularisation/), task-only
    # runs the pinned kernels (the discriminator's settings do not change a task-only policy)
    file="$OUT/d-regularisation/gp03-s$seed.json"
    [[ "$kind" == task ]] && file="$OUT/task-s$seed-pin.json"
    "$AMP" eval "$name" --runs-dir "$RUNS" --json > "$file"
  done
done

names=()
for seed in $SEEDS; do names+=("amp-s$seed" "task-s$seed"); done
"$AMP" plot "${names[@]}" --runs-dir "$RUNS" --metric style_distance_matched --log-y --out "$OUT/style_distance_matched.png"
"$AMP" plot "${names[@]}" --runs-dir "$RUNS" --metric style_distance --log-y --out "$OUT/style_distance.png"
"$AMP" plot "${names[@]}" --runs-dir "$RUNS" --metric joint_range_error --out "$OUT/joint_range_error.png"
echo "results in $OUT"
