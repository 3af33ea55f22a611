package dev.ampj.sim.motion;

/** Exposes {@link PickleBytes} helpers to tests in sub-packages. */
public final class PickleAccess {

    private PickleAccess() {}

    public static byte[] globalOnly(String module, String name) {
        return PickleBytes.globalOnly(module, name);
    }

    public static byte[] npyOfObject(Object root, int protocol) {
        return PickleBytes.npyOfObject(root, protocol);
    }
}
