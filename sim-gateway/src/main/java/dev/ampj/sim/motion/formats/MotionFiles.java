package dev.ampj.sim.motion.formats;

import dev.ampj.sim.motion.MotionFileException;
import dev.ampj.sim.motion.MotionFormat;
import dev.ampj.sim.motion.ReferenceMotion;
import dev.ampj.sim.motion.npy.NpzArchive;
import dev.ampj.sim.motion.npy.NpzReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Entry point for reading reference motion: resolves the location ({@code classpath:} resources
 * for the motions shipped in the jar, otherwise a path), recognises the format from the file's
 * contents, and reads it with that format's reader.
 */
public final class MotionFiles {

    /** Prefix of motions bundled as classpath resources, e.g. {@code classpath:motions/ostrich_walk.npz}. */
    public static final String CLASSPATH = "classpath:";

    private MotionFiles() {}

    public static ReferenceMotion read(String location, MotionReadOptions opts) throws IOException {
        if (location.startsWith(CLASSPATH)) {
            String resource = location.substring(CLASSPATH.length());
            String suffix = resource.endsWith(".npy") ? ".npy" : ".npz";
            Path tmp = Files.createTempFile("amp-motion-", suffix);
            try {
                try (InputStream in = MotionFiles.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new NoSuchFileException(location, null, "no such resource on the classpath");
                    }
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                return read(tmp, location, opts);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return read(Path.of(location), location, opts);
    }

    public static ReferenceMotion read(Path path, MotionReadOptions opts) throws IOException {
        return read(path, path.toString(), opts);
    }

    private static ReferenceMotion read(Path path, String shownAs, MotionReadOptions opts) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(shownAs, null, "no such file");
        }
        try {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".npy") || startsWithNpyMagic(path)) {
                return AmpRslRlFormat.read(path, shownAs, opts);
            }
            NpzArchive npz = NpzReader.read(path, shownAs);
            return switch (detect(npz)) {
                case ISAACLAB -> IsaacLabFormat.read(npz, opts);
                case BEYONDMIMIC -> BeyondMimicFormat.read(npz, opts);
                case AMP_STATES -> AmpStatesFormat.read(npz);
                case STATE_PAIRS -> StatePairsFormat.read(npz);
                case AMP_RSL_RL -> throw new IllegalStateException("not an npz format");
            };
        } catch (MotionFileException e) {
            if (shownAs.equals(e.file())) {
                throw e;
            }
            // Bundled resources are read from a temporary copy: report the name the user gave.
            throw new MotionFileException(shownAs, e.entry(), e.problem(), e);
        }
    }

    /** Recognises an .npz format by its entries; an unknown set is an error listing every format's keys. */
    public static MotionFormat detect(NpzArchive npz) {
        if (npz.has("dof_positions") || npz.has("body_rotations")) {
            return MotionFormat.ISAACLAB;
        }
        if (npz.has("joint_pos") || npz.has("body_quat_w")) {
            return MotionFormat.BEYONDMIMIC;
        }
        if (npz.has("amp_states")) {
            return MotionFormat.AMP_STATES;
        }
        if (npz.has("states") || npz.has("next_states")) {
            return MotionFormat.STATE_PAIRS;
        }
        throw new MotionFileException(npz.file(), null, "holds " + npz.names() + ", which matches no known motion format "
                + "(Isaac Lab: dof_names, body_names, dof_positions, body_positions, body_rotations, fps; "
                + "BeyondMimic: joint_pos, joint_vel, body_pos_w, body_quat_w, body_lin_vel_w, body_ang_vel_w, fps; "
                + "seed 001: amp_states[, dt]; seed 002: states, next_states)");
    }

    private static boolean startsWithNpyMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(6);
            return b.length == 6 && (b[0] & 0xFF) == 0x93 && b[1] == 'N' && b[2] == 'U' && b[3] == 'M' && b[4] == 'P' && b[5] == 'Y';
        }
    }
}
