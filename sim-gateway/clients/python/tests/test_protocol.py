"""Framing of the reference client (run: python3 -m unittest discover sim-gateway/clients/python/tests)."""

import os
import struct
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from amp_gateway import protocol as p  # noqa: E402
from amp_gateway.client import step_payload  # noqa: E402
from amp_gateway.env import StepResult  # noqa: E402


class FrameTest(unittest.TestCase):

    def test_header_is_32_little_endian_bytes(self):
        f = p.encode(p.STEP, 7, b"\x01\x02\x03\x04", rows=1)
        self.assertEqual(36, len(f))
        self.assertEqual(b"AMPG", f[:4])
        self.assertEqual((1, p.STEP, 7, 4, 1, 0, 0), struct.unpack_from("<HHQIIII", f, 4))

    def test_decode_round_trip(self):
        kind, seq, rows, payload = p.decode(p.encode(p.OBSERVATION, 3, b"abcd" * 2, rows=2))
        self.assertEqual((p.OBSERVATION, 3, 2, b"abcdabcd"), (kind, seq, rows, bytes(payload)))

    def test_truncated_and_trailing_bytes_are_refused(self):
        f = p.encode(p.STEP, 1, b"\0" * 8)
        with self.assertRaisesRegex(p.ProtocolError, "announces 8 payload bytes, 4 arrived"):
            p.decode(f[:-4])
        with self.assertRaisesRegex(p.ProtocolError, "announces 8 payload bytes, 12 arrived"):
            p.decode(f + b"\0" * 4)
        with self.assertRaisesRegex(p.ProtocolError, "shorter than the 32-byte header"):
            p.decode(f[:10])

    def test_wrong_magic_and_version_are_refused(self):
        f = bytearray(p.encode(p.STEP, 1))
        struct.pack_into("<H", f, 4, 2)
        with self.assertRaisesRegex(p.ProtocolError, "protocol version 2"):
            p.decode(bytes(f))
        with self.assertRaisesRegex(p.ProtocolError, "bad magic"):
            p.decode(b"XXXX" + bytes(f[4:]))

    def test_columns_are_row_major_float32_in_order(self):
        a = np.arange(6, dtype=np.float64).reshape(2, 3)
        b = np.array([10.0, 11.0])
        payload = p.columns(a, b)
        self.assertEqual(np.array([0, 1, 2, 3, 4, 5, 10, 11], dtype="<f4").tobytes(), payload)
        x, y = p.split_columns(payload, 2, [3, 1])
        np.testing.assert_array_equal(a, x)
        np.testing.assert_array_equal(b[:, None], y)
        with self.assertRaisesRegex(p.ProtocolError, "expected 10"):
            p.split_columns(payload, 2, [4, 1])

    def test_step_result_column_order_and_size(self):
        n, pd, cd, ad, r = 3, 2, 4, 5, 6
        res = StepResult(np.full((n, pd), 1.0), np.full((n, cd), 2.0), np.full((n, ad), 3.0), np.full(n, 4.0),
                         np.full((n, r), 5.0), np.array([True, False, False]), np.array([False, True, False]),
                         np.full((n, ad), 6.0), np.full((n, cd), 7.0))
        data = np.frombuffer(step_payload(res), dtype="<f4")
        self.assertEqual(n * (pd + 2 * cd + 2 * ad + r + 3), data.size)
        cols = p.split_columns(step_payload(res), n, [pd, cd, ad, 1, r, 1, 1, ad, cd])
        self.assertEqual([1, 2, 3, 4, 5], [c[0, 0] for c in cols[:5]])
        np.testing.assert_array_equal([[1], [0], [0]], cols[5])
        np.testing.assert_array_equal([[0], [1], [0]], cols[6])
        self.assertEqual([6, 7], [cols[7][0, 0], cols[8][0, 0]])


if __name__ == "__main__":
    unittest.main()
