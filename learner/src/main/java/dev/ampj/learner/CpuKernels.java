package dev.ampj.learner;

/**
 * Which CPU code paths libtorch's kernels take, as this process was started. MKL's GEMM picks its
 * code path and blocking from the CPU it finds (vendor, ISA, cache sizes), so the same run can
 * round differently on two CPU models unless MKL's conditional numerical reproducibility
 * ({@code MKL_CBWR}: fixed cache sizes, reductions and scheduling; the AVX2 branch on Intel CPUs)
 * is on; ATen's vectorised kernels are pinned by {@code ATEN_CPU_CAPABILITY}. The launcher and the
 * test JVMs set {@code MKL_CBWR=AVX2} and {@code ATEN_CPU_CAPABILITY=avx2}. Both are read by the
 * native libraries at load time, so they are environment variables, not configuration; runs
 * record them and resume refuses others.
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
