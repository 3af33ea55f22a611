package dev.ampj.sim.env;

import java.util.List;

/**
 * Layout of one observation group ({@code policy}, {@code critic} or {@code amp}): its terms in
 * vector order with their offsets. A batch holds {@code numEnvs × dim()} floats, env-major.
 */
public record ObsGroupSpec(String name, List<Slice> slices) {

    /**
     * One term of a group: floats {@code [offset, offset + dim)} of each env's row, holding
     * {@code history} frames of {@link #frameDim()} floats, oldest first (Isaac Lab's flattened history).
     */
    public record Slice(String term, int offset, int dim, int history) {

        public Slice {
            if (history <= 0 || dim % history != 0) {
                throw new IllegalArgumentException("term " + term + ": " + dim + " floats are not " + history + " frames");
            }
        }

        /** A term of one frame. */
        public Slice(String term, int offset, int dim) {
            this(term, offset, dim, 1);
        }

        /** Floats of one frame. */
        public int frameDim() {
            return dim / history;
        }

        /** Offset of the newest frame (the term's current value). */
        public int latest() {
            return offset + dim - frameDim();
        }
    }

    public ObsGroupSpec {
        slices = List.copyOf(slices);
        int expected = 0;
        for (Slice s : slices) {
            if (s.offset() != expected || s.dim() <= 0) {
                throw new IllegalArgumentException("group " + name + ": slices must be contiguous and non-empty, got " + slices);
            }
            expected += s.dim();
        }
    }

    /** Floats per env. */
    public int dim() {
        if (slices.isEmpty()) {
            return 0;
        }
        Slice last = slices.get(slices.size() - 1);
        return last.offset() + last.dim();
    }

    /** The slice of term {@code term}, or null when the group has no such term. */
    public Slice find(String term) {
        for (Slice s : slices) {
            if (s.term().equals(term)) {
                return s;
            }
        }
        return null;
    }

    /** The slice of term {@code term}; unknown names fail with the terms of the group. */
    public Slice slice(String term) {
        Slice s = find(term);
        if (s != null) {
            return s;
        }
        throw new IllegalArgumentException("group " + name + " has no term '" + term + "'; terms: "
                + slices.stream().map(Slice::term).toList());
    }

    /** Builder helper: appends terms with the given dims. */
    public static ObsGroupSpec of(String name, List<String> terms, List<Integer> dims) {
        return of(name, terms, dims, java.util.Collections.nCopies(terms.size(), 1));
    }

    /** Builder helper: appends terms of {@code histories[i]} frames of {@code frameDims[i]} floats. */
    public static ObsGroupSpec of(String name, List<String> terms, List<Integer> frameDims, List<Integer> histories) {
        if (terms.size() != frameDims.size() || terms.size() != histories.size()) {
            throw new IllegalArgumentException("group " + name + ": " + terms.size() + " terms but " + frameDims.size()
                    + " dims and " + histories.size() + " history lengths");
        }
        java.util.ArrayList<Slice> out = new java.util.ArrayList<>(terms.size());
        int off = 0;
        for (int i = 0; i < terms.size(); i++) {
            int dim = frameDims.get(i) * histories.get(i);
            out.add(new Slice(terms.get(i), off, dim, histories.get(i)));
            off += dim;
        }
        return new ObsGroupSpec(name, out);
    }
}
