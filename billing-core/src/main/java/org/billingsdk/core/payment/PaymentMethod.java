package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.Objects;
import org.billingsdk.core.company.CompanyId;

/**
 * A company's payment method as the provider keeps it; the SDK holds the provider's reference and
 * the display details only. Immutable and thread-safe.
 *
 * @param id its identifier
 * @param companyId the company it belongs to
 * @param providerReference the provider's id for it (such as Stripe's {@code pm_...})
 * @param details what the portal shows
 * @param isDefault whether invoices are charged to it; a company has at most one default
 * @param createdAt when it was set up
 * @param version the storage version, 0 before it is first stored
 */
public record PaymentMethod(
        PaymentMethodId id,
        CompanyId companyId,
        String providerReference,
        MethodDetails details,
        boolean isDefault,
        Instant createdAt,
        long version) {

    public PaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public PaymentMethod asDefault(boolean makeDefault) {
        return new PaymentMethod(id, companyId, providerReference, details, makeDefault, createdAt, version);
    }

    /** The same method at another storage version; used by stores. */
    public PaymentMethod withVersion(long newVersion) {
        return new PaymentMethod(id, companyId, providerReference, details, isDefault, createdAt, newVersion);
    }
}
