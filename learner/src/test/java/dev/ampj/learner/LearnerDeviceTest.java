package dev.ampj.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.typesafe.config.ConfigFactory;
import dev.ampj.learner.config.DeviceSetting;
import dev.ampj.learner.config.LearnerSettings;
import org.junit.jupiter.api.Test;

class LearnerDeviceTest {

    private static LearnerSettings parse(String hocon) {
        return LearnerSettings.fromConfig(ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    @Test
    void settingParsesAutoCpuCudaAndNamesTheAllowedValues() {
        assertEquals(DeviceSetting.AUTO, LearnerSettings.defaults().device());
        assertEquals(DeviceSetting.CPU, parse("amp.learner.device = cpu").device());
        assertEquals(DeviceSetting.CUDA, parse("amp.learner.device = CUDA").device());
        var e = assertThrows(IllegalArgumentException.class, () -> parse("amp.learner.device = tpu"));
        assertTrue(e.getMessage().contains("amp.learner.device") && e.getMessage().contains("[auto, cpu, cuda]"),
                e.getMessage());
    }

    /** Where DJL finds no CUDA device (these machines), auto is the CPU and cuda is a clear error. */
    @Test
    void resolvesToWhatThisMachineHas() {
        assertEquals("cpu", LearnerDevice.name(LearnerDevice.resolve(DeviceSetting.CPU)));
        assertEquals("cuda:1", LearnerDevice.name(Device.gpu(1)));
        if (Engine.getEngine("PyTorch").getGpuCount() == 0) {
            assertEquals(Device.cpu(), LearnerDevice.resolve(DeviceSetting.AUTO));
            var e = assertThrows(IllegalArgumentException.class, () -> LearnerDevice.resolve(DeviceSetting.CUDA));
            assertTrue(e.getMessage().contains("amp.learner.device = cuda") && e.getMessage().contains("pytorch-native-cu"),
                    e.getMessage());
        } else {
            assertEquals(Device.gpu(0), LearnerDevice.resolve(DeviceSetting.AUTO));
            assertEquals(Device.gpu(0), LearnerDevice.resolve(DeviceSetting.CUDA));
        }
    }
}
