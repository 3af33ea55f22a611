package dev.ampj.ops;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM as the process tests start one: this JVM's {@code java}, its flags (surefire's
 * {@code --add-opens}) and class path, and libtorch's CPU kernels pinned as in this JVM and the
 * launcher (the child inherits the rest of the environment).
 */
public final class ChildJava {

    private ChildJava() {}

    /** {@code prefix java <this JVM's flags> flags -cp <class path> main args}. */
    public static ProcessBuilder processBuilder(List<String> prefix, List<String> flags, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putIfAbsent("MKL_CBWR", "AVX2");
        pb.environment().putIfAbsent("ATEN_CPU_CAPABILITY", "avx2");
        return pb;
    }

    public static ProcessBuilder processBuilder(List<String> flags, Class<?> main, List<String> args) {
        return processBuilder(List.of(), flags, main, args);
    }
}
