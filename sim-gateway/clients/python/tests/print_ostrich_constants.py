#!/usr/bin/env python3
"""Prints the MuJoCo ostrich's task constants as JSON (checked against amp.sim by MujocoOstrichDefinitionTest)."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import mujoco_ostrich as m  # noqa: E402

names = ["KP", "KD", "TORQUE_LIMIT", "JOINT_LO", "JOINT_HI", "DEFAULT_JOINT_POS", "LIMIT_STIFFNESS", "LIMIT_DAMPING",
         "DT", "DECIMATION", "EPISODE_S", "ACTION_SCALE", "ACTION_CLIP", "NOISE_JOINT_POS", "NOISE_JOINT_VEL",
         "NOISE_ROOT_VEL", "COMMAND", "MIN_TORSO_HEIGHT", "MAX_TORSO_PITCH", "TRACKING_SIGMA"]
out = {n: (getattr(m, n).tolist() if hasattr(getattr(m, n), "tolist") else getattr(m, n)) for n in names}
out["REWARD_WEIGHTS"] = [w for _, w in m.REWARDS]
print(json.dumps(out))
