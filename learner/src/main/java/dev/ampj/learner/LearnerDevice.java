package dev.ampj.learner;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.ampj.learner.config.DeviceSetting;
import dev.ampj.learner.config.LearnerSettings;

/**
 * Resolves {@link DeviceSetting} to the DJL device the learner's networks, optimiser state and
 * mini-batches live on. Results differ between devices (other kernels, other summation orders), so
 * a run records the resolved device and a resume refuses another one, as it refuses other
 * engine-version or thread-count changes.
 */
public final class LearnerDevice {

    private LearnerDevice() {}

    /** The learner's device for {@code setting}; {@code cuda} without a CUDA device is a clear error. */
    public static Device resolve(DeviceSetting setting) {
        return switch (setting) {
            case CPU -> Device.cpu();
            case AUTO -> cudaDevices() > 0 ? Device.gpu(0) : Device.cpu();
            case CUDA -> {
                if (cudaDevices() == 0) {
                    throw new IllegalArgumentException("config: " + LearnerSettings.PATH + ".device = cuda: DJL finds no CUDA "
                            + "device (PyTorch " + Engine.getEngine("PyTorch").getVersion() + "). This build ships the CPU "
                            + "libtorch (ai.djl.pytorch:pytorch-native-cpu); on a CUDA machine put the matching "
                            + "pytorch-native-cu* jar on the classpath, or use device = auto | cpu");
                }
                yield Device.gpu(0);
            }
        };
    }

    /** The name a run records: {@code cpu} or {@code cuda:N}. */
    public static String name(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }

    /** The recorded name of the device {@code settings} resolve to on this machine. */
    public static String resolvedName(LearnerSettings settings) {
        return name(resolve(settings.device()));
    }

    private static int cudaDevices() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }
}
