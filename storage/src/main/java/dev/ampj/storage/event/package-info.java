/** The versioned run event schema: event records and their binary codec; unknown tags and versions are refused. */
package dev.ampj.storage.event;
