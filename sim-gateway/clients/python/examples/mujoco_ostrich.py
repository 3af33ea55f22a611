#!/usr/bin/env python3
"""The embedded ostrich's velocity task on MuJoCo, served to the amp platform through the gateway.

    python3 sim-gateway/clients/python/examples/mujoco_ostrich.py --envs 64 --connect tcp://127.0.0.1:5555 &
    ./amp train --set amp.sim.engine=external --set amp.gateway.address=tcp://127.0.0.1:5555 --iterations 3

Same robot (ostrich.xml, checked against the Java definition), same actuation (PD towards
default + 0.5 * clip(a, -4, 4) at every 5 ms substep, torques clamped, joint limits as penalty
springs), same observations (policy 28, critic 31, AMP ostrich22), rewards, terminations and
episode length as amp's defaults (amp.sim in sim-gateway's reference.conf). Episodes start where
the platform says (reference_state_reset): reference states for amp.sim.init.reference-state-init of
them, the randomised default pose otherwise, with the episode's command, all drawn from amp's
counter-based streams as the embedded engine draws them. Differences: MuJoCo's soft contacts
instead of the embedded engine's exact LCP; with --no-reference-state-reset the client starts its
episodes itself from the randomised default pose, drawn from numpy streams keyed by (seed, env id,
episode). Snapshot/restore is exact (MuJoCo's integration state plus the task's state).
"""

import argparse
import os
import sys

import mujoco
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from amp_gateway import BatchedEnv, StepResult, serve  # noqa: E402

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ostrich.xml")
MODEL_REVISION = "1"

JOINTS = ["left_hip", "left_knee", "left_ankle", "right_hip", "right_knee", "right_ankle"]
DEFAULT_JOINT_POS = np.array([-0.25, 0.5, -0.25, -0.25, 0.5, -0.25])
JOINT_LO = np.array([-1.5, -0.05, -0.9, -1.5, -0.05, -0.9])
JOINT_HI = np.array([0.8, 2.4, 0.9, 0.8, 2.4, 0.9])
LIMIT_STIFFNESS = np.tile([500.0, 500.0, 200.0], 2)
LIMIT_DAMPING = np.tile([5.0, 5.0, 1.0], 2)
KP = np.tile([300.0, 300.0, 300.0], 2)
KD = np.tile([10.0, 8.0, 2.0], 2)
TORQUE_LIMIT = np.tile([150.0, 150.0, 100.0], 2)

DT, DECIMATION, EPISODE_S = 0.005, 4, 20.0
CONTROL_DT = DT * DECIMATION
MAX_STEPS = int(round(EPISODE_S / CONTROL_DT))
ACTION_SCALE, ACTION_CLIP = 0.5, 4.0
RESET_CLEARANCE = 0.001
NOISE_JOINT_POS, NOISE_JOINT_VEL, NOISE_ROOT_VEL = 0.1, 0.1, 0.1
COMMAND = (0.4, 1.0)
MIN_TORSO_HEIGHT, MAX_TORSO_PITCH = 0.75, 1.0
MAX_LIN_SPEED, MAX_ANG_SPEED = 100.0, 400.0
REWARDS = [("track_lin_vel_x_exp", 2.0), ("is_alive", 0.5), ("flat_orientation", 0.2),
           ("action_rate_l2", -0.01), ("joint_torques_l2", 0.0), ("joint_power", 0.0), ("joint_pos_limits", -5.0)]
TRACKING_SIGMA = 0.5

POLICY_TERMS = [("root_lin_vel_b", 3), ("root_ang_vel_b", 3), ("projected_gravity", 3), ("velocity_command", 1),
                ("joint_pos_rel", 6), ("joint_vel", 6), ("last_action", 6)]
CRITIC_TERMS = POLICY_TERMS + [("root_height", 1), ("foot_contact", 2)]
AMP_GROUPS = {"basic": ["joint_pos", "joint_vel"],
              "ostrich22": ["root_height", "projected_gravity", "joint_pos", "root_lin_vel_w", "root_ang_vel_w",
                            "joint_vel"]}
