"""The gymnasium adapter's terminal rows are the pre-reset states (skipped without gymnasium)."""

import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

try:
    import gymnasium
except ImportError:  # the adapter is optional; CI installs only what the platform's tests need
    gymnasium = None


@unittest.skipIf(gymnasium is None, "gymnasium is not installed")
class GymnasiumAdapterTest(unittest.TestCase):

    def test_ended_envs_report_the_state_they_reached(self):
        from amp_gateway.gymnasium import GymnasiumVectorEnv

        class Counter(gymnasium.Env):
            """Observation = steps taken; ends after 3 steps."""
            observation_space = gymnasium.spaces.Box(-10, 10, (1,), np.float32)
            action_space = gymnasium.spaces.Box(-1, 1, (1,), np.float32)

            def reset(self, seed=None, options=None):
                self.t = 0
                return np.array([0.0], np.float32), {}

            def step(self, action):
                self.t += 1
                return np.array([self.t], np.float32), 1.0, False, self.t >= 3, {}

        vec = gymnasium.vector.SyncVectorEnv([Counter, Counter],
                                             autoreset_mode=gymnasium.vector.AutoresetMode.SAME_STEP)
        env = GymnasiumVectorEnv(vec, amp_obs=lambda obs, info: obs * 10, handshake={"num_envs": 2})
        env.configure(np.array([0, 1]), 1)
        for _ in range(2):
            r = env.step(np.zeros((2, 1), np.float32))
            self.assertFalse(r.truncated.any())
        r = env.step(np.zeros((2, 1), np.float32))
        np.testing.assert_array_equal([True, True], r.truncated)
        np.testing.assert_array_equal([[0], [0]], r.policy_obs)      # the new episode's first
        np.testing.assert_array_equal([[30], [30]], r.terminal_amp_obs)  # the state the step reached
        np.testing.assert_array_equal([[3], [3]], r.terminal_critic_obs)

    def test_episode_starts_are_refused(self):
        from amp_gateway.gymnasium import GymnasiumVectorEnv
        with self.assertRaisesRegex(ValueError, "reference_state_reset"):
            GymnasiumVectorEnv(None, amp_obs=lambda obs, info: obs,
                               handshake={"num_envs": 2, "capabilities": {"reference_state_reset": True}})


if __name__ == "__main__":
    unittest.main()
