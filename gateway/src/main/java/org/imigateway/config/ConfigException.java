package org.imigateway.config;

/** A gateway home whose configuration cannot be used; the message names file and setting. */
public class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
