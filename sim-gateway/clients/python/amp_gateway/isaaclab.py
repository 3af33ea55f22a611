"""Adapter (thin, documented, not run here: Isaac Lab needs an NVIDIA GPU and Isaac Sim) for an Isaac Lab
``DirectRLEnv`` or ``ManagerBasedRLEnv`` as a BatchedEnv.

Isaac Lab resets ended envs inside ``env.step()``. The terminal AMP state and critic observation
must be read *before* that reset, so the adapter wraps the env's ``_reset_idx`` (called by
``step`` for the ended ``env_ids`` after terminations and rewards were computed, before the reset)
and copies those rows first::

    from isaaclab.envs import ManagerBasedRLEnv
    from amp_gateway import serve
    from amp_gateway.isaaclab import IsaacLabEnv

    env = ManagerBasedRLEnv(cfg)                           # observation groups "policy", "critic", "amp"
    serve(IsaacLabEnv(env, handshake={...}), "tcp://PLATFORM:5555", token=TOKEN)

``amp_state(env)`` must return the AMP group for all envs as a torch tensor: by default
``env.observation_manager.compute_group("amp")`` (ManagerBasedRLEnv); a DirectRLEnv passes its own
function. ``critic_state(env)`` likewise defaults to the "critic" group. Snapshot/restore are not
offered (Isaac Sim has no exact state save): runs record that resume is approximate.
"""

import numpy as np

from .env import BatchedEnv, StepResult


def _np(t):
    return t.detach().to("cpu").numpy().astype(np.float32)


class IsaacLabEnv(BatchedEnv):

    def __init__(self, env, handshake, amp_state=None, critic_state=None):
        self.env = env
        self.spec = dict(handshake, capabilities={"snapshot": False, "reference_state_reset": False})
        self.amp_state = amp_state or (lambda e: e.observation_manager.compute_group("amp"))
        self.critic_state = critic_state or (lambda e: e.observation_manager.compute_group("critic"))
        self.obs = None
        n = handshake["num_envs"]
        self.terminal_amp = None
        self.terminal_critic = None
        self._n = n
        original = env._reset_idx

        def reset_idx(env_ids, *args, **kwargs):
            # the rows the step reached, before Isaac Lab resets them
            ids = env_ids.detach().to("cpu").numpy()
            self.terminal_amp[ids] = _np(self.amp_state(env))[ids]
            self.terminal_critic[ids] = _np(self.critic_state(env))[ids]
            return original(env_ids, *args, **kwargs)

        env._reset_idx = reset_idx

    def handshake(self):
        return self.spec

    def configure(self, env_ids, seed):
        self.env.seed(int(seed))
        self.obs, _ = self.env.reset()

    def observe(self):
        return _np(self.obs["policy"]), _np(self.obs["critic"]), _np(self.amp_state(self.env))

    def step(self, actions):
        import torch
        a = self.spec["amp"]
        self.terminal_amp = np.zeros((self._n, sum(t["dim"] for t in a)), np.float32)
        self.terminal_critic = np.zeros((self._n, sum(t["dim"] for t in self.spec["observations"]["critic"])), np.float32)
        self.obs, reward, terminated, truncated, _ = self.env.step(torch.as_tensor(actions, device=self.env.device))
        policy, critic, amp = self.observe()
        reward = _np(reward)
        return StepResult(policy, critic, amp, reward, reward[:, None], _np(terminated).astype(bool),
                          _np(truncated).astype(bool), self.terminal_amp, self.terminal_critic)

    def reset(self, slots):
        import torch
        self.env._reset_idx(torch.as_tensor(np.asarray(slots), device=self.env.device))
        self.obs = self.env.observation_manager.compute()
