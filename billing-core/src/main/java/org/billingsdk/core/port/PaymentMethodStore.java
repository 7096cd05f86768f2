package org.billingsdk.core.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;

/**
 * Keeps payment methods. Writes are versioned like {@link CompanyStore}'s; every write, deletions
 * included, is rolled back with its transaction. Text and provider references are kept verbatim,
 * instants to the microsecond. Thread-safe. Set-ups under way are in {@link PaymentSetupStore},
 * customer ids at the provider in {@link CustomerStore}.
 */
public interface PaymentMethodStore {

    /**
     * Stores a new method at version 1 and returns it so. Its company is stored already.
     *
     * @param method the method with its display details and default flag; the SDK keeps at most
     *     one default per company
     * @return the method as stored: the same fields at version 1
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken; the stored method is
     *     left as it was
     */
    PaymentMethod insert(PaymentMethod method);

    /**
     * Replaces the stored method whose version is {@code method.version()} and returns it with the
     * version incremented.
     *
     * @param method the changed method, at the version it was read at
     * @return the method as stored, at {@code method.version() + 1}
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs, lower or
     *     higher; the stored method is left as it was
     * @throws org.billingsdk.core.NotFoundException if there is no such method, also once deleted
     */
    PaymentMethod update(PaymentMethod method);

    /**
     * Removes a method; removing a missing one is harmless.
     *
     * @param id the method to remove; the company's other methods stay
     */
    void delete(PaymentMethodId id);

    /**
     * Finds a method by its id.
     *
     * @param id the method's id
     * @return the method with its stored version, or empty when there is none
     */
    Optional<PaymentMethod> findById(PaymentMethodId id);

    /**
     * The method the provider knows by {@code providerReference}, if it is stored: how the SDK
     * recognizes a method the provider reports on, and a set-up completed twice.
     *
     * @param providerReference the provider's id of the method (such as Stripe's {@code pm_...}),
     *     matched exactly
     * @return the method, or empty when none has that reference
     */
    Optional<PaymentMethod> findByProviderReference(PaymentMethodReference providerReference);

    /**
     * A company's methods, oldest first (by {@link PaymentMethod#createdAt()}).
     *
     * @param companyId the company
     * @return its methods as last stored; an empty list when it has none
     */
    List<PaymentMethod> findByCompany(CompanyId companyId);

    /**
     * The payment methods of several companies, read at once: the billing run finds the default
     * methods of a page of invoices this way. A database answers with one query; the default reads
     * company by company.
     *
     * @param companyIds the companies whose methods to read
     * @return their methods, each once (also when its company is given twice), in no particular order
     */
    default List<PaymentMethod> findByCompanies(Collection<CompanyId> companyIds) {
        List<PaymentMethod> found = new ArrayList<>();
        for (CompanyId companyId : new LinkedHashSet<>(companyIds)) {
            found.addAll(findByCompany(companyId));
        }
        return found;
    }
}
