"""The client loop: connect, HELLO, WELCOME, then answer the platform's requests until CLOSE."""

import json
import time

import numpy as np
import zmq

from . import protocol as p
from .starts import EpisodeStarts


class GatewayClient:
    """Serves one :class:`~amp_gateway.env.BatchedEnv` to the platform bound at ``address``.

    ``timing`` accumulates the seconds spent inside the env's ``step`` (``client_step_s``) and the
    number of steps, for benchmarks.
    """

    def __init__(self, env, address, token="", idle_timeout_s=600.0, context=None):
        self.env = env
        self.address = address
        self.token = token
        self.idle_timeout_ms = int(idle_timeout_s * 1000)
        self.context = context or zmq.Context.instance()
        self.socket = None
        self.welcome = None
        self.start_width = 0
        self.spec = None
        self.client_step_s = 0.0
        self.steps = 0
        self.step_times = []

    def connect(self):
        """Sends HELLO and waits for WELCOME; raises ProtocolError with the platform's reason on ERROR."""
        self.spec = dict(self.env.handshake())
        hello = {"protocol": p.PROTOCOL, "token": self.token, **self.spec}
        self.socket = self.context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.connect(self.address)
        self.socket.send(p.encode(p.HELLO, 0, json.dumps(hello).encode("utf-8")))
        kind, _, _, payload = self._receive()
        if kind == p.ERROR:
            raise p.ProtocolError(f"platform refused HELLO: {bytes(payload).decode('utf-8', 'replace')}")
        if kind != p.WELCOME:
            raise p.ProtocolError(f"expected WELCOME, got {p.KIND_NAMES.get(kind, kind)}")
        self.welcome = json.loads(bytes(payload).decode("utf-8"))
        # A platform that sends episode starts says their row width; one that does not (or a client
        # that did not declare reference_state_reset) gets 0, and the client starts episodes itself.
        self.start_width = int(self.welcome.get("episode_starts", 0))
        self.env.configure(np.asarray(self.welcome["env_ids"], dtype=np.int64), int(self.welcome["seed"]))
        return self.welcome

    def serve(self):
        """Answers requests until CLOSE (returns normally) or an ERROR from the platform (raises)."""
        n = self.spec["num_envs"]
        d = self.spec["action"]["dim"]
        while True:
            kind, seq, rows, payload = self._receive()
            if kind == p.CLOSE:
                return
            if kind == p.ERROR:
                raise p.ProtocolError(f"platform dropped this client: {bytes(payload).decode('utf-8', 'replace')}")
            if kind == p.STEP:
                data = np.frombuffer(payload, dtype=p.F32)
                actions = data[:n * d].reshape(n, d)
                t0 = time.perf_counter()
                if self.start_width:
                    r = self.env.step(actions, starts=EpisodeStarts.parse(data[n * d:].reshape(n, self.start_width)))
                else:
                    r = self.env.step(actions)
                dt = time.perf_counter() - t0
                self.client_step_s += dt
                self.steps += 1
                self.step_times.append(dt)
                self.socket.send(p.encode(p.STEP_RESULT, seq, step_payload(r), n))
            elif kind == p.OBSERVE:
                self._send_observation(seq, n)
            elif kind == p.RESET:
                k = len(payload) // (4 * (1 + self.start_width))
                slots = np.frombuffer(payload, dtype="<u4", count=k).astype(np.int64)
                if self.start_width:
                    rows = np.frombuffer(payload, dtype=p.F32, offset=4 * k).reshape(k, self.start_width)
                    self.env.reset(slots, starts=EpisodeStarts.parse(rows))
                else:
                    self.env.reset(slots)
                self._send_observation(seq, n)
            elif kind == p.SNAPSHOT:
                self.socket.send(p.encode(p.SNAPSHOT_DATA, seq, self.env.snapshot(), n))
            elif kind == p.RESTORE:
                self.env.restore(bytes(payload))
                self._send_observation(seq, n)
            else:
                self.socket.send(p.encode(p.ERROR, seq, f"unexpected {p.KIND_NAMES.get(kind, kind)}".encode()))

    def _send_observation(self, seq, n):
        self.socket.send(p.encode(p.OBSERVATION, seq, p.columns(*self.env.observe()), n))

    def _receive(self):
        if not self.socket.poll(self.idle_timeout_ms):
            raise TimeoutError(f"no request from {self.address} within {self.idle_timeout_ms / 1000:.0f} s")
        return p.decode(self.socket.recv())

    def close(self):
        if self.socket is not None:
            self.socket.close()
            self.socket = None


def step_payload(r):
    """The STEP_RESULT columns of a StepResult, in protocol order."""
    return p.columns(r.policy_obs, r.critic_obs, r.amp_obs, r.reward, r.reward_terms,
                     np.asarray(r.terminated, dtype=p.F32), np.asarray(r.truncated, dtype=p.F32),
                     r.terminal_amp_obs, r.terminal_critic_obs)


def serve(env, address, token="", idle_timeout_s=600.0):
    """Connects ``env`` to the platform at ``address`` and serves it until the run ends."""
    client = GatewayClient(env, address, token, idle_timeout_s)
    try:
        client.connect()
        client.serve()
    finally:
        client.close()
    return client
