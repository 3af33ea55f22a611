package dev.ampj.storage.event;

/** A document's bytes do not parse as the format they claim (lengths, counts, tags). */
public class MalformedDocumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedDocumentException(String message) {
        super(message);
    }
}
