"""Reference client of the amp simulator gateway (docs/gateway-protocol.md): numpy + pyzmq only.

Wrap any batched simulator in a :class:`BatchedEnv` and hand it to :func:`serve`; the platform binds
``amp.gateway.address`` and drives the env in lock-step (step, reset, snapshot, restore).
"""

from .protocol import PROTOCOL, ProtocolError
from .env import BatchedEnv, StepResult
from .starts import EpisodeStarts
from .client import GatewayClient, serve

__all__ = ["PROTOCOL", "ProtocolError", "BatchedEnv", "StepResult", "EpisodeStarts", "GatewayClient", "serve"]
