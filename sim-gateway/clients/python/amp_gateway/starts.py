"""Episode starts: where the platform says each new episode begins (docs/gateway-protocol.md, "Episode starts").

A client that declares ``capabilities.reference_state_reset`` gets, with every STEP, the start of each
env's next episode (used by the envs that end in that step) and, with every RESET, the start of each
episode it begins. A row is ``13 + 2 J`` float32 values for a robot of J joints.
"""

from dataclasses import dataclass

import numpy as np

FIXED = 13  # reference, command, root height, quaternion (4), linear velocity (3), angular velocity (3)


@dataclass
class EpisodeStarts:
    """Starts of k episodes (one row each), as named views of the rows."""
    reference: np.ndarray     # (k,) bool: a reference state (True) or the randomised default pose
    command: np.ndarray       # (k,) commanded forward speed, m/s
    root_height: np.ndarray   # (k,) m; the root's horizontal position is the env's own origin
    root_quat: np.ndarray     # (k, 4) w, x, y, z, body to world
    root_lin_vel: np.ndarray  # (k, 3) world frame, m/s
    root_ang_vel: np.ndarray  # (k, 3) world frame, rad/s
    joint_pos: np.ndarray     # (k, J) rad, in the robot's joint order
    joint_vel: np.ndarray     # (k, J) rad/s

    @staticmethod
    def parse(rows):
        """Views of ``rows`` (k, 13 + 2J) float32."""
        rows = np.asarray(rows, dtype=np.float32)
        j = (rows.shape[1] - FIXED) // 2
        if rows.ndim != 2 or rows.shape[1] != FIXED + 2 * j or j < 0:
            raise ValueError(f"episode start rows of width {rows.shape[-1]}: expected {FIXED} + 2 x joints")
        return EpisodeStarts(rows[:, 0] != 0.0, rows[:, 1], rows[:, 2], rows[:, 3:7], rows[:, 7:10], rows[:, 10:13],
                             rows[:, 13:13 + j], rows[:, 13 + j:13 + 2 * j])

    def __len__(self):
        return self.command.shape[0]

    def row(self, k):
        """The start of row ``k`` as an EpisodeStarts of one row."""
        return self.select(slice(k, k + 1))

    def select(self, rows):
        """The starts of ``rows`` (an index array or a slice)."""
        return EpisodeStarts(*(a[rows] for a in (self.reference, self.command, self.root_height, self.root_quat,
                                                  self.root_lin_vel, self.root_ang_vel, self.joint_pos, self.joint_vel)))