AMP_DIMS = {"root_height": 1, "projected_gravity": 3, "root_quat_w": 4, "root_lin_vel_b": 3, "root_ang_vel_b": 3,
            "root_lin_vel_w": 3, "root_ang_vel_w": 3, "joint_pos": 6, "joint_pos_rel": 6, "joint_vel": 6}

STATE_SPEC = mujoco.mjtState.mjSTATE_INTEGRATION
# Task state per env in a snapshot: episode, episode step, command, last action (6), foot contacts (2).
TASK_STATE = 11


def kinematic_terms(qpos, qvel):
    """Every kinematic observation term of N envs from planar (x, z, pitch, 6 joints) coordinates."""
    theta = qpos[:, 2]
    c, s = np.cos(theta), np.sin(theta)
    zeros = np.zeros_like(theta)
    vx, vz, wy = qvel[:, 0], qvel[:, 1], qvel[:, 2]
    return {
        "root_height": qpos[:, 1:2],
        # R^T (0, 0, -1) for a rotation theta about +y
        "projected_gravity": np.stack([s, zeros, -c], axis=1),
        "root_quat_w": np.stack([np.abs(np.cos(theta / 2)), zeros, np.sign(np.cos(theta / 2) + 1e-300) * np.sin(theta / 2),
                                 zeros], axis=1),
        "root_lin_vel_b": np.stack([c * vx - s * vz, zeros, s * vx + c * vz], axis=1),
        "root_ang_vel_b": np.stack([zeros, wy, zeros], axis=1),
        "root_lin_vel_w": np.stack([vx, zeros, vz], axis=1),
        "root_ang_vel_w": np.stack([zeros, wy, zeros], axis=1),
        "joint_pos": qpos[:, 3:9],
        "joint_pos_rel": qpos[:, 3:9] - DEFAULT_JOINT_POS,
        "joint_vel": qvel[:, 3:9],
    }


