package org.billingsdk.core.payment;

import java.util.List;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.CompanyId;

/**
 * The portal's "Payment Methods": cards and SEPA Direct Debit (also set up through iDEAL), set up
 * in two steps with the payment provider, one of them the default. Obtained from
 * {@code Billing.paymentMethods()}; thread-safe. The access rule applies as everywhere.
 *
 * <p>Card numbers, CVCs and IBANs go from the customer's browser to the provider; the SDK keeps
 * the provider's reference and the display details only.
 */
public interface PaymentMethods {

    /**
     * Starts setting up a payment method: the front end finishes it with the provider using the
     * session's client secret (or redirect, for iDEAL), then calls {@link #completeSetup}. The
     * company's customer at the provider is created first if it has none.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company the method is for
     * @param kind card, SEPA Direct Debit, or SEPA Direct Debit through iDEAL
     * @return the stored set-up, with the client secret the front end needs
     * @throws NotFoundException if the company is missing or out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if a partner runs the billing of the
     *     company or of the actor's company
     * @throws PortException if the provider could not be reached
     */
    SetupSession startSetup(Actor actor, CompanyId companyId, SetupKind kind);

    /**
     * Completes a set-up the customer finished with the provider: the method is added, as the
     * default when the company has none yet (and then made the default at the provider too).
     * Completing a set-up that is completed already (by the provider's report, say) answers the
     * method it added, and changes nothing.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company the set-up was started for
     * @param setupId the set-up, from {@link #startSetup}
     * @return {@code Added} with the method, {@code NotYetComplete} while the customer is not done
     *     (complete again later), or {@code Refused} when the provider refused the set-up
     * @throws NotFoundException if the set-up is unknown, of another company, or out of reach, or
     *     was completed but its method has been removed since
     * @throws RefusedException with {@code PARTNER_MANAGED} if a partner runs the billing
     * @throws PortException if the provider could not be reached
     */
    SetupOutcome completeSetup(Actor actor, CompanyId companyId, SetupId setupId);

    /**
     * Completes a set-up the provider reported finished (a webhook, such as Stripe's
     * {@code setup_intent.succeeded}): a host operation, recorded as done by the payment provider.
     * A completion racing another one (the portal's) answers the method that one added, and so does
     * completing a set-up completed already (a repeated webhook, or one after the customer's
     * return), which changes nothing.
     *
     * @param setupId the set-up, as the host found it from the provider's report
     * @return {@code Added} with the method, {@code NotYetComplete} while the customer is not done,
     *     or {@code Refused} when the provider refused the set-up
     * @throws NotFoundException if there is no such set-up, or it was completed but its method has
     *     been removed since (a late report never brings a removed method back)
     * @throws PortException if the provider could not be reached
     */
    SetupOutcome completeSetup(SetupId setupId);

    /**
     * Removes a method the provider reports gone (detached at the provider, a SEPA mandate
     * revoked): a host operation, recorded as done by the payment provider. When it was the
     * default, the most recently added remaining method becomes the default. Unknown references
     * are ignored (the method may never have been set up here, or is already removed).
     *
     * @param providerReference the provider's id of the method (such as Stripe's {@code pm_...})
     * @return whether a method was removed
     * @throws PortException if a new default was chosen and the provider could not be told
     */
    boolean removedAtProvider(PaymentMethodReference providerReference);

    /**
     * A company's payment methods, oldest first.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company
     * @return its methods, with display details only; an empty list when it has none
     * @throws NotFoundException if the company is missing or out of the actor's reach
     */
    List<PaymentMethod> list(Actor actor, CompanyId companyId);

    /**
     * Makes a method the company's default: invoices are charged to it from now on. The former
     * default stops being one, and the provider is told. Making the default the default again
     * changes nothing here.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company
     * @param methodId one of the company's methods
     * @return the method as stored, now the default
     * @throws NotFoundException if the company or the method is missing, of another company, or
     *     out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if a partner runs the billing
     * @throws PortException if the change is stored but the provider could not be told
     */
    PaymentMethod makeDefault(Actor actor, CompanyId companyId, PaymentMethodId methodId);

    /**
     * Removes a method and detaches it at the provider. When it was the default, the most recently
     * added remaining method becomes the default.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company
     * @param methodId one of the company's methods
     * @throws NotFoundException if the company or the method is missing, of another company, or
     *     out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if a partner runs the billing
     * @throws PortException if the provider could not detach it (the method is then kept), or
     *     could not be told of the new default
     */
    void remove(Actor actor, CompanyId companyId, PaymentMethodId methodId);
}
