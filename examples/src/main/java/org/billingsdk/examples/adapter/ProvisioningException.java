package org.billingsdk.examples.adapter;

import org.billingsdk.core.BillingException;
import org.billingsdk.core.ErrorCode;

/**
 * A call to the provisioning service failed: it answered with a status the adapter does not
 * expect, answered something it cannot read, or did not answer in time. Keeps the operation, the
 * HTTP status (when there was an answer) and the underlying exception as its cause. Its message
 * never contains the API token or the service's response body. Its {@link #code()} is
 * {@link ErrorCode#PORT_FAILURE}, as for any port adapter's own failure. Immutable.
 */
public final class ProvisioningException extends BillingException {

    /** The request that failed. */
    private final String operation;
    /** The service's HTTP status, or {@code null} without an answer. */
    private final Integer httpStatus;

    ProvisioningException(String operation, String message, Integer httpStatus, Throwable cause) {
        super(ErrorCode.PORT_FAILURE, "provisioning " + operation + ": " + message, cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
    }

    /**
     * The request that failed, such as {@code POST /environments}.
     *
     * @return the method and path, never {@code null}
     */
    public String operation() {
        return operation;
    }

    /**
     * The service's HTTP status, or {@code null} when it did not answer.
     *
     * @return the status, such as {@code 503}, or {@code null}
     */
    public Integer httpStatus() {
        return httpStatus;
    }
}
