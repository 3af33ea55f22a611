package dev.ampj.storage.persistence;

import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.snapshot.JavaSnapshotStoreSpec;

/** The official pekko-persistence-tck snapshot-store spec against {@link ChronicleSnapshotStore}. */
public class ChronicleSnapshotStoreSpec extends JavaSnapshotStoreSpec {

    public ChronicleSnapshotStoreSpec() {
        super(TckConfig.forFreshRunsDir("snapshot-tck-"));
    }

    @Override
    public CapabilityFlag supportsSerialization() {
        return CapabilityFlag.on();
    }
}
