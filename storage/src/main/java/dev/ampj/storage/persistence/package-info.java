/** Pekko Persistence journal and snapshot store on the runs' Chronicle queues ({@code amp.storage.journal}, {@code amp.storage.snapshot-store}). */
package dev.ampj.storage.persistence;
