package dev.ampj.actors.transport;

import java.nio.file.Path;

/** Child JVM of {@link EmbeddedMediaDriverTest}: starts a driver in the given directory, says READY, and waits to be killed. */
public final class DriverChild {

    public static void main(String[] args) throws Exception {
        TransportSettings settings = TransportFixtures.settings(Path.of(args[0]), "driver-timeout = 2s");
        EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(settings);
        try (TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, 3001)) {
            System.out.println("READY " + driver.directory());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
