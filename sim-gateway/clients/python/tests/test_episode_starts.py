"""Episode starts (reference_state_reset): parsing the rows and the MuJoCo ostrich taking them exactly."""

import os
import sys
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))
from amp_gateway import EpisodeStarts  # noqa: E402


def row(reference, command, height, pitch, vel, ang, q, qd):
    quat = [np.cos(pitch / 2), 0.0, np.sin(pitch / 2), 0.0]
    return np.array([reference, command, height, *quat, *vel, *ang, *q, *qd], dtype=np.float32)


class EpisodeStartsTest(unittest.TestCase):

    def test_rows_are_named_views(self):
        q = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
        s = EpisodeStarts.parse(np.stack([row(1, 0.7, 1.1, 0.2, [0.5, 0, 0.1], [0, 0.3, 0], q, [1] * 6),
                                          row(0, 0.4, 1.2, 0.0, [0, 0, 0], [0, 0, 0], q, [0] * 6)]))
        self.assertEqual(2, len(s))
        self.assertEqual([True, False], list(s.reference))
        np.testing.assert_allclose([0.7, 0.4], s.command, rtol=1e-6)
        np.testing.assert_allclose(q, s.joint_pos[0], rtol=1e-6)
        self.assertEqual((1, 6), s.row(1).joint_vel.shape)

    def test_a_row_of_the_wrong_width_is_refused(self):
        with self.assertRaisesRegex(ValueError, "expected 13 \\+ 2 x joints"):
            EpisodeStarts.parse(np.zeros((1, 14), dtype=np.float32))

    def test_the_mujoco_ostrich_takes_the_start_exactly(self):
        try:
            from mujoco_ostrich import MujocoOstrich
        except ImportError as e:  # mujoco absent
            self.skipTest(f"mujoco not installed: {e}")
        env = MujocoOstrich(2)
        env.configure(np.array([4, 5]), 1)
        q = [-0.4, 1.1, -0.6, 0.2, 0.3, -0.1]
        qd = [0.5, -0.5, 1.0, -1.0, 0.25, 0.0]
        env.reset(np.array([1]), starts=EpisodeStarts.parse(row(1, 0.9, 1.15, 0.1, [0.8, 0.0, -0.05], [0, 0.2, 0], q, qd)[None]))
        d = env.data[1]
        np.testing.assert_allclose(q, d.qpos[3:9], atol=1e-7)
        np.testing.assert_allclose(qd, d.qvel[3:9], atol=1e-7)
        np.testing.assert_allclose([0.0, 1.15, 0.1], d.qpos[0:3], atol=1e-6)
        np.testing.assert_allclose([0.8, -0.05, 0.2], d.qvel[0:3], atol=1e-6)
        self.assertAlmostEqual(0.9, env.command[1], places=6)
        policy, _, amp = env.observe()
        np.testing.assert_allclose(q, amp[1, 4:10], atol=1e-6)  # ostrich22: root_height, projected_gravity, joint_pos
        self.assertAlmostEqual(0.9, policy[1, 9], places=6)     # velocity_command


if __name__ == "__main__":
    unittest.main()
