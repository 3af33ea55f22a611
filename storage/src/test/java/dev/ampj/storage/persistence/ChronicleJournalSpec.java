package dev.ampj.storage.persistence;

import org.apache.pekko.persistence.CapabilityFlag;
import org.apache.pekko.persistence.japi.journal.JavaJournalSpec;

/** The official pekko-persistence-tck journal spec against {@link ChronicleJournal} (run by {@link PersistenceTckTest}). */
public class ChronicleJournalSpec extends JavaJournalSpec {

    public ChronicleJournalSpec() {
        super(TckConfig.forFreshRunsDir("journal-tck-"));
    }

    @Override
    public CapabilityFlag supportsRejectingNonSerializableObjects() {
        return CapabilityFlag.on();
    }

    @Override
    public CapabilityFlag supportsSerialization() {
        return CapabilityFlag.on();
    }
}
