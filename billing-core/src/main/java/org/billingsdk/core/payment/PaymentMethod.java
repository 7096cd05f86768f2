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
        PaymentMethodReference providerReference,
        MethodDetails details,
        boolean isDefault,
        Instant createdAt,
        long version) {

    /**
     * Checks that every object component is given.
     *
     * @param id not {@code null}
     * @param companyId not {@code null}
     * @param providerReference not {@code null}
     * @param details not {@code null}
     * @param isDefault not checked
     * @param createdAt not {@code null}
     * @param version not checked
     * @throws NullPointerException if a component is {@code null}
     */
    public PaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(providerReference, "providerReference");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * This method as the company's default, or no longer so. Making it the default does not
     * unmark the company's other methods; {@code PaymentMethods.makeDefault} does both.
     *
     * @param makeDefault whether it is the default
     * @return a copy with that flag and every other field unchanged
     */
    public PaymentMethod asDefault(boolean makeDefault) {
        return new PaymentMethod(id, companyId, providerReference, details, makeDefault, createdAt, version);
    }

    /**
     * The same method at another storage version; used by stores.
     *
     * @param newVersion the version as stored
     * @return a copy with that version and every other field unchanged
     */
    public PaymentMethod withVersion(long newVersion) {
        return new PaymentMethod(id, companyId, providerReference, details, isDefault, createdAt, newVersion);
    }
}
