/** The runs root: {@link dev.ampj.storage.RunStore} (create, resume, read, checkpoints, telemetry, registry) and {@link dev.ampj.storage.StorageSettings} ({@code amp.storage}). */
package dev.ampj.storage;
