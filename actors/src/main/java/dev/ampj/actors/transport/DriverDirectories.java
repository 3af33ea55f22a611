package dev.ampj.actors.transport;

import dev.ampj.actors.transport.TransportSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.IoUtil;

/**
 * Per-process Aeron driver directories ({@code <node-name>-<pid>}), so several training processes
 * (e.g. a test and the child JVM it kills) never share a driver; directories of processes that are
 * gone (SIGKILL leaves them behind) are deleted when the next one starts.
 */
public final class DriverDirectories {

    private DriverDirectories() {}

    public static TransportSettings forThisProcess(TransportSettings settings) {
        long pid = ProcessHandle.current().pid();
        Path own = settings.aeronDir().toAbsolutePath();
        Path dir = own.resolveSibling(own.getFileName() + "-" + pid);
        deleteStale(own);
        return settings.withAeronDir(dir);
    }

    private static void deleteStale(Path own) {
        Path parent = own.getParent();
        String prefix = own.getFileName() + "-";
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path d : dirs) {
                String tail = d.getFileName().toString().substring(prefix.length());
                if (!tail.matches("[0-9]{1,10}")) {
                    continue;
                }
                long pid = Long.parseLong(tail);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
                    IoUtil.delete(d.toFile(), true);
                }
            }
        } catch (IOException e) {
            // Leftovers only cost space; never block a run on cleaning them.
        }
    }
}
