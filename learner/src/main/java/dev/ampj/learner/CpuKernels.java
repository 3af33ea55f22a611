package dev.ampj.learner;

/**
 * Which CPU code paths libtorch's kernels take, as this process was started. MKL's GEMM and ATen's
 * vectorised kernels pick a code path (and MKL a blocking) from the CPU they find, so the same run
 * rounds differently on two CPU models unless both are pinned: MKL's conditional numerical
 * reproducibility ({@code MKL_CBWR}) and ATen's dispatch ({@code ATEN_CPU_CAPABILITY}). The
 * launcher and the test JVMs pin them to AVX2, which every x86-64 CPU of the last decade has, so
 * a run gives the same bits on any such host. Both are read by the native libraries at load time,
 * so they are environment variables, not configuration; runs record them and resume refuses others.
 */
public final class CpuKernels {

    /** Name under which runs record {@link #current()}. */
    public static final String KEY = "cpu-kernels";
    /** What a process without either variable reports; runs recorded before the key existed count as this. */
    public static final String UNPINNED = "mkl-cbwr=unset,aten=unset";

    private CpuKernels() {}

    public static String current() {
        return "mkl-cbwr=" + orUnset(System.getenv("MKL_CBWR")) + ",aten=" + orUnset(System.getenv("ATEN_CPU_CAPABILITY"));
    }

    private static String orUnset(String v) {
        return v == null || v.isBlank() ? "unset" : v.trim();
    }
}
