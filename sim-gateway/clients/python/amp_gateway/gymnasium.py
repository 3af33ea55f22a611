"""Adapter: a gymnasium vector env (``gymnasium.vector.VectorEnv``, autoreset "same-step") as a BatchedEnv.

    from amp_gateway import serve
    from amp_gateway.gymnasium import GymnasiumVectorEnv
    env = GymnasiumVectorEnv(gymnasium.make_vec("MyRobot-v0", num_envs=64, vectorization_mode="sync",
                                                vector_kwargs={"autoreset_mode": gymnasium.vector.AutoresetMode.SAME_STEP}),
                             amp_obs=lambda obs, info: info["amp_obs"], handshake={...})
    serve(env, "tcp://127.0.0.1:5555")

The policy observation is the env's observation. The critic observation and the AMP state are
functions of (obs, info) that the caller gives (``critic_obs`` defaults to the observation). In
SAME_STEP autoreset mode gymnasium returns the reset observation for ended envs and the last one in
``info["final_obs"]`` / ``info["final_info"]``: the terminal rows are computed from those, which is
exactly the protocol's "terminal state before the reset". The handshake fields (terms, rewards,
limits, dt) are the caller's: gymnasium does not know them. Uses numpy only (gymnasium is the caller's).
Gymnasium has no way to start an episode in a given state, so the adapter refuses
``capabilities.reference_state_reset``: episodes start as the env's own reset starts them.
"""

import numpy as np

from .env import BatchedEnv, StepResult


class GymnasiumVectorEnv(BatchedEnv):

    def __init__(self, env, amp_obs, handshake, critic_obs=None, reward_terms=None):
        self.env = env
        self.amp_fn = amp_obs
        self.critic_fn = critic_obs or (lambda obs, info: obs)
        self.terms_fn = reward_terms or (lambda reward, info: reward[:, None])
        if handshake.get("capabilities", {}).get("reference_state_reset"):
            raise ValueError("capabilities.reference_state_reset: a gymnasium vector env cannot be started in a given "
                             "state through this adapter; declare it false (episodes start as the env's reset starts them)")
        self.spec = handshake
        self.obs = None
        self.info = None

    def handshake(self):
        return self.spec

    def configure(self, env_ids, seed):
        self.obs, self.info = self.env.reset(seed=int(seed) + int(env_ids[0]))

    def observe(self):
        return (np.asarray(self.obs, np.float32), np.asarray(self.critic_fn(self.obs, self.info), np.float32),
                np.asarray(self.amp_fn(self.obs, self.info), np.float32))

    def step(self, actions):
        obs, reward, terminated, truncated, info = self.env.step(np.asarray(actions))
        done = np.logical_or(terminated, truncated)
        self.obs, self.info = obs, info
        policy, critic, amp = self.observe()
        terminal_amp = np.zeros_like(amp)
        terminal_critic = np.zeros_like(critic)
        if done.any():
            final_obs = np.stack([o if o is not None else obs[i] for i, o in enumerate(info["final_obs"])])
            final_info = info.get("final_info", info)
            terminal_amp[done] = np.asarray(self.amp_fn(final_obs, final_info), np.float32)[done]
            terminal_critic[done] = np.asarray(self.critic_fn(final_obs, final_info), np.float32)[done]
        reward = np.asarray(reward, np.float32)
        return StepResult(policy, critic, amp, reward, np.asarray(self.terms_fn(reward, info), np.float32),
                          np.asarray(terminated, bool), np.asarray(truncated, bool), terminal_amp, terminal_critic)

    def reset(self, slots):
        # only the listed envs: gymnasium >= 1.1 vector envs take a reset mask
        mask = np.zeros(self.env.num_envs, dtype=bool)
        mask[np.asarray(slots, dtype=np.int64)] = True
        self.obs, self.info = self.env.reset(options={"reset_mask": mask})
