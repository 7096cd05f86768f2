package org.billingsdk.core.port;

import java.util.List;
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
}
