package dev.ampj.storage.telemetry;

import java.util.Arrays;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/** Roll-cycle names accepted in {@code amp.storage.telemetry.roll-cycle}. */
public final class TelemetryQueues {

    private TelemetryQueues() {}

    public static RollCycle rollCycle(String name) {
        try {
            return RollCycles.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amp.storage.telemetry.roll-cycle = '" + name + "' is not a Chronicle roll cycle; known: "
                    + Arrays.stream(RollCycles.values()).map(Enum::name).toList());
        }
    }
}
