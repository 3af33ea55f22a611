package dev.ampj.sim.motion.npy;

import dev.ampj.sim.motion.MotionFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickled Python objects of an object-dtype {@code .npy} (what {@code np.save} writes
 * for a dict, the amp-rsl-rl dataset format) with net.razorvine's unpickler, restricted to the
 * few globals numpy needs to rebuild arrays: {@code numpy[._]core.multiarray._reconstruct},
 * {@code numpy.ndarray}, {@code numpy.dtype}, {@code numpy[._]core.multiarray.scalar} and
 * {@code _codecs.encode} (protocol 2 bytes). Any other global, {@code INST}/{@code OBJ},
 * extension codes or persistent ids are refused: a pickle never names code that runs here.
 * Length prefixes are checked against the bytes that remain before anything is allocated.
 *
 * <p>Results: Python dict → {@code Map}, list/tuple → {@code List}, str → String, int/float and
 * numpy scalars → Double, numeric ndarray → {@link NpyArray}, object ndarray → List (or its only
 * element for a 0-d array).
 */
public final class NumpyPickle {

    private static final Set<String> RECONSTRUCT = Set.of("numpy._core.multiarray._reconstruct", "numpy.core.multiarray._reconstruct");
    private static final Set<String> SCALAR = Set.of("numpy._core.multiarray.scalar", "numpy.core.multiarray.scalar");

    private NumpyPickle() {}

    /** Unpickles {@code bytes} (the payload after an {@code |O} npy header). */
    public static Object load(byte[] bytes, String file) {
        RestrictedUnpickler u = new RestrictedUnpickler(file);
        Object raw;
        try {
            raw = u.loads(bytes);
        } catch (MotionFileException e) {
            throw e;
        } catch (PickleException | IOException | ClassCastException | IndexOutOfBoundsException e) {
            throw new MotionFileException(file, null, "malformed pickle payload: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new MotionFileException(file, null, "malformed pickle payload: " + rootMessage(e), e);
        } finally {
            u.close();
        }
        return convert(raw, file);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Replaces numpy placeholders by {@link NpyArray}/Double/List, recursively. */
    private static Object convert(Object o, String file) {
        if (o instanceof ArrayState a) {
            return a.toValue(file);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(convert(e.getKey(), file), convert(e.getValue(), file));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(convert(x, file));
            }
            return out;
        }
        if (o instanceof Object[] t) {
            List<Object> out = new ArrayList<>(t.length);
            for (Object x : t) {
                out.add(convert(x, file));
            }
            return out;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String || o == null || o instanceof Boolean || o instanceof byte[]) {
            return o;
        }
        throw new MotionFileException(file, null, "pickle holds a " + o.getClass().getSimpleName() + ", which this format does not use");
    }

    private static final class RestrictedUnpickler extends Unpickler {
        private final String file;

        RestrictedUnpickler(String file) {
            this.file = file;
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            switch (key) {
                case 'c' -> { // GLOBAL: "module\nname\n"
                    String module = line();
                    String name = line();
                    stack.add(global(module, name));
                    return NO_RETURN_VALUE;
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = stack.pop();
                    Object module = stack.pop();
                    stack.add(global(String.valueOf(module), String.valueOf(name)));
                    return NO_RETURN_VALUE;
                }
                case 'i', 'o', 0x82, 0x83, 0x84, 'P', 'Q', 0x97, 0x98 ->
                    throw new MotionFileException(file, null, "pickle uses opcode 0x" + Integer.toHexString(key)
                            + " (class instances, extensions, persistent ids or out-of-band buffers), which is not allowed");
                case 'B', 'X', 'T', 0x8b -> checkLength(4);
                case 0x8e, 0x8d, 0x96 -> checkLength(8);
                default -> { }
            }
            return super.dispatch(key);
        }

        /** Refuses a length prefix that claims more bytes than remain, before the base class allocates them. */
        private void checkLength(int width) throws IOException {
            input.mark(16);
            byte[] b = input.readNBytes(width);
            input.reset();
            if (b.length != width) {
                throw new MotionFileException(file, null, "pickle payload is truncated");
            }
            long len = 0;
            for (int i = width - 1; i >= 0; i--) {
                len = (len << 8) | (b[i] & 0xFF);
            }
            if (len < 0 || len > input.available() - width) {
                throw new MotionFileException(file, null, "pickle claims a " + len + "-byte item but only "
                        + Math.max(0, input.available() - width) + " bytes remain");
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = input.read()) != '\n') {
                if (c < 0 || sb.length() > 256) {
                    throw new MotionFileException(file, null, "pickle payload has a malformed GLOBAL opcode");
                }
                sb.append((char) c);
            }
            return sb.toString();
        }

        private Object global(String module, String name) {
            String q = module + "." + name;
            if (RECONSTRUCT.contains(q)) {
                return (IObjectConstructor) args -> new ArrayState();
            }
            if (SCALAR.contains(q)) {
                return (IObjectConstructor) args -> scalar(args, file);
            }
            if (q.equals("numpy.ndarray")) {
                return (IObjectConstructor) args -> {
                    throw new MotionFileException(file, null, "pickle calls numpy.ndarray directly");
                };
            }
            if (q.equals("numpy.dtype")) {
                return (IObjectConstructor) args -> new DTypeState(String.valueOf(args[0]));
            }
            if (q.equals("_codecs.encode")) {
                return (IObjectConstructor) args -> String.valueOf(args[0]).getBytes(StandardCharsets.ISO_8859_1);
            }
            throw new MotionFileException(file, null, "pickle references the Python global '" + q
                    + "', which is not allowed (only numpy array/dtype/scalar reconstruction is)");
        }
    }

