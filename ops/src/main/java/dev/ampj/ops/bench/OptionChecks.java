package dev.ampj.ops.bench;

/** Checks of numeric bench options that fail naming the option, its value and the bound (exit 2). */
final class OptionChecks {

    private OptionChecks() {}

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(option + " " + value + ": expected >= " + min);
        }
    }
}
