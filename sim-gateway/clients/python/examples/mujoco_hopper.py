#!/usr/bin/env python3
"""A robot the platform does not know, on MuJoCo, served through the gateway: a planar one-legged hopper.

    python3 sim-gateway/clients/python/examples/mujoco_hopper.py --write-motion hop.npz    # its reference motion
    python3 sim-gateway/clients/python/examples/mujoco_hopper.py --envs 16 --connect tcp://127.0.0.1:5555 &
    ./amp train --name hopper --iterations 3 --set amp.sim.engine=external --set amp.sim.robot=hopper \\
        --set 'amp.sim.observations.amp-terms=[root_height,joint_pos,root_lin_vel_w,joint_vel]' \\
        --set 'amp.sim.observations.key-bodies=[foot]' --set 'amp.motion.motion-files=["hop.npz"]'

The HELLO declares the robot (``joints``, ``bodies``, ``default_joint_pos``) and its own task: its
policy and critic observation terms, reward terms and action width are this file's, not the
ostrich's. The platform maps the reference motion onto the declared joint and body names and
computes the expert's AMP states with its term registry over that layout; this client computes the
same terms from MuJoCo. Episodes start where the platform says (reference_state_reset): a
reference row is the motion's state as is and this client lifts the foot 1 mm clear of the ground;
a default-pose row carries the declared default pose at rest, to which this client adds noise drawn
from (seed, env id, episode). Snapshot/restore is exact (MuJoCo's integration state plus the task's).

The model is the hopper of gymnasium's Hopper (torso, thigh, leg, foot; hinges hip, knee, ankle),
written here, with MuJoCo position actuators as the PD. ``--write-motion`` writes a deterministic
reference clip (Isaac Lab .npz: joint and body names, positions, rotations, fps): a periodic hop at
0.6 m/s, every body's pose computed by MuJoCo's forward kinematics from scripted joint angles.
"""

import argparse
import os
import sys

import mujoco
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from amp_gateway import BatchedEnv, StepResult, serve  # noqa: E402

MODEL_REVISION = "1"
JOINTS = ["hip", "knee", "ankle"]
BODIES = ["torso", "thigh", "leg", "foot"]
DEFAULT_JOINT_POS = np.array([0.0, 0.0, 0.0])
JOINT_LO = np.array([-2.6, -2.6, -0.78])
JOINT_HI = np.array([0.0, 0.0, 0.78])

# The torso's frame is the root: planar slides x, z and hinge pitch, so root height = qpos[1].
MJCF = f"""
<mujoco model="hopper">
  <compiler angle="radian"/>
  <option timestep="0.005" integrator="implicitfast"/>
  <default>
    <joint armature="0.01" damping="0.5" limited="true"/>
    <geom conaffinity="1" condim="3" friction="0.9 0.005 0.0001" density="1000" rgba="0.8 0.6 0.4 1"/>
    <position kp="120" kv="6" forcelimited="true" forcerange="-100 100" ctrllimited="false"/>
  </default>
  <worldbody>
    <geom name="floor" type="plane" size="50 2 0.1" rgba="0.8 0.9 0.8 1"/>
    <body name="torso" pos="0 0 1.25">
      <joint name="rootx" type="slide" axis="1 0 0" limited="false" armature="0" damping="0"/>
      <joint name="rootz" type="slide" axis="0 0 1" limited="false" armature="0" damping="0" ref="1.25"/>
      <joint name="rooty" type="hinge" axis="0 1 0" limited="false" armature="0" damping="0"/>
      <geom name="torso" type="capsule" fromto="0 0 0.2 0 0 -0.2" size="0.05"/>
      <body name="thigh" pos="0 0 -0.2">
        <joint name="hip" type="hinge" axis="0 -1 0" range="{JOINT_LO[0]} {JOINT_HI[0]}"/>
        <geom name="thigh" type="capsule" fromto="0 0 0 0 0 -0.45" size="0.05"/>
        <body name="leg" pos="0 0 -0.45">
          <joint name="knee" type="hinge" axis="0 -1 0" range="{JOINT_LO[1]} {JOINT_HI[1]}"/>
          <geom name="leg" type="capsule" fromto="0 0 0 0 0 -0.5" size="0.04"/>
          <body name="foot" pos="0 0 -0.5">
            <joint name="ankle" type="hinge" axis="0 -1 0" range="{JOINT_LO[2]} {JOINT_HI[2]}"/>
            <geom name="foot" type="capsule" fromto="-0.13 0 0 0.26 0 0" size="0.06"/>
          </body>
        </body>
      </body>
    </body>
  </worldbody>
  <actuator>
    <position name="hip" joint="hip"/>
    <position name="knee" joint="knee"/>
    <position name="ankle" joint="ankle"/>
  </actuator>
</mujoco>
"""

