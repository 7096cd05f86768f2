package org.billingsdk.core.port;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.payment.CustomerReference;

/**
 * Keeps each company's customer id at the payment provider (such as Stripe's {@code cus_...}): at
 * most one per company, kept verbatim. Every write is rolled back with its transaction.
 * Thread-safe.
 */
public interface CustomerStore {

    /**
     * The company's customer id at the payment provider, once it has one.
     *
     * @param companyId the company
     * @return the last reference saved for it, or empty before the first
     */
    Optional<CustomerReference> find(CompanyId companyId);

    /**
     * Saves the company's customer id at the provider, replacing any earlier one: a company has at
     * most one. Its company is stored already.
     *
     * @param companyId the company
     * @param customerReference the provider's customer id (such as Stripe's {@code cus_...}),
     *     kept verbatim
     */
    void save(CompanyId companyId, CustomerReference customerReference);

    /**
     * The customer references at the payment provider of several companies, read at once: the
     * billing run reads those of a page of invoices this way. A database answers with one query;
     * the default reads company by company.
     *
     * @param companyIds the companies whose references to read
     * @return each company's reference, for those that have one
     */
    default Map<CompanyId, CustomerReference> findAll(Collection<CompanyId> companyIds) {
        Map<CompanyId, CustomerReference> found = new HashMap<>();
        for (CompanyId companyId : companyIds) {
            find(companyId).ifPresent(reference -> found.put(companyId, reference));
        }
        return found;
    }
}
