"""What the client needs from a simulator: a batch of N envs with auto-reset inside ``step``."""

from dataclasses import dataclass

import numpy as np


@dataclass
class StepResult:
    """One step of N envs; rows are env slots. Envs that ended were reset inside the step: their
    ``policy_obs``, ``critic_obs`` and ``amp_obs`` rows are the new episode's first, and
    ``terminal_amp_obs`` / ``terminal_critic_obs`` hold what the step reached before the reset."""
    policy_obs: np.ndarray           # (N, P)
    critic_obs: np.ndarray           # (N, C)
    amp_obs: np.ndarray              # (N, A)
    reward: np.ndarray               # (N,)
    reward_terms: np.ndarray         # (N, R)
    terminated: np.ndarray           # (N,) bool: failed, not bootstrapped
    truncated: np.ndarray            # (N,) bool: timed out, bootstrapped
    terminal_amp_obs: np.ndarray     # (N, A), rows of ended envs
    terminal_critic_obs: np.ndarray  # (N, C), rows of ended envs


class BatchedEnv:
    """Interface a simulator implements for :func:`amp_gateway.serve` (duck typing is enough).

    ``handshake()`` returns the HELLO fields other than ``protocol`` and ``token``: ``simulator``
    ({name, version}), ``robot``, ``num_envs``, ``observations`` ({policy, critic}: lists of
    {name, dim}), ``amp`` (list of {name, dim}), ``reward_terms``, ``action`` ({dim, low, high}),
    ``control_dt``, ``max_episode_steps``, ``capabilities`` ({snapshot, reference_state_reset}).

    With ``reference_state_reset`` declared, ``step`` and ``reset`` also get ``starts``
    (:class:`amp_gateway.starts.EpisodeStarts`): the episodes begin where the platform says, reference
    states included, with the episode's command.
    """

    def handshake(self):
        raise NotImplementedError

    def configure(self, env_ids, seed):
        """Called once with the WELCOME: the global env id of each slot and the run seed."""

    def observe(self):
        """(policy_obs, critic_obs, amp_obs) of the current state."""
        raise NotImplementedError

    def step(self, actions, starts=None):
        """Steps every env with ``actions`` (N, action_dim); returns a :class:`StepResult`. ``starts``
        (reference_state_reset only): row i is where env slot i's next episode starts if it ends in this step."""
        raise NotImplementedError

    def reset(self, slots, starts=None):
        """Starts a new episode in each slot of ``slots``; row k of ``starts`` (reference_state_reset only)
        is where the episode of ``slots[k]`` starts."""
        raise NotImplementedError

    def snapshot(self):
        """Exact state as bytes (only if capabilities.snapshot)."""
        raise NotImplementedError("this env declared no snapshot capability")

    def restore(self, data):
        """Returns to a :meth:`snapshot` exactly, observation rows included."""
        raise NotImplementedError("this env declared no snapshot capability")
