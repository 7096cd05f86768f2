package org.billingsdk.core.port;

import java.util.Optional;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupSession;

/**
 * Keeps payment-method set-ups under way, and the method each completed one added. Set-ups are
 * apart from the methods in {@link PaymentMethodStore}: no write here touches a method. Every
 * write, deletions included, is rolled back with its transaction. Text is kept verbatim, instants
 * to the microsecond. Thread-safe.
 */
public interface PaymentSetupStore {

    /**
     * Stores a set-up under way until it is completed. Its company is stored already.
     *
     * @param setup the set-up; every field must come back, the client secret included
     * @throws org.billingsdk.core.DuplicateKeyException if its id is taken; the stored set-up is
     *     left as it was
     */
    void insert(SetupSession setup);

    /**
     * Finds a set-up under way.
     *
     * @param id the set-up's id
     * @return the set-up with every field, or empty when there is none (or it was deleted or
     *     completed)
     */
    Optional<SetupSession> findById(SetupId id);

    /**
     * Removes a set-up under way; removing a missing one is harmless.
     *
     * @param id the set-up to remove; no method is touched
     */
    void delete(SetupId id);

    /**
     * Ends a set-up with the method it added, inside the caller's transaction: the set-up is no
     * longer under way ({@link #findById} answers empty, and its client secret need not be kept),
     * and {@link #findCompleted} answers the method, so that completing it again (the provider's
     * report after the customer's return, say) answers that method instead of failing. Marking a
     * set-up completed again with the same method is harmless.
     *
     * @param setup the set-up under way, as {@link #findById} answered it
     * @param method the method the set-up added (or found already added)
     */
    void markCompleted(SetupSession setup, PaymentMethodId method);

    /**
     * The method a completed set-up added, as {@link #markCompleted} recorded it.
     *
     * @param id the set-up's id
     * @return the method's id, or empty when the set-up was never completed (or is unknown)
     */
    Optional<PaymentMethodId> findCompleted(SetupId id);
}
