package org.billingsdk.core.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupSession;

/**
 * Keeps payment methods, set-ups under way, and each company's customer id at the provider.
 * Writes to methods are versioned like {@link CompanyStore}'s; every write, deletions and
 * customer ids included, is rolled back with its transaction. Text and provider references are
 * kept verbatim, instants to the microsecond. Thread-safe.
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
    Optional<PaymentMethod> findByProviderReference(String providerReference);

    /**
     * A company's methods, oldest first (by {@link PaymentMethod#createdAt()}).
     *
     * @param companyId the company
     * @return its methods as last stored; an empty list when it has none
     */
    List<PaymentMethod> findByCompany(CompanyId companyId);

    /**
     * Stores a set-up under way until it is completed. Its company is stored already.
     *
     * @param setup the set-up; every field must come back, the client secret included
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken; the stored set-up is
     *     left as it was
     */
    void insertSetup(SetupSession setup);

    /**
     * Finds a set-up under way.
     *
     * @param id the set-up's id
     * @return the set-up with every field, or empty when there is none (or it was deleted)
     */
    Optional<SetupSession> findSetup(SetupId id);

    /**
     * Removes a set-up once it is completed; removing a missing one is harmless.
     *
     * @param id the set-up to remove; set-ups and methods are apart, so no method is touched
     */
    void deleteSetup(SetupId id);

    /**
     * Ends a set-up with the method it added, inside the caller's transaction: the set-up is no
     * longer under way ({@link #findSetup} answers empty, and its client secret need not be kept),
     * and {@link #findCompletedSetup} answers the method, so that completing it again (the
     * provider's report after the customer's return, say) answers that method instead of failing.
     * Marking a set-up completed again with the same method is harmless. The default, kept for
     * stores written before this method, only deletes the set-up (a second completion is then
     * refused as unknown); the contract suite expects the outcome kept.
     *
     * @param setup the set-up under way, as {@link #findSetup} answered it
     * @param method the method the set-up added (or found already added)
     */
    default void markSetupCompleted(SetupSession setup, PaymentMethodId method) {
        deleteSetup(setup.id());
    }

    /**
     * The method a completed set-up added, as {@link #markSetupCompleted} recorded it.
     *
     * @param id the set-up's id
     * @return the method's id, or empty when the set-up was never completed (or is unknown); the
     *     default always answers empty
     */
    default Optional<PaymentMethodId> findCompletedSetup(SetupId id) {
        return Optional.empty();
    }

    /**
     * The company's customer id at the payment provider, once it has one.
     *
     * @param companyId the company
     * @return the last reference saved for it, or empty before the first
     */
    Optional<String> findCustomerReference(CompanyId companyId);

    /**
     * Saves the company's customer id at the provider, replacing any earlier one: a company has at
     * most one. Its company is stored already.
     *
     * @param companyId the company
     * @param customerReference the provider's customer id (such as Stripe's {@code cus_...}),
     *     kept verbatim
     */
    void saveCustomerReference(CompanyId companyId, String customerReference);

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

    /**
     * The customer references at the payment provider of several companies, read at once. A
     * database answers with one query; the default reads company by company.
     *
     * @param companyIds the companies whose references to read
     * @return each company's reference, for those that have one
     */
    default Map<CompanyId, String> findCustomerReferences(Collection<CompanyId> companyIds) {
        Map<CompanyId, String> found = new HashMap<>();
        for (CompanyId companyId : companyIds) {
            findCustomerReference(companyId).ifPresent(reference -> found.put(companyId, reference));
        }
        return found;
    }
}
