package dev.ampj.sim.robot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.ode4j.ode.OdeHelper;

/**
 * The ode4j physics engine: its name and version (part of every replay key, since 0.5.3 and 0.5.4
 * give different trajectories) and its one-time initialisation.
 *
 * <p>The version is read from the jar's Maven metadata: {@code OdeHelper.getVersion()} of 0.5.3
 * still reports "0.5.2".
 */
public final class OdeEngine {

    public static final String NAME = "ode4j";
    /** Version of the ode4j jar on the class path. */
    public static final String VERSION = readVersion();

    private static volatile boolean initialised;

    private OdeEngine() {}

    /** "ode4j 0.5.3". */
    public static String describe() {
        return NAME + " " + VERSION;
    }

    /** Initialises ODE once per JVM (idempotent, thread-safe). */
    public static void init() {
        if (!initialised) {
            synchronized (OdeEngine.class) {
                if (!initialised) {
                    OdeHelper.initODE2(0);
                    initialised = true;
                }
            }
        }
    }

    private static String readVersion() {
        try (InputStream in = OdeHelper.class.getResourceAsStream("/META-INF/maven/org.ode4j/core/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("ode4j jar has no META-INF/maven/org.ode4j/core/pom.properties:"
                        + " cannot tell the engine version that snapshots must record");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank()) {
                throw new IllegalStateException("ode4j pom.properties has no version");
            }
            return v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the ode4j version", e);
        }
    }
}