class MujocoOstrich(BatchedEnv):
    """N MuJoCo ostriches on amp's velocity task, auto-reset inside ``step``."""

    def __init__(self, num_envs, amp_terms=("ostrich22",), snapshot=True, reference_state_reset=True):
        self.n = num_envs
        self.reference_state_reset = reference_state_reset
        self.model = mujoco.MjModel.from_xml_path(MODEL)
        self.data = [mujoco.MjData(self.model) for _ in range(num_envs)]
        self.amp_terms = [t for name in amp_terms for t in AMP_GROUPS.get(name, [name])]
        for t in self.amp_terms:
            if t not in AMP_DIMS:
                raise SystemExit(f"--amp-terms: this example has no AMP term '{t}'; it has {sorted(AMP_DIMS)}")
        self.can_snapshot = snapshot
        self.feet = [mujoco.mj_name2id(self.model, mujoco.mjtObj.mjOBJ_GEOM, f) for f in ("left_foot", "right_foot")]
        self.floor = mujoco.mj_name2id(self.model, mujoco.mjtObj.mjOBJ_GEOM, "floor")
        self.state_size = mujoco.mj_stateSize(self.model, STATE_SPEC)
        self.env_ids = np.arange(num_envs)
        self.seed = 0
        self.episode = np.zeros(num_envs, dtype=np.int64)
        self.step_count = np.zeros(num_envs, dtype=np.int64)
        self.command = np.zeros(num_envs)
        self.last_action = np.zeros((num_envs, 6), dtype=np.float32)
        self.contacts = np.zeros((num_envs, 2))
        self.qpos = np.zeros((num_envs, 9))
        self.qvel = np.zeros((num_envs, 9))

    # --- handshake -------------------------------------------------------------------------
    def handshake(self):
        return {
            "simulator": {"name": "mujoco-ostrich", "version": f"mujoco {mujoco.__version__}; model {MODEL_REVISION}"},
            "robot": "ostrich",
            "num_envs": self.n,
            "observations": {"policy": [{"name": t, "dim": d} for t, d in POLICY_TERMS],
                             "critic": [{"name": t, "dim": d} for t, d in CRITIC_TERMS]},
            "amp": [{"name": t, "dim": AMP_DIMS[t]} for t in self.amp_terms],
            "reward_terms": [name for name, _ in REWARDS],
            "action": {"dim": 6, "low": [-ACTION_CLIP] * 6, "high": [ACTION_CLIP] * 6},
            "control_dt": CONTROL_DT,
            "max_episode_steps": MAX_STEPS,
            "capabilities": {"snapshot": self.can_snapshot, "reference_state_reset": self.reference_state_reset},
        }

    def configure(self, env_ids, seed):
        self.env_ids = np.asarray(env_ids)
        self.seed = seed
        for i in range(self.n):
            self._start_episode(i, 0)
        self._gather()

    # --- episodes --------------------------------------------------------------------------
    def _start_episode(self, i, episode, start=None):
        """The platform's ``start`` (an EpisodeStarts row) when given; else the default pose plus uniform noise,
        feet 1 mm above the ground, command from (seed, env id, episode)."""
        d = self.data[i]
        mujoco.mj_resetData(self.model, d)
        if start is not None:
            self._apply_start(d, start)
            mujoco.mj_forward(self.model, d)
            self.episode[i] = episode
            self.step_count[i] = 0
            self.command[i] = float(start.command[0])
            self.last_action[i] = 0
            self.contacts[i] = self._foot_contacts(d)
            return
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, int(self.env_ids[i]), episode])))
        joints = np.clip(DEFAULT_JOINT_POS + NOISE_JOINT_POS * rng.uniform(-1, 1, 6), JOINT_LO, JOINT_HI)
        d.qpos[:] = 0
        d.qpos[3:9] = joints
        d.qvel[:] = 0
        d.qvel[3:9] = NOISE_JOINT_VEL * rng.uniform(-1, 1, 6)
        d.qvel[0] = NOISE_ROOT_VEL * rng.uniform(-1, 1)
        d.qvel[1] = NOISE_ROOT_VEL * rng.uniform(-1, 1)
        mujoco.mj_kinematics(self.model, d)
        d.qpos[1] = RESET_CLEARANCE - self._lowest_foot_z(d)
        mujoco.mj_forward(self.model, d)
        self.episode[i] = episode
        self.step_count[i] = 0
        self.command[i] = rng.uniform(*COMMAND)
        self.last_action[i] = 0
        self.contacts[i] = self._foot_contacts(d)

    @staticmethod
    def _apply_start(d, start):
        """Sets the planar coordinates (x, z, pitch, 6 joints) from a 3D start: the pitch of the quaternion
        (w, x, y, z) about +y, velocities in the sagittal plane. The platform already lifted the feet clear."""
        w, _, y, _ = (float(v) for v in start.root_quat[0])
        d.qpos[:] = 0
        d.qpos[1] = float(start.root_height[0])
        d.qpos[2] = 2.0 * np.arctan2(y, w)
        d.qpos[3:9] = start.joint_pos[0]
        d.qvel[:] = 0
        d.qvel[0] = float(start.root_lin_vel[0][0])
        d.qvel[1] = float(start.root_lin_vel[0][2])
        d.qvel[2] = float(start.root_ang_vel[0][1])
        d.qvel[3:9] = start.joint_vel[0]

    def _lowest_foot_z(self, d):
        low = np.inf
        for g in self.feet:
            half = self.model.geom_size[g]
            rot = d.geom_xmat[g].reshape(3, 3)
            for sx in (-1, 1):
                for sz in (-1, 1):
                    for sy in (-1, 1):
                        low = min(low, d.geom_xpos[g][2] + rot[2] @ (half * np.array([sx, sy, sz])))
        return low

    def _foot_contacts(self, d):
        flags = np.zeros(2)
        for c in d.contact[:d.ncon]:
            for k, g in enumerate(self.feet):
                if (c.geom1 == g and c.geom2 == self.floor) or (c.geom2 == g and c.geom1 == self.floor):
                    flags[k] = 1.0
        return flags

    def _gather(self):
        for i, d in enumerate(self.data):
            self.qpos[i] = d.qpos
            self.qvel[i] = d.qvel

    # --- observations ----------------------------------------------------------------------
    def _rows(self, qpos, qvel, command, last_action, contacts):
        k = kinematic_terms(qpos, qvel)
        k["velocity_command"] = command[:, None]
        k["last_action"] = last_action
        k["foot_contact"] = contacts
        policy = np.concatenate([k[t] for t, _ in POLICY_TERMS], axis=1)
        critic = np.concatenate([k[t] for t, _ in CRITIC_TERMS], axis=1)
        amp = np.concatenate([k[t] for t in self.amp_terms], axis=1)
        return policy.astype(np.float32), critic.astype(np.float32), amp.astype(np.float32)

    def observe(self):
        return self._rows(self.qpos, self.qvel, self.command, self.last_action, self.contacts)

    # --- step ------------------------------------------------------------------------------
    def physics(self, targets):
        """One control step of every env towards joint ``targets`` (N, 6): clamped PD plus the limit springs at
        every substep, as the embedded engines; returns the substep means of sum tau^2 and sum |tau qdot|."""
        tsq = np.zeros(self.n)
        power = np.zeros(self.n)
        q = np.empty((self.n, 6))
        qd = np.empty((self.n, 6))
        for _ in range(DECIMATION):
            for i, d in enumerate(self.data):
                q[i] = d.qpos[3:9]
                qd[i] = d.qvel[3:9]
            tau = np.clip(KP * (targets - q) - KD * qd, -TORQUE_LIMIT, TORQUE_LIMIT)
            tsq += np.sum(tau * tau, axis=1)
            power += np.sum(np.abs(tau * qd), axis=1)
            below, above = q < JOINT_LO, q > JOINT_HI
            limit = np.where(below, LIMIT_STIFFNESS * (JOINT_LO - q) - np.where(qd < 0, LIMIT_DAMPING * qd, 0), 0.0)
            limit += np.where(above, LIMIT_STIFFNESS * (JOINT_HI - q) - np.where(qd > 0, LIMIT_DAMPING * qd, 0), 0.0)
            total = tau + limit
            for i, d in enumerate(self.data):
                d.qfrc_applied[3:9] = total[i]
                mujoco.mj_step(self.model, d)
        tsq /= DECIMATION
        power /= DECIMATION
        return tsq, power

    def step(self, actions, starts=None):
        a = np.clip(np.asarray(actions, dtype=np.float64), -ACTION_CLIP, ACTION_CLIP)
        targets = DEFAULT_JOINT_POS + ACTION_SCALE * a
        pre_policy, pre_critic, pre_amp = self.observe()
        tsq, power = self.physics(targets)
        self._gather()
        for i, d in enumerate(self.data):
            self.contacts[i] = self._foot_contacts(d)
        self.step_count += 1

        qpos, qvel = self.qpos, self.qvel
        finite = np.all(np.isfinite(qpos), axis=1) & np.all(np.isfinite(qvel), axis=1)
        with np.errstate(invalid="ignore"):
            diverged = ~finite | (np.hypot(qvel[:, 0], qvel[:, 1]) > MAX_LIN_SPEED) | (np.abs(qvel[:, 2]) > MAX_ANG_SPEED)
        theta = np.where(finite, qpos[:, 2], 0.0)
        failed = (np.where(finite, qpos[:, 1], 0.0) < MIN_TORSO_HEIGHT) | (np.cos(theta) < np.cos(MAX_TORSO_PITCH))
        failed |= diverged
        forward = np.where(finite, qvel[:, 0], 0.0) * np.sign(np.cos(theta))
        raw = np.stack([np.exp(-((forward - self.command) ** 2) / TRACKING_SIGMA ** 2),
                        np.where(failed, 0.0, 1.0),
                        np.cos(theta) ** 2,
                        np.sum((a - self.last_action) ** 2, axis=1),
                        tsq, power,
                        np.sum(np.maximum(JOINT_LO - qpos[:, 3:9], 0) + np.maximum(qpos[:, 3:9] - JOINT_HI, 0), axis=1)],
                       axis=1)
        terms = raw * np.array([w for _, w in REWARDS])
        terms[diverged] = 0.0
        reward = terms.sum(axis=1)
        self.last_action = a.astype(np.float32)
        truncated = ~failed & (self.step_count >= MAX_STEPS)
        done = failed | truncated

        safe_qpos = np.where(finite[:, None], qpos, 0.0)
        safe_qvel = np.where(finite[:, None], qvel, 0.0)
        _, terminal_critic, terminal_amp = self._rows(safe_qpos, safe_qvel, self.command, self.last_action, self.contacts)
        # a diverged step's pair is (s, s): the state it reached is unusable
        terminal_critic[diverged] = pre_critic[diverged]
        terminal_amp[diverged] = pre_amp[diverged]
        terminal_critic[~done] = 0.0
        terminal_amp[~done] = 0.0
        for i in np.flatnonzero(done):
            self._start_episode(i, self.episode[i] + 1, None if starts is None else starts.row(i))
            self.qpos[i] = self.data[i].qpos
            self.qvel[i] = self.data[i].qvel
        policy, critic, amp = self.observe()
        return StepResult(policy, critic, amp, reward.astype(np.float32), terms.astype(np.float32), failed, truncated,
                          terminal_amp, terminal_critic)

    def reset(self, slots, starts=None):
        for k, i in enumerate(slots):
            self._start_episode(int(i), self.episode[i] + 1, None if starts is None else starts.row(k))
        self._gather()

    # --- exact snapshot/restore ----------------------------------------------------------------
    def snapshot(self):
        physics = np.empty((self.n, self.state_size))
        for i, d in enumerate(self.data):
            mujoco.mj_getState(self.model, d, physics[i], STATE_SPEC)
        task = np.concatenate([self.episode[:, None].astype(np.float64), self.step_count[:, None].astype(np.float64),
                               self.command[:, None], self.last_action.astype(np.float64), self.contacts], axis=1)
        return np.concatenate([task, physics], axis=1).astype("<f8").tobytes()

    def restore(self, data):
        table = np.frombuffer(data, dtype="<f8")
        width = TASK_STATE + self.state_size
        if table.size != self.n * width:
            raise ValueError(f"snapshot of {table.size} doubles, expected {self.n} envs x {width}")
        table = table.reshape(self.n, width)
        self.episode = table[:, 0].astype(np.int64)
        self.step_count = table[:, 1].astype(np.int64)
        self.command = table[:, 2].copy()
        self.last_action = table[:, 3:9].astype(np.float32)
        self.contacts = table[:, 9:11].copy()
        for i, d in enumerate(self.data):
            mujoco.mj_setState(self.model, d, table[i, TASK_STATE:], STATE_SPEC)
            mujoco.mj_forward(self.model, d)
        self._gather()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--envs", type=int, default=64, help="envs this client steps (one shard)")
    ap.add_argument("--connect", default="tcp://127.0.0.1:5555", help="the platform's amp.gateway.address")
    ap.add_argument("--token", default=os.environ.get("AMP_GATEWAY_TOKEN", ""), help="amp.gateway.token")
    ap.add_argument("--amp-terms", default="ostrich22", help="comma-separated AMP terms or groups (amp.sim.observations.amp-terms)")
    ap.add_argument("--no-snapshot", action="store_true", help="declare no snapshot/restore (resume is approximate)")
    ap.add_argument("--no-reference-state-reset", action="store_true",
                    help="start episodes here from the default pose instead of where the platform says (no RSI)")
    ap.add_argument("--idle-timeout", type=float, default=600.0, help="seconds without a request before giving up")
    ap.add_argument("--stats-json", action="store_true",
                    help="print {steps, client_step_s, step_times} as one JSON line at the end")
    args = ap.parse_args()
    env = MujocoOstrich(args.envs, args.amp_terms.split(","), snapshot=not args.no_snapshot,
                        reference_state_reset=not args.no_reference_state_reset)
    client = serve(env, args.connect, args.token, args.idle_timeout)
    if args.stats_json:
        import json
        print(json.dumps({"steps": client.steps, "client_step_s": client.client_step_s / max(client.steps, 1),
                          "step_times": client.step_times}), flush=True)
    elif client.steps:
        print(f"mujoco_ostrich: {client.steps} steps of {args.envs} envs, {client.client_step_s / client.steps * 1e3:.2f} ms"
              f" per step in MuJoCo", file=sys.stderr)


if __name__ == "__main__":
    main()
