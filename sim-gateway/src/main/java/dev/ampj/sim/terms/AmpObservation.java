package dev.ampj.sim.terms;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered concatenation of bound {@link AmpTerm}s: the AMP state vector the discriminator sees.
 * Built by {@link AmpTermRegistry#resolve}.
 */
public final class AmpObservation {

    private final AmpTerm[] terms;
    private final int[] offsets;
    private final int dim;
    private final List<String> keyBodies;

    AmpObservation(List<AmpTerm> terms, List<String> keyBodies) {
        this.terms = terms.toArray(new AmpTerm[0]);
        this.offsets = new int[this.terms.length];
        int d = 0;
        for (int i = 0; i < this.terms.length; i++) {
            offsets[i] = d;
            d += this.terms[i].dim();
        }
        this.dim = d;
        this.keyBodies = List.copyOf(keyBodies);
    }

    public int dim() {
        return dim;
    }

    /** Term names in vector order. */
    public List<String> termNames() {
        List<String> names = new ArrayList<>(terms.length);
        for (AmpTerm t : terms) {
            names.add(t.name());
        }
        return names;
    }

    public List<String> keyBodies() {
        return keyBodies;
    }

    /** Offset of term {@code name} in the vector; unknown names fail with the terms present. */
    public int offsetOf(String name) {
        for (int i = 0; i < terms.length; i++) {
            if (terms[i].name().equals(name)) {
                return offsets[i];
            }
        }
        throw new IllegalArgumentException("term '" + name + "' is not part of this AMP observation " + termNames());
    }

    /** Dimension of term {@code name}. */
    public int dimOf(String name) {
        for (AmpTerm t : terms) {
            if (t.name().equals(name)) {
                return t.dim();
            }
        }
        throw new IllegalArgumentException("term '" + name + "' is not part of this AMP observation " + termNames());
    }

    /** Writes the {@link #dim()} floats of {@code frame} into {@code out} from {@code offset}. */
    public void compute(KinematicFrame frame, float[] out, int offset) {
        for (int i = 0; i < terms.length; i++) {
            terms[i].compute(frame, out, offset + offsets[i]);
        }
    }

    /** Human-readable layout, e.g. {@code root_height[0:1] projected_gravity[1:4] ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < terms.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(terms[i].name()).append('[').append(offsets[i]).append(':')
                    .append(offsets[i] + terms[i].dim()).append(']');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "AmpObservation[dim=" + dim + ", " + describe() + ", keyBodies=" + keyBodies + "]";
    }
}
