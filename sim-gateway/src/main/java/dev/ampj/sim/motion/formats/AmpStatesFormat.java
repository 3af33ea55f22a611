package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.AmpStateSequence;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzArchive;
import java.util.ArrayList;
import java.util.List;

/** Seed 001: {@code amp_states} [T, D] already in AMP observation form, optional {@code dt} (seconds). */
public final class AmpStatesFormat {

    private AmpStatesFormat() {}

    public static AmpStateSequence read(NpzArchive npz) {
        Entries e = new Entries(npz.file());
        NpyArray a = npz.require("amp_states");
        double[] v = e.perFrame(a, -1);
        int dim = a.dim(1);
        if (dim == 0) {
            throw e.error("amp_states", "has zero columns");
        }
        double dt = npz.has("dt") ? e.positive(npz.require("dt")) : Double.NaN;
        List<String> warnings = new ArrayList<>();
        for (String name : npz.names()) {
            if (!name.equals("amp_states") && !name.equals("dt")) {
                warnings.add("entry '" + name + "' is not part of the amp_states format and is ignored");
            }
        }
        return new AmpStateSequence(npz.file(), toFloat(v), a.dim(0), dim, dt, warnings);
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
