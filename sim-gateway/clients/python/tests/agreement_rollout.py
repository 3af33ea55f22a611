#!/usr/bin/env python3
"""Steps one MuJoCo ostrich from a given state through given joint targets; prints qpos after each control step.

    agreement_rollout.py IN.json   # {"qpos": [x, z, pitch, 6 joints], "qvel": [...9], "targets": [[6], ...]}
"""

import json
import os
import sys

import mujoco
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
from mujoco_ostrich import MujocoOstrich  # noqa: E402

spec = json.load(open(sys.argv[1]))
env = MujocoOstrich(1)
d = env.data[0]
d.qpos[:] = spec["qpos"]
d.qvel[:] = spec["qvel"]
mujoco.mj_forward(env.model, d)
out = []
for t in spec["targets"]:
    env.physics(np.asarray([t], dtype=np.float64))
    out.append(d.qpos.tolist())
print(json.dumps({"qpos": out}))
