"""Frames of the gateway protocol v1: a 32-byte little-endian header, then the payload.

Header: magic b"AMPG", u16 version, u16 kind, u64 sequence, u32 payload bytes, u32 rows,
u32 flags (0), u32 reserved (0).
"""

import struct

import numpy as np

PROTOCOL = 1
MAGIC = b"AMPG"
HEADER = struct.Struct("<4sHHQIIII")
HEADER_BYTES = HEADER.size  # 32

HELLO, WELCOME, OBSERVE, STEP, RESET, SNAPSHOT, RESTORE, CLOSE = 1, 2, 3, 4, 5, 6, 7, 8
OBSERVATION, STEP_RESULT, SNAPSHOT_DATA, ERROR = 16, 17, 18, 255

KIND_NAMES = {HELLO: "HELLO", WELCOME: "WELCOME", OBSERVE: "OBSERVE", STEP: "STEP", RESET: "RESET",
              SNAPSHOT: "SNAPSHOT", RESTORE: "RESTORE", CLOSE: "CLOSE", OBSERVATION: "OBSERVATION",
              STEP_RESULT: "STEP_RESULT", SNAPSHOT_DATA: "SNAPSHOT_DATA", ERROR: "ERROR"}

F32 = np.dtype("<f4")


class ProtocolError(Exception):
    """A frame broke the protocol, or the platform refused this client (its ERROR text)."""


def encode(kind, sequence, payload=b"", rows=0):
    """One frame: header + payload (bytes-like)."""
    payload = memoryview(payload).cast("B")
    return HEADER.pack(MAGIC, PROTOCOL, kind, sequence, payload.nbytes, rows, 0, 0) + payload.tobytes()


def decode(frame):
    """(kind, sequence, rows, payload memoryview) of a frame, checking magic, version and length."""
    if len(frame) < HEADER_BYTES:
        raise ProtocolError(f"truncated frame: {len(frame)} bytes, shorter than the {HEADER_BYTES}-byte header")
    magic, version, kind, sequence, length, rows, flags, reserved = HEADER.unpack_from(frame, 0)
    if magic != MAGIC:
        raise ProtocolError(f"bad magic {magic!r}, expected {MAGIC!r}")
    if version != PROTOCOL:
        raise ProtocolError(f"protocol version {version}, this client speaks {PROTOCOL}")
    if flags or reserved:
        raise ProtocolError("flags and reserved header fields must be 0")
    if len(frame) - HEADER_BYTES != length:
        raise ProtocolError(f"{KIND_NAMES.get(kind, kind)}: header announces {length} payload bytes, "
                            f"{len(frame) - HEADER_BYTES} arrived")
    return kind, sequence, rows, memoryview(frame)[HEADER_BYTES:]


def columns(*arrays):
    """Concatenates float32 little-endian columns (each row-major over the envs) into one payload."""
    return b"".join(np.ascontiguousarray(a, dtype=F32).tobytes() for a in arrays)


def split_columns(payload, rows, widths):
    """The float32 columns of ``payload``: one (rows, width) array per width (copies)."""
    data = np.frombuffer(payload, dtype=F32)
    expected = rows * sum(widths)
    if data.size != expected:
        raise ProtocolError(f"payload of {data.size} floats, expected {expected} ({rows} rows x {list(widths)})")
    out, at = [], 0
    for w in widths:
        out.append(data[at:at + rows * w].reshape(rows, w).copy())
        at += rows * w
    return out
