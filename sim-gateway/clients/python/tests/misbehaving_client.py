#!/usr/bin/env python3
"""A MuJoCo ostrich client that breaks the protocol in one chosen way (for the platform's tests).

    misbehaving_client.py CASE --connect ADDR [--envs N]

Handshake cases: bad-token, bad-amp, bad-policy-dim, bad-version-hello, wrong-envs.
STEP_RESULT cases (the first step's reply): truncated, oversized, nan, inf-terminal, bad-flag, version,
rows, sequence, kind, stall. Exits 0 once the platform answered with an ERROR (printed to stdout), 3 if not.
"""

import argparse
import json
import os
import struct
import sys
import time

import numpy as np
import zmq

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "examples"))
from amp_gateway import protocol as p  # noqa: E402
from amp_gateway.client import GatewayClient, step_payload  # noqa: E402
from mujoco_ostrich import REWARDS, MujocoOstrich  # noqa: E402


def corrupt(case, frame, n, amp_dim, policy_dim, critic_dim):
    b = bytearray(frame)
    if case == "truncated":
        return bytes(b[:-4])
    if case == "oversized":
        struct.pack_into("<I", b, 16, len(b) - p.HEADER_BYTES + 4)
        return bytes(b) + b"\0\0\0\0"
    if case == "nan":  # amp_obs row 3 col 7
        at = p.HEADER_BYTES + 4 * (n * (policy_dim + critic_dim) + 3 * amp_dim + 7)
        struct.pack_into("<f", b, at, float("nan"))
        return bytes(b)
    if case == "inf-terminal":  # terminal_critic_obs row 0 col 0 (the last column)
        at = len(b) - 4 * n * critic_dim
        struct.pack_into("<f", b, at, float("inf"))
        return bytes(b)
    if case == "bad-flag":  # terminated row 1 (after the reward and the reward terms)
        at = p.HEADER_BYTES + 4 * (n * (policy_dim + critic_dim + amp_dim + 1 + len(REWARDS)) + 1)
        struct.pack_into("<f", b, at, 0.5)
        return bytes(b)
    if case == "version":
        struct.pack_into("<H", b, 4, 2)
        return bytes(b)
    if case == "rows":
        struct.pack_into("<I", b, 20, n + 1)
        return bytes(b)
    if case == "sequence":
        struct.pack_into("<Q", b, 8, 999)
        return bytes(b)
    if case == "kind":
        struct.pack_into("<H", b, 6, p.OBSERVATION)
        return bytes(b)
    raise SystemExit(f"unknown case {case}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("--connect", required=True)
    ap.add_argument("--envs", type=int, default=4)
    args = ap.parse_args()
    env = MujocoOstrich(args.envs, reference_state_reset=False)  # a client of the first protocol text
    client = GatewayClient(env, args.connect, idle_timeout_s=60)
    spec = env.handshake()
    if args.case == "bad-token":
        client.token = "wrong"
    elif args.case == "bad-amp":
        spec["amp"] = [{"name": "joint_pos", "dim": 6}, {"name": "joint_vel", "dim": 6}]
    elif args.case == "bad-policy-dim":
        spec["observations"]["policy"][0]["dim"] = 4
    elif args.case == "wrong-envs":
        spec["num_envs"] = args.envs + 1
    env.handshake = lambda: spec
    if args.case == "bad-version-hello":
        ctx = zmq.Context.instance()
        s = ctx.socket(zmq.DEALER)
        s.connect(args.connect)
        frame = bytearray(p.encode(p.HELLO, 0, json.dumps({"protocol": 1, **spec}).encode()))
        struct.pack_into("<H", frame, 4, 7)
        s.send(bytes(frame))
        return report(p.decode(s.recv()) if s.poll(60000) else None)
    try:
        client.connect()
    except p.ProtocolError as e:
        print(e)
        return 0
    n = args.envs
    pd, cd, ad = 28, 31, sum(t["dim"] for t in spec["amp"])
    while True:
        if not client.socket.poll(60000):
            return 3
        kind, seq, rows, payload = p.decode(client.socket.recv())
        if kind == p.ERROR:
            print(bytes(payload).decode())
            return 0
        if kind == p.OBSERVE:
            client.socket.send(p.encode(p.OBSERVATION, seq, p.columns(*env.observe()), n))
        elif kind == p.STEP:
            r = env.step(np.frombuffer(payload, dtype=p.F32).reshape(n, 6))
            if args.case == "stall":
                time.sleep(30)
                continue
            frame = p.encode(p.STEP_RESULT, seq, step_payload(r), n)
            client.socket.send(corrupt(args.case, frame, n, ad, pd, cd))
        elif kind == p.CLOSE:
            return 3


def report(reply):
    if reply is not None and reply[0] == p.ERROR:
        print(bytes(reply[3]).decode())
        return 0
    return 3


if __name__ == "__main__":
    sys.exit(main())
