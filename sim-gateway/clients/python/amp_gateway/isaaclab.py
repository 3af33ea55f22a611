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

Episode starts (reference-state init and commands from the platform, needed by ``amp eval``): pass
``apply_start(env, env_ids, starts)``, called after Isaac Lab reset ``env_ids`` with their
:class:`~amp_gateway.starts.EpisodeStarts`; it writes them into the sim and the command term, e.g.::

    def apply_start(env, ids, s):
        robot = env.scene["robot"]
        root = robot.data.default_root_state[ids].clone()
        root[:, 2] = torch.as_tensor(s.root_height); root[:, 3:7] = torch.as_tensor(s.root_quat)
        root[:, 7:10] = torch.as_tensor(s.root_lin_vel); root[:, 10:13] = torch.as_tensor(s.root_ang_vel)
        root[:, :2] += env.scene.env_origins[ids, :2]
        robot.write_root_state_to_sim(root, ids)
        robot.write_joint_state_to_sim(torch.as_tensor(s.joint_pos), torch.as_tensor(s.joint_vel), env_ids=ids)
        env.command_manager.get_term("base_velocity").vel_command_b[ids, 0] = torch.as_tensor(s.command)
"""

import numpy as np

from .env import BatchedEnv, StepResult


def _np(t):
    return t.detach().to("cpu").numpy().astype(np.float32)


class IsaacLabEnv(BatchedEnv):

    def __init__(self, env, handshake, amp_state=None, critic_state=None, apply_start=None):
        self.env = env
        self.spec = dict(handshake, capabilities={"snapshot": False, "reference_state_reset": apply_start is not None})
        self.apply_start = apply_start
        self.starts = None
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
            result = original(env_ids, *args, **kwargs)
            if self.apply_start is not None and self.starts is not None:
                self.apply_start(env, env_ids, self.starts.select(ids))
            return result

        env._reset_idx = reset_idx

    def handshake(self):
        return self.spec

    def configure(self, env_ids, seed):
        self.env.seed(int(seed))
        self.obs, _ = self.env.reset()

    def observe(self):
        return _np(self.obs["policy"]), _np(self.obs["critic"]), _np(self.amp_state(self.env))

    def step(self, actions, starts=None):
        import torch
        self.starts = starts
        a = self.spec["amp"]
        self.terminal_amp = np.zeros((self._n, sum(t["dim"] for t in a)), np.float32)
        self.terminal_critic = np.zeros((self._n, sum(t["dim"] for t in self.spec["observations"]["critic"])), np.float32)
        self.obs, reward, terminated, truncated, _ = self.env.step(torch.as_tensor(actions, device=self.env.device))
        policy, critic, amp = self.observe()
        reward = _np(reward)
        return StepResult(policy, critic, amp, reward, reward[:, None], _np(terminated).astype(bool),
                          _np(truncated).astype(bool), self.terminal_amp, self.terminal_critic)

    def reset(self, slots, starts=None):
        import torch
        slots = np.asarray(slots)
        if starts is not None:  # reset_idx looks rows up by env id
            self.starts = _ByEnv(starts, slots, self._n)
        self.env._reset_idx(torch.as_tensor(slots, device=self.env.device))
        self.obs = self.env.observation_manager.compute()


class _ByEnv:
    """RESET's starts (row k for ``slots[k]``) addressed by env id, as STEP's are."""

    def __init__(self, starts, slots, n):
        self.starts = starts
        self.row_of = np.full(n, -1)
        self.row_of[slots] = np.arange(len(slots))

    def select(self, ids):
        return self.starts.select(self.row_of[ids])
