package org.billingsdk.core.payment;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.company.CompanyId;

/**
 * A payment-method set-up under way: the host's front end completes it with the provider (card
 * form, iDEAL redirect) using the client secret, then calls {@code completeSetup}. Immutable.
 * The client secret lets a browser finish this set-up only; it is still kept out of
 * {@link #toString()} and logs.
 *
 * @param id its identifier
 * @param companyId the company the method is for
 * @param kind card, SEPA Direct Debit, or SEPA via iDEAL
 * @param providerReference the provider's id for the set-up (such as Stripe's {@code seti_...})
 * @param clientSecret what the front end needs to finish the set-up with the provider
 * @param redirectUrl where to send the customer (iDEAL), or {@code null}
 * @param createdAt when it started
 */
public record SetupSession(
        SetupId id,
        CompanyId companyId,
        SetupKind kind,
        SetupReference providerReference,
        ClientSecret clientSecret,
        URI redirectUrl,
        Instant createdAt) {

    /**
     * Checks that every component but the redirect URL is given.
     *
     * @param id not {@code null}
     * @param companyId not {@code null}
     * @param kind not {@code null}
     * @param providerReference not {@code null}
     * @param clientSecret not {@code null}
     * @param redirectUrl may be {@code null}
     * @param createdAt not {@code null}
     * @throws NullPointerException if a required component is {@code null}
     */
    public SetupSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "SetupSession[id=" + id + ", companyId=" + companyId + ", kind=" + kind + ", providerReference="
                + providerReference + ", clientSecret=***, redirectUrl=" + redirectUrl + ", createdAt=" + createdAt + "]";
    }
}
