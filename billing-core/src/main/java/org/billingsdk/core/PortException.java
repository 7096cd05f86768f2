package org.billingsdk.core;

/**
 * Thrown when a port the host provides (product environments, events, ...) fails in a way the
 * operation cannot absorb; keeps the port's exception as its cause.
 */
public final class PortException extends BillingException {

    /** The port and operation that failed. */
    private final String port;

    /**
     * For a port call that failed.
     *
     * @param port the port and its operation, such as {@code environments.provision} or {@code payments.refund}
     * @param message what the SDK was doing, for people
     * @param cause what the port threw; may be null when the port answered with a failure instead
     */
    public PortException(String port, String message, Throwable cause) {
        super(ErrorCode.PORT_FAILURE, port + ": " + message, cause);
        this.port = port;
    }

    /** {@return the port and operation that failed, such as {@code environments.provision}} */
    public String port() {
        return port;
    }
}
