package org.billingsdk.core;

/**
 * The stable code of every {@link BillingException}, to branch on (an HTTP status, a retry, a
 * message): the SDK's own failures and those of the adapters in this repository. The names never
 * change; new codes may be added. An adapter of a host's own reports its failures with its own
 * subclass of {@link BillingException} under {@link #PORT_FAILURE} (a port) or
 * {@link #STORAGE_FAILURE} (a storage), or a {@code PROVIDER_*} code for a payment provider.
 */
public enum ErrorCode {
    /** The input was refused before anything was stored; {@link InvalidInputException} names every violation. */
    INVALID_INPUT,
    /** What was asked for does not exist or is out of the actor's reach (the same answer). */
    NOT_FOUND,
    /** The business rules refuse the action; {@link RefusedException#refusal()} says why. */
    REFUSED,
    /** The operation lost a race with a concurrent change, a few times; asking again is safe. */
    CONCURRENT_UPDATE,
    /** A storage refused a row whose key is taken. */
    DUPLICATE_KEY,
    /** The storage failed; the cause is its own exception. */
    STORAGE_FAILURE,
    /** A port (the environments, the payment provider) failed; the cause is what it threw. */
    PORT_FAILURE,
    /** The payment provider refused the API key. */
    PROVIDER_AUTHENTICATION,
    /** The payment provider's key lacks a permission the call needs. */
    PROVIDER_PERMISSION,
    /** The payment provider refused the request as malformed. */
    PROVIDER_INVALID_REQUEST,
    /** The payment provider saw the same idempotency key with other parameters. */
    PROVIDER_IDEMPOTENCY_CONFLICT,
    /** The payment provider's rate limit held past the adapter's retries. */
    PROVIDER_RATE_LIMITED,
    /** The payment provider could not be reached, or did not answer in time. */
    PROVIDER_UNREACHABLE,
    /** The payment provider answered with a server error. */
    PROVIDER_SERVER_ERROR,
    /** The thread calling the payment provider was interrupted. */
    PROVIDER_INTERRUPTED,
    /** The payment provider answered something the adapter does not understand. */
    PROVIDER_UNEXPECTED,
    /** A webhook delivery is not provably from the payment provider, or not fresh. */
    WEBHOOK_REFUSED
}
