package org.imigateway.backend;

/** How a backend is connected: {@code backend.<name>.type}. */
public enum BackendType {
    /** Watched outbox, sent, failed and inbox folders. */
    FOLDER,
    /** In, out, reply and error queues on the embedded broker or an external one. */
    JMS,
    /** The SOAP web service of the gateway (pull mode). */
    WS;

    static BackendType parse(String key, String value) throws org.imigateway.config.ConfigException {
        for (BackendType type : values()) {
            if (type.name().equalsIgnoreCase(value.trim())) {
                return type;
            }
        }
        throw new org.imigateway.config.ConfigException(key + "=" + value + " is not a backend type: use folder, jms or ws");
    }
}
