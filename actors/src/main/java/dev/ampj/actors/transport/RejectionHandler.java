package dev.ampj.actors.transport;

/** Told about every frame or batch a subscriber drops; called on the polling thread. */
@FunctionalInterface
public interface RejectionHandler {
    void onRejected(FrameRejection reason, String detail);
}
