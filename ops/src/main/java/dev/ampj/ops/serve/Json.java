package dev.ampj.ops.serve;

import java.util.Locale;

/** A minimal JSON writer for the dashboard's messages: numbers (non-finite as null) and strings. */
final class Json {

    private final StringBuilder b = new StringBuilder();
    private boolean first = true;

    private Json() {}

    static Json object() {
        Json j = new Json();
        j.b.append('{');
        return j;
    }

    Json num(String key, double v) {
        return raw(key, num(v));
    }

    Json num(String key, long v) {
        return raw(key, Long.toString(v));
    }

    Json str(String key, String v) {
        return raw(key, v == null ? "null" : quote(v));
    }

    Json bool(String key, boolean v) {
        return raw(key, Boolean.toString(v));
    }

    Json nums(String key, double[] v) {
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            a.append(i == 0 ? "" : ",").append(num(v[i]));
        }
        return raw(key, a.append(']').toString());
    }

    /** {@code value} is already JSON. */
    Json raw(String key, String value) {
        b.append(first ? "" : ",").append(quote(key)).append(':').append(value);
        first = false;
        return this;
    }

    String end() {
        return b.append('}').toString();
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>') { // < > escaped: safe inside HTML too
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
