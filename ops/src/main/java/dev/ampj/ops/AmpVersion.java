package dev.ampj.ops;

import picocli.CommandLine.IVersionProvider;

/** Version line of {@code amp --version}: the platform and the pinned engines that decide replay exactness. */
public final class AmpVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = AmpCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "amp " + (v == null ? "dev" : v),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
        };
    }
}
