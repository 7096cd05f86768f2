package org.billingsdk.core;

/**
 * Thrown when a port the host provides (product environments, events, ...) fails in a way the
 * operation cannot absorb; keeps the port's exception as its cause.
 */
public final class PortException extends BillingException {

    private final String port;

    public PortException(String port, String message, Throwable cause) {
        super("PORT_FAILURE", port + ": " + message, cause);
        this.port = port;
    }

    /** The port that failed, such as {@code environments.provision}. */
    public String port() {
        return port;
    }
}
