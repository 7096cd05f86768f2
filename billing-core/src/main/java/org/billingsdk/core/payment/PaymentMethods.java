package org.billingsdk.core.payment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.Actor;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.DefaultPaymentMethodChanged;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.event.PaymentMethodRemoved;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.Customers;
import org.billingsdk.core.internal.Who;
import org.billingsdk.core.port.PaymentProvider;

/**
 * The portal's "Payment Methods": cards and SEPA Direct Debit (also set up through iDEAL), set up
 * in two steps with the payment provider, one of them the default. Obtained from
 * {@code Billing.paymentMethods()}; thread-safe. The access rule applies as everywhere.
 *
 * <p>Card numbers, CVCs and IBANs go from the customer's browser to the provider; the SDK keeps
 * the provider's reference and the display details only.
 */
public final class PaymentMethods {

    private final Context context;
    private final Customers customers;

    /**
     * For {@code Billing}; hosts obtain this from {@code Billing.paymentMethods()}.
     *
     * @param context the SDK's storage, ports and clock; internal
     * @param customers each company's customer at the provider; internal
     */
    public PaymentMethods(Context context, Customers customers) {
        this.context = Objects.requireNonNull(context);
        this.customers = Objects.requireNonNull(customers);
    }

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
    public SetupSession startSetup(Actor actor, CompanyId companyId, SetupKind kind) {
        Objects.requireNonNull(kind, "kind");
        Company company = manageable(actor, companyId);
        String customer = customers.reference(company);
        SetupId id = SetupId.random();
        PaymentProvider.SetupStart start;
        try {
            start = context.payments().startSetup(customer, kind, "setup-" + id);
        } catch (RuntimeException e) {
            throw new PortException("payments.startSetup", "could not start a payment-method set-up", e);
        }
        SetupSession session = new SetupSession(id, companyId, kind, start.setupReference(), start.clientSecret(),
                start.redirectUrl(), context.now());
        context.storage().inTransaction(() -> {
            context.storage().paymentMethods().insertSetup(session);
            return null;
        });
        return session;
    }

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
    public SetupOutcome completeSetup(Actor actor, CompanyId companyId, SetupId setupId) {
        Objects.requireNonNull(setupId, "setupId");
        Company company = manageable(actor, companyId);
        Optional<SetupSession> session = context.read(() -> context.storage().paymentMethods().findSetup(setupId))
                .filter(setup -> setup.companyId().equals(companyId));
        if (session.isEmpty()) {
            return completedBefore(setupId, companyId)
                    .orElseThrow(() -> new NotFoundException("payment method set-up", setupId));
        }
        return complete(session.get(), company, Who.of(actor));
    }

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
    public SetupOutcome completeSetup(SetupId setupId) {
        Objects.requireNonNull(setupId, "setupId");
        Optional<SetupSession> session = context.read(() -> context.storage().paymentMethods().findSetup(setupId));
        if (session.isEmpty()) {
            return completedBefore(setupId, null)
                    .orElseThrow(() -> new NotFoundException("payment method set-up", setupId));
        }
        Company company = context.read(() -> context.storage().companies().findById(session.get().companyId()))
                .orElseThrow();
        return complete(session.get(), company, new Who(Payments.PROVIDER, null));
    }

    /**
     * The outcome of a set-up completed already, if its method is still there (and, when
     * {@code companyId} is given, belongs to that company): completing again changes nothing.
     */
    private Optional<SetupOutcome> completedBefore(SetupId setupId, CompanyId companyId) {
        return context.read(() -> context.storage().paymentMethods().findCompletedSetup(setupId)
                .flatMap(methodId -> context.storage().paymentMethods().findById(methodId))
                .filter(method -> companyId == null || method.companyId().equals(companyId))
                .map(SetupOutcome.Added::new));
    }

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
    public boolean removedAtProvider(String providerReference) {
        Objects.requireNonNull(providerReference, "providerReference");
        Optional<PaymentMethod> method = context.read(
                () -> context.storage().paymentMethods().findByProviderReference(providerReference));
        if (method.isEmpty()) {
            return false;
        }
        Company company = context.read(() -> context.storage().companies().findById(method.get().companyId()))
                .orElseThrow();
        forget(company, method.get(), new Who(Payments.PROVIDER, null));
        return true;
    }