    private static Object scalar(Object[] args, String file) {
        if (args.length != 2 || !(args[0] instanceof DTypeState d) || !(args[1] instanceof byte[] raw)) {
            throw new MotionFileException(file, null, "pickle holds a numpy scalar of an unsupported kind");
        }
        NpyDType t = d.resolve(file);
        if (!t.kind().numeric() || raw.length != t.itemSize()) {
            throw new MotionFileException(file, null, "pickle holds a numpy scalar of dtype " + t.descr() + " with " + raw.length + " bytes");
        }
        NpyArray a = NpyReader.decode(new NpyHeader(t.descr(), false, new int[0], 0), t, raw, file, null, "scalar");
        return a.get(0);
    }

    /** What {@code numpy.dtype(code, False, True)} plus its {@code __setstate__} describe. */
    public static final class DTypeState {
        private final String code;
        private String order = "|";

        DTypeState(String code) {
            this.code = code;
        }

        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] instanceof String s) {
                order = s;
            }
        }

        boolean isObject() {
            return code.startsWith("O");
        }

        NpyDType resolve(String file) {
            String c = code;
            // numpy pickles "f8", "i8", "U5", "b1"...; the byte order comes from the state.
            String descr = (order.equals("=") ? "<" : order) + c;
            try {
                return NpyDType.parse(descr);
            } catch (IllegalArgumentException e) {
                throw new MotionFileException(file, null, "pickled array: " + e.getMessage());
            }
        }
    }

    /** A numpy array being rebuilt: {@code _reconstruct} makes it, {@code __setstate__} fills it. */
    public static final class ArrayState {
        private int[] shape;
        private DTypeState dtype;
        private boolean fortran;
        private Object data;

        public void __setstate__(Object[] state) {
            int o = state.length == 5 ? 1 : 0; // version 1 states lead with the version
            if (state.length - o != 4 || !(state[o] instanceof Object[] dims) || !(state[o + 1] instanceof DTypeState d)) {
                throw new PickleException("unexpected ndarray state of length " + state.length);
            }
            shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                long v = ((Number) dims[i]).longValue();
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new PickleException("ndarray dimension " + v + " out of range");
                }
                shape[i] = (int) v;
            }
            dtype = d;
            fortran = Boolean.TRUE.equals(state[o + 2]);
            data = state[o + 3];
        }

        Object toValue(String file) {
            if (shape == null) {
                throw new MotionFileException(file, null, "pickle holds an ndarray without state");
            }
            long count = NpyArray.elementCount(shape);
            if (dtype.isObject()) {
                if (!(data instanceof List<?> items) || items.size() != count) {
                    throw new MotionFileException(file, null, "pickled object array " + NpyArray.shapeString(shape)
                            + " does not hold " + count + " items");
                }
                List<Object> out = new ArrayList<>();
                for (Object x : items) {
                    out.add(convert(x, file));
                }
                return shape.length == 0 ? out.get(0) : out;
            }
            NpyDType t = dtype.resolve(file);
            byte[] raw = data instanceof byte[] b ? b : data instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : null;
            if (raw == null) {
                throw new MotionFileException(file, null, "pickled array " + NpyArray.shapeString(shape) + " has no raw data");
            }
            if (count * t.itemSize() != raw.length) {
                throw new MotionFileException(file, null, "pickled array " + NpyArray.shapeString(shape) + " of " + t.descr()
                        + " needs " + count * t.itemSize() + " bytes but holds " + raw.length);
            }
            NpyHeader h = new NpyHeader(t.descr(), fortran, shape, 0);
            return NpyReader.decode(h, t, raw, file, null, "array");
        }
    }

    /** Reads a standalone object-dtype {@code .npy}: header, then the pickle of the whole array. */
    public static Object readNpy(byte[] fileBytes, String file) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(fileBytes);
        NpyHeader h = NpyReader.header(in, file, null);
        if (!h.descr().equals("|O")) {
            throw new MotionFileException(file, null, "expected a pickled object array (dtype |O), found dtype " + h.descr());
        }
        byte[] payload = in.readAllBytes();
        Object o = load(payload, file);
        return o;
    }
}