DT, DECIMATION, EPISODE_S = 0.005, 4, 20.0
CONTROL_DT = DT * DECIMATION
MAX_STEPS = int(round(EPISODE_S / CONTROL_DT))
ACTION_SCALE, ACTION_CLIP = 0.5, 2.0
RESET_CLEARANCE = 0.001
NOISE = 0.05
COMMAND = (0.4, 1.0)
MIN_HEIGHT, MAX_PITCH = 0.5, 1.0

# The task's own observations and rewards (names the platform takes as declared).
POLICY_TERMS = [("torso_vel_xz", 2), ("torso_pitch", 1), ("torso_pitch_rate", 1), ("joint_angles", 3),
                ("joint_rates", 3), ("speed_command", 1), ("previous_action", 3)]
CRITIC_TERMS = POLICY_TERMS + [("torso_height", 1), ("foot_on_ground", 1)]
REWARDS = [("forward_speed", 1.0), ("healthy", 1.0), ("control_cost", -1.0e-3)]
SPEED_SIGMA = 0.5
# AMP terms of the platform's registry this client computes (amp.sim.observations.amp-terms).
AMP_DIMS = {"root_height": 1, "root_lin_vel_w": 3, "root_ang_vel_w": 3, "joint_pos": 3, "joint_pos_rel": 3, "joint_vel": 3}
DEFAULT_AMP = ["root_height", "joint_pos", "root_lin_vel_w", "joint_vel"]

STATE_SPEC = mujoco.mjtState.mjSTATE_INTEGRATION
TASK_STATE = 7  # episode, step, command, previous action (3), foot contact


def model():
    return mujoco.MjModel.from_xml_string(MJCF)


