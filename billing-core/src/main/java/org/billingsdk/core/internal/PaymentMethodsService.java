package org.billingsdk.core.internal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.billingsdk.core.EntityKind;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.PortException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.event.DefaultPaymentMethodChanged;
import org.billingsdk.core.event.PaymentMethodAdded;
import org.billingsdk.core.event.PaymentMethodRemoved;
import org.billingsdk.core.payment.CustomerReference;
import org.billingsdk.core.payment.IdempotencyKey;
import org.billingsdk.core.payment.PaymentMethod;
import org.billingsdk.core.payment.PaymentMethodId;
import org.billingsdk.core.payment.PaymentMethodReference;
import org.billingsdk.core.payment.PaymentMethods;
import org.billingsdk.core.payment.SetupId;
import org.billingsdk.core.payment.SetupKind;
import org.billingsdk.core.payment.SetupOutcome;
import org.billingsdk.core.payment.SetupSession;
import org.billingsdk.core.port.PaymentProvider;

/** The implementation of {@link PaymentMethods}. */
public final class PaymentMethodsService implements PaymentMethods {

    private final Context context;
    private final Customers customers;

    public PaymentMethodsService(Context context, Customers customers) {
        this.context = Objects.requireNonNull(context);
        this.customers = Objects.requireNonNull(customers);
    }

    @Override
    public SetupSession startSetup(Actor actor, CompanyId companyId, SetupKind kind) {
        Objects.requireNonNull(kind, "kind");
        Company company = manageable(actor, companyId);
        CustomerReference customer = customers.reference(company);
        SetupId id = SetupId.random();
        PaymentProvider.SetupStart start;
        try {
            start = context.payments().startSetup(customer, kind, IdempotencyKey.forSetup(id));
        } catch (RuntimeException e) {
            throw new PortException("payments.startSetup", "could not start a payment-method set-up", e);
        }
        SetupSession session = new SetupSession(id, companyId, kind, start.setupReference(), start.clientSecret(),
                start.redirectUrl(), context.now());
        context.storage().inTransaction(() -> {
            context.storage().paymentSetups().insert(session);
            return null;
        });
        return session;
    }

    @Override
    public SetupOutcome completeSetup(Actor actor, CompanyId companyId, SetupId setupId) {
        Objects.requireNonNull(setupId, "setupId");
        Company company = manageable(actor, companyId);
        Optional<SetupSession> session = context.read(() -> context.storage().paymentSetups().findById(setupId))
                .filter(setup -> setup.companyId().equals(companyId));
        if (session.isEmpty()) {
            return completedBefore(setupId, companyId)
                    .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT_SETUP, setupId));
        }
        return complete(session.get(), company, Who.of(actor));
    }

    @Override
    public SetupOutcome completeSetup(SetupId setupId) {
        Objects.requireNonNull(setupId, "setupId");
        Optional<SetupSession> session = context.read(() -> context.storage().paymentSetups().findById(setupId));
        if (session.isEmpty()) {
            return completedBefore(setupId, null)
                    .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT_SETUP, setupId));
        }
        Company company = context.read(() -> context.storage().companies().findById(session.get().companyId()))
                .orElseThrow();
        return complete(session.get(), company, Who.PAYMENT_PROVIDER);
    }

    /**
     * The outcome of a set-up completed already, if its method is still there (and, when
     * {@code companyId} is given, belongs to that company): completing again changes nothing.
     */
    private Optional<SetupOutcome> completedBefore(SetupId setupId, CompanyId companyId) {
        return context.read(() -> context.storage().paymentSetups().findCompleted(setupId)
                .flatMap(methodId -> context.storage().paymentMethods().findById(methodId))
                .filter(method -> companyId == null || method.companyId().equals(companyId))
                .map(SetupOutcome.Added::new));
    }

    @Override
    public boolean removedAtProvider(PaymentMethodReference providerReference) {
        Objects.requireNonNull(providerReference, "providerReference");
        Optional<PaymentMethod> method = context.read(
                () -> context.storage().paymentMethods().findByProviderReference(providerReference));
        if (method.isEmpty()) {
            return false;
        }
        Company company = context.read(() -> context.storage().companies().findById(method.get().companyId()))
                .orElseThrow();
        forget(company, method.get(), Who.PAYMENT_PROVIDER);
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
                context.storage().paymentSetups().markCompleted(session, same.get().id());
                return same.get();
            }
            boolean first = context.storage().paymentMethods().findByCompany(companyId).stream()
                    .noneMatch(PaymentMethod::isDefault);
            PaymentMethod method = context.storage().paymentMethods().insert(new PaymentMethod(PaymentMethodId.random(),
                    companyId, completed.paymentMethodReference(), completed.details(), first, now, 0));
            context.storage().paymentSetups().markCompleted(session, method.id());
            changes.record(new PaymentMethodAdded(changes.newId(), now, companyId, method.id(),
                    method.details().display(), first));
            return method;
        });
        if (added.isDefault()) {
            tellProviderDefault(company, added);
        }
        return new SetupOutcome.Added(added);
    }


    @Override
    public List<PaymentMethod> list(Actor actor, CompanyId companyId) {
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().paymentMethods().findByCompany(companyId);
        });
    }

    @Override
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

    @Override
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
                .orElseThrow(() -> new NotFoundException(EntityKind.PAYMENT_METHOD, methodId));
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
