package org.imigateway.architecture.port;

import org.imigateway.store.MessageRecord;

/** Stands in a port's place and hands the hub a store class: {@code ArchitectureTest} shows its rule catches it. */
public interface LeaksTheStore {

    MessageRecord record(String messageId);
}
