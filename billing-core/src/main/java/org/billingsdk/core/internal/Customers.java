package org.billingsdk.core.internal;

import java.util.Optional;
import org.billingsdk.core.PortException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.port.PaymentProvider;

/** Each company's customer at the payment provider, created on first use and kept in step. Thread-safe. */
public final class Customers {

    private final Context context;

    public Customers(Context context) {
        this.context = context;
    }

    /** The company's customer id at the provider, creating the customer on first use. */
    public CustomerReference reference(Company company) {
        return storedReference(company).orElseGet(() -> sync(company, Optional.empty()));
    }

    /**
     * Brings the company's customer at the provider in step with its current details, if the
     * company has one yet; nothing otherwise.
     */
    public void syncIfKnown(Company company) {
        storedReference(company).ifPresent(existing -> sync(company, Optional.of(existing)));
    }

    private Optional<CustomerReference> storedReference(Company company) {
        return context.read(() -> context.storage().customers().find(company.id()));
    }

    /** Creates ({@code existing} empty) or updates the company's customer at the provider. */
    private CustomerReference sync(Company company, Optional<CustomerReference> existing) {
        PaymentProvider.CustomerProfile profile = new PaymentProvider.CustomerProfile(company.id(), company.name(),
                company.effectiveBillingEmail(),
                company.billingDetails() == null ? null : company.billingDetails().billingAddress(),
                company.billingDetails() == null ? null : company.billingDetails().vat().orElse(null));
        CustomerReference reference;
        try {
            reference = context.payments().syncCustomer(profile, existing);
        } catch (RuntimeException e) {
            throw new PortException("payments.syncCustomer", "could not sync the customer of company " + company.id(), e);
        }
        if (!existing.equals(Optional.of(reference))) {
            context.storage().inTransaction(() -> {
                context.storage().customers().save(company.id(), reference);
                return null;
            });
        }
        return reference;
    }
}
