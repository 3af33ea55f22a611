#!/usr/bin/env bash
# The reference at speeds between the two bundled gaits (docs/results/README.md, "Reference gaits at more
# speeds"): SIMBICON recordings of the embedded ostrich, 10 s each, as the bundled walk (1.0) and march (0.5).
#
#   docs/results/reference-speeds/make_reference.sh OUT_DIR
#   # d6 (six clips, descending speed; velocities from poses, today's default):
#   amp train ... --set 'amp.motion.motion-files=["OUT_DIR/walk_1.0.npz","OUT_DIR/walk_0.9.npz","OUT_DIR/walk_0.8.npz",
#                        "OUT_DIR/walk_0.7.npz","OUT_DIR/march_0.6.npz","OUT_DIR/march_0.5.npz"]'
#   # ref7 (seven clips, ascending speed, the recording's velocities: amp.motion.velocities=file):
#   #   march_0.5, march_0.6, march_0.7, walk_0.7, walk_0.8, walk_0.9, walk_1.0
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
OUT="${1:?usage: make_reference.sh OUT_DIR}"
mkdir -p "$OUT"
for g in "walk 1.0" "walk 0.9" "walk 0.8" "walk 0.7" "march 0.7" "march 0.6" "march 0.5"; do
  set -- $g
  "$ROOT/amp" motion record --gait "$1" --speed "$2" --seconds 10 --out "$OUT/$1_$2.npz"
done
