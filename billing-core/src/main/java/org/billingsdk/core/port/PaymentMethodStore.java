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
 * Writes to methods are versioned like {@link CompanyStore}'s. Thread-safe.
 */
public interface PaymentMethodStore {

    /** @throws org.billingsdk.core.DuplicateKeyException if its id is taken */
    PaymentMethod insert(PaymentMethod method);

    /**
     * @throws org.billingsdk.core.ConcurrentUpdateException if the stored version differs
     * @throws org.billingsdk.core.NotFoundException if there is no such method
     */
    PaymentMethod update(PaymentMethod method);

    /** Removes a method; removing a missing one is harmless. */
    void delete(PaymentMethodId id);

    Optional<PaymentMethod> findById(PaymentMethodId id);

    /** The method the provider knows by {@code providerReference}, if it is stored. */
    Optional<PaymentMethod> findByProviderReference(String providerReference);

    /** A company's methods, oldest first. */
    List<PaymentMethod> findByCompany(CompanyId companyId);

    void insertSetup(SetupSession setup);

    Optional<SetupSession> findSetup(SetupId id);

    /** Removes a set-up once it is completed; removing a missing one is harmless. */
    void deleteSetup(SetupId id);

    /** The company's customer id at the payment provider, once it has one. */
    Optional<String> findCustomerReference(CompanyId companyId);

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
