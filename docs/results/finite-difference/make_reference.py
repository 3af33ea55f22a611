"""The bundled gaits without their recorded velocities: amp then fills every velocity by central
differences of positions (the reference of the finite-difference runs in docs/results/README.md).

    python3 make_reference.py OUT_DIR
    amp train ... --set 'amp.motion.motion-files=["OUT_DIR/ostrich_walk.npz","OUT_DIR/ostrich_march.npz"]'
"""
import pathlib
import sys

import numpy as np

SRC = pathlib.Path(__file__).resolve().parents[3] / "sim-gateway/src/main/resources/motions"
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for name in ("ostrich_walk", "ostrich_march"):
    clip = np.load(SRC / f"{name}.npz")
    np.savez(out / f"{name}.npz", **{k: clip[k] for k in clip.files if "velocit" not in k})
