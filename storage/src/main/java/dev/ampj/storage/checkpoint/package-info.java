/** Content-addressed checkpoint blobs (SHA-256 file names), written atomically and verified on read. */
package dev.ampj.storage.checkpoint;
