package dev.ampj.sim.motion.npy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of an {@code .npy} file (format versions 1.0, 2.0 and 3.0): magic, version, length
 * and a Python dict literal {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 * Parsed by a small strict tokenizer, never evaluated: any other key, a structured dtype or a
 * malformed literal is refused with a message saying what was found.
 *
 * @param descr        numpy type string, e.g. {@code <f8}, {@code |O}
 * @param fortranOrder whether the data are column-major
 * @param shape        dimensions (empty for a 0-d array)
 * @param headerBytes  bytes before the data (magic + version + length + dict)
 */
public record NpyHeader(String descr, boolean fortranOrder, int[] shape, int headerBytes) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** No real header comes near this; a bigger claim is a corrupt file, not a reason to allocate. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int MAX_RANK = 32;

    public long elementCount() {
        return NpyArray.elementCount(shape);
    }

    /** Reads and parses the header from the start of {@code in}; leaves the stream at the first data byte. */
    public static NpyHeader read(InputStream in) throws IOException {
        byte[] lead = readFully(in, 8, "the 8-byte magic and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (lead[i] != MAGIC[i]) {
                throw new IllegalArgumentException("not an .npy array: the file does not start with \\x93NUMPY");
            }
        }
        int major = lead[6] & 0xFF;
        int minor = lead[7] & 0xFF;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IllegalArgumentException("unsupported .npy format version " + major + "." + minor + " (accepted: 1.0, 2.0, 3.0)");
        }
        long len;
        int lenBytes = major == 1 ? 2 : 4;
        byte[] l = readFully(in, lenBytes, "the header length");
        if (major == 1) {
            len = (l[0] & 0xFF) | ((l[1] & 0xFF) << 8);
        } else {
            len = (l[0] & 0xFFL) | ((l[1] & 0xFFL) << 8) | ((l[2] & 0xFFL) << 16) | ((l[3] & 0xFFL) << 24);
        }
        if (len > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header claims " + len + " bytes (more than " + MAX_HEADER_BYTES + "): corrupt file");
        }
        byte[] dict = readFully(in, (int) len, "the " + len + "-byte header the file announces");
        String text = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader h = parseDict(text, 6 + 2 + lenBytes + (int) len);
        return h;
    }

    static NpyHeader parseDict(String text, int headerBytes) {
        Parser p = new Parser(text);
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        p.expect('{');
        while (!p.peekIs('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr" -> {
                    if (descr != null) {
                        throw p.error("duplicate key 'descr'");
                    }
                    if (p.peekIs('[')) {
                        throw p.error("structured dtype (a list of fields) is not accepted");
                    }
                    descr = p.string();
                }
                case "fortran_order" -> {
                    if (fortran != null) {
                        throw p.error("duplicate key 'fortran_order'");
                    }
                    fortran = p.bool();
                }
                case "shape" -> {
                    if (shape != null) {
                        throw p.error("duplicate key 'shape'");
                    }
                    shape = p.shape();
                }
                default -> throw p.error("unexpected key '" + key + "' (expected descr, fortran_order, shape)");
            }
            if (!p.peekIs('}')) {
                p.expect(',');
            }
        }
        p.expect('}');
        p.end();
        if (descr == null || fortran == null || shape == null) {
            throw new IllegalArgumentException("header " + text.strip() + " lacks "
                    + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'" : "'shape'"));
        }
        return new NpyHeader(descr, fortran, shape, headerBytes);
    }

    static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IllegalArgumentException("truncated: the file ends before " + what);
        }
        return b;
    }

    /** Writes a version 1.0 header (2.0 when the dict is too long), padded so data start on a 64-byte boundary. */
    static byte[] encode(String descr, boolean fortranOrder, int[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + NpyArray.shapeString(shape) + ", }";
        byte[] d = dict.getBytes(StandardCharsets.ISO_8859_1);
        int major = d.length + 1 + 10 > 65535 ? 2 : 1;
        int prefix = major == 1 ? 10 : 12;
        int total = prefix + d.length + 1;
        int padded = (total + 63) / 64 * 64;
        ByteArrayOutputStream out = new ByteArrayOutputStream(padded);
        out.writeBytes(MAGIC);
        out.write(major);
        out.write(0);
        int len = padded - prefix;
        out.write(len & 0xFF);
        out.write((len >>> 8) & 0xFF);
        if (major == 2) {
            out.write((len >>> 16) & 0xFF);
            out.write((len >>> 24) & 0xFF);
        }
        out.writeBytes(d);
        for (int i = total; i < padded; i++) {
            out.write(' ');
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** Tokenizer for the header's dict literal. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            String shown = s.strip();
            if (shown.length() > 200) {
                shown = shown.substring(0, 200) + "...";
            }
            return new IllegalArgumentException("malformed header " + shown + ": " + what);
        }

        void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peekIs(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "' at character " + i);
            }
            i++;
        }

        void end() {
            skip();
            if (i != s.length()) {
                throw error("unexpected text after the dict at character " + i);
            }
        }

        String string() {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw error("expected a quoted string at character " + i);
            }
            char q = s.charAt(i++);
            int start = i;
            while (i < s.length() && s.charAt(i) != q) {
                if (s.charAt(i) == '\\') {
                    throw error("escape sequences are not accepted in header strings");
                }
                i++;
            }
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            return s.substring(start, i++);
        }

        boolean bool() {
            skip();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw error("expected True or False for fortran_order at character " + i);
        }

        int[] shape() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peekIs(')')) {
                dims.add(dim());
                if (dims.size() > MAX_RANK) {
                    throw error("more than " + MAX_RANK + " dimensions");
                }
                if (!peekIs(')')) {
                    expect(',');
                }
            }
            expect(')');
            int[] out = new int[dims.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = dims.get(k);
            }
            return out;
        }

        int dim() {
            skip();
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw error("expected a non-negative integer dimension at character " + start);
            }
            if (i < s.length() && s.charAt(i) == 'L') {
                i++; // Python 2 long suffix
            }
            String digits = s.substring(start, i).replace("L", "");
            if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                throw error("dimension " + digits + " is larger than " + Integer.MAX_VALUE);
            }
            return Integer.parseInt(digits);
        }
    }
}
