package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.AmpStatePairs;
import dev.ampj.sim.motion.npy.NpyArray;
import dev.ampj.sim.motion.npy.NpzArchive;
import java.util.ArrayList;
import java.util.List;

/** Seed 002: {@code states} and {@code next_states} [N, D], expert pairs already formed. */
public final class StatePairsFormat {

    private StatePairsFormat() {}

    public static AmpStatePairs read(NpzArchive npz) {
        Entries e = new Entries(npz.file());
        NpyArray s = npz.require("states");
        NpyArray n = npz.require("next_states");
        double[] sv = e.perFrame(s, -1);
        int dim = s.dim(1);
        if (dim == 0) {
            throw e.error("states", "has zero columns");
        }
        double[] nv = e.perFrame(n, dim);
        List<String> warnings = new ArrayList<>();
        for (String name : npz.names()) {
            if (!name.equals("states") && !name.equals("next_states")) {
                warnings.add("entry '" + name + "' is not part of the states/next_states format and is ignored");
            }
        }
        return new AmpStatePairs(npz.file(), AmpStatesFormat.toFloat(sv), AmpStatesFormat.toFloat(nv), s.dim(0), dim, warnings);
    }
}
