/** Runs under a runs root, their status, lineage tree and checkpoints found along the lineage. */
package dev.ampj.storage.registry;