class MujocoHopper(BatchedEnv):
    """N hoppers on a forward-speed task, auto-reset inside ``step``."""

    def __init__(self, num_envs, amp_terms=DEFAULT_AMP, snapshot=True, joints=JOINTS):
        self.n = num_envs
        self.model = model()
        self.data = [mujoco.MjData(self.model) for _ in range(num_envs)]
        self.amp_terms = list(amp_terms)
        for t in self.amp_terms:
            if t not in AMP_DIMS:
                raise SystemExit(f"--amp-terms: this example has no AMP term '{t}'; it has {sorted(AMP_DIMS)}")
        self.can_snapshot = snapshot
        self.declared_joints = list(joints)
        self.foot = mujoco.mj_name2id(self.model, mujoco.mjtObj.mjOBJ_GEOM, "foot")
        self.floor = mujoco.mj_name2id(self.model, mujoco.mjtObj.mjOBJ_GEOM, "floor")
        self.state_size = mujoco.mj_stateSize(self.model, STATE_SPEC)
        self.env_ids = np.arange(num_envs)
        self.seed = 0
        self.episode = np.zeros(num_envs, dtype=np.int64)
        self.step_count = np.zeros(num_envs, dtype=np.int64)
        self.command = np.zeros(num_envs)
        self.last_action = np.zeros((num_envs, 3), dtype=np.float32)
        self.contact = np.zeros(num_envs)
        self.qpos = np.zeros((num_envs, 6))
        self.qvel = np.zeros((num_envs, 6))

    def handshake(self):
        return {
            "simulator": {"name": "mujoco-hopper", "version": f"mujoco {mujoco.__version__}; model {MODEL_REVISION}"},
            "robot": "hopper",
            "joints": self.declared_joints,
            "bodies": BODIES,
            "default_joint_pos": DEFAULT_JOINT_POS.tolist(),
            "num_envs": self.n,
            "observations": {"policy": [{"name": t, "dim": d} for t, d in POLICY_TERMS],
                             "critic": [{"name": t, "dim": d} for t, d in CRITIC_TERMS]},
            "amp": [{"name": t, "dim": AMP_DIMS[t]} for t in self.amp_terms],
            "reward_terms": [name for name, _ in REWARDS],
            "action": {"dim": 3, "low": [-ACTION_CLIP] * 3, "high": [ACTION_CLIP] * 3},
            "control_dt": CONTROL_DT,
            "max_episode_steps": MAX_STEPS,
            "capabilities": {"snapshot": self.can_snapshot, "reference_state_reset": True},
        }

    def configure(self, env_ids, seed):
        self.env_ids = np.asarray(env_ids)
        self.seed = seed
        self.episode[:] = -1  # the platform's first RESET starts episode 0 of every slot
        self._gather()

    # --- episodes --------------------------------------------------------------------------
    def _start_episode(self, i, episode, start):
        """Starts env ``i`` at ``start`` (one EpisodeStarts row): a reference state as given, or the declared
        default pose plus noise from (seed, env id, episode); the foot 1 mm above the ground."""
        d = self.data[i]
        mujoco.mj_resetData(self.model, d)
        w, _, y, _ = (float(v) for v in start.root_quat[0])
        d.qpos[:] = 0
        d.qpos[2] = 2.0 * np.arctan2(y, w)
        d.qpos[3:6] = start.joint_pos[0]
        d.qvel[0] = float(start.root_lin_vel[0][0])
        d.qvel[1] = float(start.root_lin_vel[0][2])
        d.qvel[2] = float(start.root_ang_vel[0][1])
        d.qvel[3:6] = start.joint_vel[0]
        if not start.reference[0]:
            rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([self.seed, int(self.env_ids[i]), episode])))
            d.qpos[3:6] = np.clip(d.qpos[3:6] + NOISE * rng.uniform(-1, 1, 3), JOINT_LO, JOINT_HI)
            d.qvel[3:6] = NOISE * rng.uniform(-1, 1, 3)
        mujoco.mj_kinematics(self.model, d)
        d.qpos[1] = RESET_CLEARANCE - self._lowest_foot_z(d)  # the torso's z was 0: lift the foot clear
        mujoco.mj_forward(self.model, d)
        self.episode[i] = episode
        self.step_count[i] = 0
        self.command[i] = float(start.command[0])
        self.last_action[i] = 0
        self.contact[i] = self._foot_contact(d)

    def _lowest_foot_z(self, d):
        """Lowest point of the foot capsule (world z; the torso's z is qpos[1])."""
        g = self.foot
        rot = d.geom_xmat[g].reshape(3, 3)
        half = self.model.geom_size[g][1]
        ends = [d.geom_xpos[g] + s * half * rot[:, 2] for s in (-1, 1)]
        return min(e[2] for e in ends) - self.model.geom_size[g][0]

    def _foot_contact(self, d):
        for c in d.contact[:d.ncon]:
            if {c.geom1, c.geom2} == {self.foot, self.floor}:
                return 1.0
        return 0.0

    def _gather(self):
        for i, d in enumerate(self.data):
            self.qpos[i] = d.qpos
            self.qvel[i] = d.qvel

    # --- observations ----------------------------------------------------------------------
    def _rows(self, qpos, qvel, command, last_action, contact):
        zeros = np.zeros(len(qpos))
        t = {"torso_vel_xz": qvel[:, 0:2], "torso_pitch": qpos[:, 2:3], "torso_pitch_rate": qvel[:, 2:3],
             "joint_angles": qpos[:, 3:6], "joint_rates": qvel[:, 3:6], "speed_command": command[:, None],
             "previous_action": last_action, "torso_height": qpos[:, 1:2], "foot_on_ground": contact[:, None],
             # the registry's terms: root = the torso's frame, world-frame velocities, joints in declared order
             "root_height": qpos[:, 1:2], "root_lin_vel_w": np.stack([qvel[:, 0], zeros, qvel[:, 1]], axis=1),
             "root_ang_vel_w": np.stack([zeros, qvel[:, 2], zeros], axis=1), "joint_pos": qpos[:, 3:6],
             "joint_pos_rel": qpos[:, 3:6] - DEFAULT_JOINT_POS, "joint_vel": qvel[:, 3:6]}
        policy = np.concatenate([t[k] for k, _ in POLICY_TERMS], axis=1)
        critic = np.concatenate([t[k] for k, _ in CRITIC_TERMS], axis=1)
        amp = np.concatenate([t[k] for k in self.amp_terms], axis=1)
        return policy.astype(np.float32), critic.astype(np.float32), amp.astype(np.float32)

    def observe(self):
        return self._rows(self.qpos, self.qvel, self.command, self.last_action, self.contact)

    # --- step ------------------------------------------------------------------------------
    def step(self, actions, starts=None):
        a = np.clip(np.asarray(actions, dtype=np.float64), -ACTION_CLIP, ACTION_CLIP)
        targets = DEFAULT_JOINT_POS + ACTION_SCALE * a
        pre_policy, pre_critic, pre_amp = self.observe()
        for i, d in enumerate(self.data):
            d.ctrl[:] = targets[i]
            for _ in range(DECIMATION):
                mujoco.mj_step(self.model, d)
            self.contact[i] = self._foot_contact(d)
        self._gather()
        self.step_count += 1
        qpos, qvel = self.qpos, self.qvel
        finite = np.all(np.isfinite(qpos), axis=1) & np.all(np.isfinite(qvel), axis=1)
        safe_qpos = np.where(finite[:, None], qpos, 0.0)
        safe_qvel = np.where(finite[:, None], qvel, 0.0)
        failed = ~finite | (safe_qpos[:, 1] < MIN_HEIGHT) | (np.abs(safe_qpos[:, 2]) > MAX_PITCH)
        raw = np.stack([np.exp(-((safe_qvel[:, 0] - self.command) ** 2) / SPEED_SIGMA ** 2),
                        np.where(failed, 0.0, 1.0), np.sum(a * a, axis=1)], axis=1)
        terms = raw * np.array([w for _, w in REWARDS])
        reward = terms.sum(axis=1)
        self.last_action = a.astype(np.float32)
        truncated = ~failed & (self.step_count >= MAX_STEPS)
        done = failed | truncated
        _, terminal_critic, terminal_amp = self._rows(safe_qpos, safe_qvel, self.command, self.last_action, self.contact)
        terminal_critic[~finite] = pre_critic[~finite]
        terminal_amp[~finite] = pre_amp[~finite]
        terminal_critic[~done] = 0.0
        terminal_amp[~done] = 0.0
        for i in np.flatnonzero(done):
            self._start_episode(i, self.episode[i] + 1, starts.row(i))
            self.qpos[i] = self.data[i].qpos
            self.qvel[i] = self.data[i].qvel
        policy, critic, amp = self.observe()
        return StepResult(policy, critic, amp, reward.astype(np.float32), terms.astype(np.float32), failed, truncated,
                          terminal_amp, terminal_critic)

    def reset(self, slots, starts=None):
        for k, i in enumerate(slots):
            self._start_episode(int(i), self.episode[i] + 1, starts.row(k))
        self._gather()

    # --- exact snapshot/restore ----------------------------------------------------------------
    def snapshot(self):
        physics = np.empty((self.n, self.state_size))
        for i, d in enumerate(self.data):
            mujoco.mj_getState(self.model, d, physics[i], STATE_SPEC)
        task = np.concatenate([self.episode[:, None].astype(np.float64), self.step_count[:, None].astype(np.float64),
                               self.command[:, None], self.last_action.astype(np.float64), self.contact[:, None]], axis=1)
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
        self.last_action = table[:, 3:6].astype(np.float32)
        self.contact = table[:, 6].copy()
        for i, d in enumerate(self.data):
            mujoco.mj_setState(self.model, d, table[i, TASK_STATE:], STATE_SPEC)
            mujoco.mj_forward(self.model, d)
        self._gather()


