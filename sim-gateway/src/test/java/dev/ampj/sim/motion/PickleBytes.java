package dev.ampj.sim.motion;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes pickle bytes the way numpy's {@code np.save} does for an object array holding a dict
 * (protocol 4 with STACK_GLOBAL, or protocol 2 with GLOBAL and {@code _codecs.encode} bytes), so
 * tests can build amp-rsl-rl files without Python. Values: String, Double (Python float),
 * {@link Scalar} (numpy float64), double[] (1-d float64 array), double[][] (2-d), List, Map.
 */
final class PickleBytes {

    /** A numpy float64 scalar (pickled through numpy's {@code scalar} global). */
    record Scalar(double value) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int protocol;

    private PickleBytes(int protocol) {
        this.protocol = protocol;
    }

    /** The whole .npy file: an {@code |O} header and the pickle of a 0-d object array holding {@code root}. */
    static byte[] npyOfObject(Object root, int protocol) {
        PickleBytes p = new PickleBytes(protocol);
        p.op(0x80);
        p.out.write(protocol);
        p.reconstruct();
        p.op('(');
        p.intOp(1);
        p.op(')'); // shape ()
        p.dtype("O8", "|");
        p.op(0x89); // not fortran
        p.op(']');
        p.op('(');
        p.value(root);
        p.op('e'); // APPENDS
        p.op('t');
        p.op('b');
        p.op('.');
        byte[] pickle = p.out.toByteArray();
        String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = padded - 10;
        f.write(len & 0xFF);
        f.write(len >>> 8);
        f.writeBytes(dict.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = total; i < padded; i++) {
            f.write(' ');
        }
        f.write('\n');
        f.writeBytes(pickle);
        return f.toByteArray();
    }

    /** Raw pickle bytes of a single global reference followed by STOP (for refusal tests). */
    static byte[] globalOnly(String module, String name) {
        PickleBytes p = new PickleBytes(2);
        p.op(0x80);
        p.out.write(2);
        p.global(module, name);
        p.op('.');
        return p.out.toByteArray();
    }

    private void op(int code) {
        out.write(code);
    }

    private void intOp(int v) {
        if (v >= 0 && v < 256) {
            op('K');
            out.write(v);
        } else {
            op('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }
    }

    private void str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 4 && b.length < 256) {
            op(0x8c);
            out.write(b.length);
        } else {
            op('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        }
        out.writeBytes(b);
    }

    private void bytes(byte[] b) {
        if (protocol >= 3) {
            op('B');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        } else { // protocol 2: _codecs.encode(latin1 str, 'latin1')
            global("_codecs", "encode");
            str(new String(b, StandardCharsets.ISO_8859_1));
            str("latin1");
            op(0x86);
            op('R');
        }
    }

    private void global(String module, String name) {
        if (protocol >= 4) {
            str(module);
            str(name);
            op(0x93);
        } else {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void reconstruct() {
        global(protocol >= 4 ? "numpy._core.multiarray" : "numpy.core.multiarray", "_reconstruct");
        global("numpy", "ndarray");
        intOp(0);
        op(0x85);
        bytes(new byte[] {'b'});
        op(0x87);
        op('R');
    }

    private void dtype(String code, String order) {
        global("numpy", "dtype");
        str(code);
        op(0x89);
        op(0x88);
        op(0x87);
        op('R');
        op('(');
        intOp(3);
        str(order);
        op('N');
        op('N');
        op('N');
        intOp(-1);
        intOp(-1);
        intOp(0);
        op('t');
        op('b');
    }

    private void array(double[] v, int[] shape) {
        reconstruct();
        op('(');
        intOp(1);
        op('(');
        for (int d : shape) {
            intOp(d);
        }
        op('t');
        dtype("f8", "<");
        op(0x89);
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        bytes(b.array());
        op('t');
        op('b');
    }

    private void value(Object v) {
        if (v instanceof String s) {
            str(s);
        } else if (v instanceof Double d) {
            op('G');
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(d).array());
        } else if (v instanceof Scalar s) {
            global(protocol >= 4 ? "numpy._core.multiarray" : "numpy.core.multiarray", "scalar");
            dtype("f8", "<");
            bytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(s.value()).array());
            op(0x86);
            op('R');
        } else if (v instanceof double[] a) {
            array(a, new int[] {a.length});
        } else if (v instanceof double[][] m) {
            int cols = m.length == 0 ? 0 : m[0].length;
            double[] flat = new double[m.length * cols];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(m[i], 0, flat, i * cols, cols);
            }
            array(flat, new int[] {m.length, cols});
        } else if (v instanceof List<?> l) {
            op(']');
            if (!l.isEmpty()) {
                op('(');
                for (Object x : l) {
                    value(x);
                }
                op('e');
            }
        } else if (v instanceof Map<?, ?> m) {
            op('}');
            op('(');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                value(e.getKey());
                value(e.getValue());
            }
            op('u');
        } else {
            throw new IllegalArgumentException("cannot pickle " + v);
        }
    }
}