    private SetupOutcome complete(SetupSession session, Company company, Who who) {
        CompanyId companyId = company.id();
        PaymentProvider.SetupResult result;
        try {
            result = context.payments().completeSetup(customers.reference(company), session.providerReference());
        } catch (RuntimeException e) {
            throw new PortException("payments.completeSetup", "could not complete set-up " + session.id(), e);
        }
        if (result instanceof PaymentProvider.SetupResult.Incomplete incomplete) {
            return new SetupOutcome.NotYetComplete(incomplete.status());
        }
        if (result instanceof PaymentProvider.SetupResult.Failed failed) {
            return new SetupOutcome.Refused(new Refusal(RefusalCode.PAYMENT_METHOD_SETUP_FAILED,
                    "The payment method could not be set up: " + failed.reason()));
        }
        PaymentProvider.SetupResult.Completed completed = (PaymentProvider.SetupResult.Completed) result;
        Instant now = context.now();
        PaymentMethod added = context.write(who, now, changes -> {
            Optional<PaymentMethod> same = context.storage().paymentMethods()
                    .findByProviderReference(completed.paymentMethodReference());
            if (same.isPresent()) {
                context.storage().paymentMethods().markSetupCompleted(session, same.get().id());
                return same.get();
            }
            boolean first = context.storage().paymentMethods().findByCompany(companyId).stream()
                    .noneMatch(PaymentMethod::isDefault);
            PaymentMethod method = context.storage().paymentMethods().insert(new PaymentMethod(PaymentMethodId.random(),
                    companyId, completed.paymentMethodReference(), completed.details(), first, now, 0));
            context.storage().paymentMethods().markSetupCompleted(session, method.id());
            changes.record(new PaymentMethodAdded(changes.newId(), now, companyId, method.id(),
                    method.details().display(), first));
            return method;
        });
        if (added.isDefault()) {
            tellProviderDefault(company, added);
        }
        return new SetupOutcome.Added(added);
    }


    /**
     * A company's payment methods, oldest first.
     *
     * @param actor who asks; the company must be within its reach
     * @param companyId the company
     * @return its methods, with display details only; an empty list when it has none
     * @throws NotFoundException if the company is missing or out of the actor's reach
     */
    public List<PaymentMethod> list(Actor actor, CompanyId companyId) {
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().paymentMethods().findByCompany(companyId);
        });
    }

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
    public PaymentMethod makeDefault(Actor actor, CompanyId companyId, PaymentMethodId methodId) {
        Company company = manageable(actor, companyId);
        Instant now = context.now();
        PaymentMethod chosen = context.write(Who.of(actor), now, changes -> {
            PaymentMethod method = owned(companyId, methodId);
            if (method.isDefault()) {
                return method;
            }
            for (PaymentMethod other : context.storage().paymentMethods().findByCompany(companyId)) {
                if (other.isDefault()) {
                    context.storage().paymentMethods().update(other.asDefault(false));
                }
            }
            PaymentMethod saved = context.storage().paymentMethods().update(method.asDefault(true));
            changes.record(new DefaultPaymentMethodChanged(changes.newId(), now, companyId, saved.id(),
                    saved.details().display()));
            return saved;
        });
        tellProviderDefault(company, chosen);
        return chosen;
    }

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
    public void remove(Actor actor, CompanyId companyId, PaymentMethodId methodId) {
        Company company = manageable(actor, companyId);
        PaymentMethod method = context.read(() -> owned(companyId, methodId));
        try {
            context.payments().detach(method.providerReference());
        } catch (RuntimeException e) {
            throw new PortException("payments.detach", "could not detach payment method " + methodId, e);
        }
        forget(company, method, Who.of(actor));
    }

    /** Deletes a method detached at the provider, promoting another to default if it was the default. */
    private void forget(Company company, PaymentMethod method, Who who) {
        CompanyId companyId = company.id();
        PaymentMethodId methodId = method.id();
        Instant now = context.now();
        Optional<PaymentMethod> promoted = context.write(who, now, changes -> {
            Optional<PaymentMethod> current = context.storage().paymentMethods().findById(methodId);
            if (current.isEmpty()) {
                return Optional.<PaymentMethod>empty();
            }
            context.storage().paymentMethods().delete(methodId);
            changes.record(new PaymentMethodRemoved(changes.newId(), now, companyId, methodId,
                    method.details().display()));
            if (current.get().isDefault()) {
                List<PaymentMethod> remaining = context.storage().paymentMethods().findByCompany(companyId);
                if (!remaining.isEmpty()) {
                    PaymentMethod next = context.storage().paymentMethods()
                            .update(remaining.get(remaining.size() - 1).asDefault(true));
                    changes.record(new DefaultPaymentMethodChanged(changes.newId(), now, companyId, next.id(),
                            next.details().display()));
                    return Optional.of(next);
                }
            }
            return Optional.<PaymentMethod>empty();
        });
        promoted.ifPresent(next -> tellProviderDefault(company, next));
    }


    private void tellProviderDefault(Company company, PaymentMethod method) {
        try {
            context.payments().makeDefault(customers.reference(company), method.providerReference());
        } catch (RuntimeException e) {
            throw new PortException("payments.makeDefault", "the default was changed here but not at the provider", e);
        }
    }

    private PaymentMethod owned(CompanyId companyId, PaymentMethodId methodId) {
        return context.storage().paymentMethods().findById(methodId)
                .filter(method -> method.companyId().equals(companyId))
                .orElseThrow(() -> new NotFoundException("payment method", methodId));
    }

    private Company manageable(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> {
            Company company = context.access().reach(actor, companyId);
            context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
                throw new RefusedException(refusal);
            });
            return company;
        });
    }
}