def write_motion(path, seconds=4.0, fps=50.0, speed=0.6, hop_hz=1.5):
    """A deterministic reference clip: a periodic hop at ``speed`` m/s, as an Isaac Lab .npz. Joint angles
    are scripted; every body's pose comes from MuJoCo's forward kinematics; velocities are left to the
    platform (finite differences)."""
    m = model()
    d = mujoco.MjData(m)
    frames = int(round(seconds * fps))
    body_ids = [mujoco.mj_name2id(m, mujoco.mjtObj.mjOBJ_BODY, b) for b in BODIES]
    dof_pos = np.zeros((frames, 3), dtype=np.float32)
    body_pos = np.zeros((frames, len(BODIES), 3), dtype=np.float32)
    body_rot = np.zeros((frames, len(BODIES), 4), dtype=np.float32)
    for f in range(frames):
        phase = 2.0 * np.pi * hop_hz * f / fps
        crouch = 0.5 * (1.0 - np.cos(phase))  # 0 extended .. 1 crouched
        q = np.array([-0.6 * crouch - 0.1, -1.0 * crouch - 0.05, 0.35 * crouch - 0.1])
        d.qpos[:] = 0
        d.qpos[0] = speed * f / fps
        d.qpos[2] = 0.15 * crouch  # leans forward when crouched
        d.qpos[3:6] = q
        mujoco.mj_kinematics(m, d)
        g = mujoco.mj_name2id(m, mujoco.mjtObj.mjOBJ_GEOM, "foot")
        ends = [d.geom_xpos[g] + s * m.geom_size[g][1] * d.geom_xmat[g].reshape(3, 3)[:, 2] for s in (-1, 1)]
        ground = -(min(e[2] for e in ends) - m.geom_size[g][0])
        d.qpos[1] = ground + 0.001 + 0.08 * max(0.0, -np.sin(phase))  # on the ground, then a short flight
        mujoco.mj_kinematics(m, d)
        dof_pos[f] = q
        body_pos[f] = d.xpos[body_ids]
        body_rot[f] = d.xquat[body_ids]
    np.savez(path, dof_names=np.array(JOINTS), body_names=np.array(BODIES), dof_positions=dof_pos,
             body_positions=body_pos, body_rotations=body_rot, fps=np.float64(fps))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--envs", type=int, default=16, help="envs this client steps (one shard)")
    ap.add_argument("--connect", default="tcp://127.0.0.1:5555", help="the platform's amp.gateway.address")
    ap.add_argument("--token", default=os.environ.get("AMP_GATEWAY_TOKEN", ""), help="amp.gateway.token")
    ap.add_argument("--amp-terms", default=",".join(DEFAULT_AMP), help="comma-separated AMP terms (amp.sim.observations.amp-terms)")
    ap.add_argument("--joints", default=",".join(JOINTS), help="joint names the HELLO declares (to see a mismatch refused)")
    ap.add_argument("--no-snapshot", action="store_true", help="declare no snapshot/restore (resume is approximate)")
    ap.add_argument("--idle-timeout", type=float, default=600.0, help="seconds without a request before giving up")
    ap.add_argument("--write-motion", metavar="NPZ", help="write the reference clip to NPZ and exit")
    args = ap.parse_args()
    if args.write_motion:
        write_motion(args.write_motion)
        return
    env = MujocoHopper(args.envs, args.amp_terms.split(","), snapshot=not args.no_snapshot, joints=args.joints.split(","))
    client = serve(env, args.connect, args.token, args.idle_timeout)
    if client.steps:
        print(f"mujoco_hopper: {client.steps} steps of {args.envs} envs, {client.client_step_s / client.steps * 1e3:.2f} ms"
              f" per step in MuJoCo", file=sys.stderr)


if __name__ == "__main__":
    main()
