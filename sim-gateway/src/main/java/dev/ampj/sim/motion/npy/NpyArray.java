package dev.ampj.sim.motion.npy;

import java.util.Arrays;

/**
 * One array read from (or to be written to) an {@code .npy} file, always held in C (row-major)
 * order whatever the file's order was. Numeric values are widened to double (exact for float32,
 * float64 and integers up to 2^53); string arrays hold Java strings with numpy's trailing NULs
 * removed.
 */
public final class NpyArray {

    private final String name;
    private final NpyDType dtype;
    private final int[] shape;
    private final double[] numbers;
    private final String[] strings;

    private NpyArray(String name, NpyDType dtype, int[] shape, double[] numbers, String[] strings) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.numbers = numbers;
        this.strings = strings;
        long n = elementCount(shape);
        long held = numbers != null ? numbers.length : strings.length;
        if (n != held) {
            throw new IllegalArgumentException("array '" + name + "': shape " + shapeString(shape) + " needs " + n + " values, got " + held);
        }
    }

    public static NpyArray ofNumbers(String name, NpyDType dtype, int[] shape, double[] values) {
        if (!dtype.kind().numeric()) {
            throw new IllegalArgumentException("array '" + name + "': dtype " + dtype.descr() + " is not numeric");
        }
        return new NpyArray(name, dtype, shape, values, null);
    }

    public static NpyArray ofFloat64(String name, int[] shape, double[] values) {
        return ofNumbers(name, NpyDType.FLOAT64_LE, shape, values);
    }

    public static NpyArray ofFloat32(String name, int[] shape, double[] values) {
        return ofNumbers(name, NpyDType.FLOAT32_LE, shape, values);
    }

    /** A 1-d {@code <U} array sized to the longest string, as numpy makes from a list of names. */
    public static NpyArray ofStrings(String name, String... values) {
        int width = 1;
        for (String v : values) {
            width = Math.max(width, v.codePointCount(0, v.length()));
        }
        return ofStrings(name, new NpyDType(NpyDType.Kind.UNICODE, 4 * width, java.nio.ByteOrder.LITTLE_ENDIAN, "<U" + width),
                new int[] {values.length}, values);
    }

    public static NpyArray ofStrings(String name, NpyDType dtype, int[] shape, String[] values) {
        if (dtype.kind() != NpyDType.Kind.UNICODE && dtype.kind() != NpyDType.Kind.BYTES) {
            throw new IllegalArgumentException("array '" + name + "': dtype " + dtype.descr() + " is not a string type");
        }
        return new NpyArray(name, dtype, shape, null, values.clone());
    }

    /** The same data under another name (npz entries are named by the archive, not the array). */
    public NpyArray withName(String newName) {
        return new NpyArray(newName, dtype, shape, numbers, strings);
    }

    public String name() {
        return name;
    }

    public NpyDType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return numbers != null ? numbers.length : strings.length;
    }

    public boolean isNumeric() {
        return numbers != null;
    }

    public boolean isString() {
        return strings != null;
    }

    /** Numeric values in C order (a copy). */
    public double[] doubles() {
        requireNumeric();
        return numbers.clone();
    }

    /** Numeric value at a flat C-order index. */
    public double get(int flatIndex) {
        requireNumeric();
        return numbers[flatIndex];
    }

    /** String values in C order (a copy). */
    public String[] strings() {
        if (strings == null) {
            throw new IllegalStateException("array '" + name + "' (" + dtype.descr() + ") is not a string array");
        }
        return strings.clone();
    }

    private void requireNumeric() {
        if (numbers == null) {
            throw new IllegalStateException("array '" + name + "' (" + dtype.descr() + ") is not numeric");
        }
    }

    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return name + " " + dtype.descr() + " " + shapeString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && name.equals(a.name) && dtype.equals(a.dtype) && Arrays.equals(shape, a.shape)
                && Arrays.equals(numbers, a.numbers) && Arrays.equals(strings, a.strings);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
