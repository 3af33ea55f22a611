package dev.ampj.storage.event;

/** A stored event has a type tag or schema version this reader does not know: refuse, never guess. */
public final class UnsupportedSchemaException extends MalformedDocumentException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSchemaException(String message) {
        super(message);
    }
}
