package org.billingsdk.core.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.StorageException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.company.Accounts;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingDay;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.company.Payer;
import org.billingsdk.core.event.BillingDayChanged;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.CompanyMoved;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.MainEmailChanged;
import org.billingsdk.core.event.PayerChanged;
import org.billingsdk.core.validation.PlainText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The implementation of {@link Accounts}. */
public final class AccountsService implements Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsService.class);

    private final Context context;
    private final Customers customers;
    private final VatChecks vatChecks;

    public AccountsService(Context context, Customers customers, Invoicing invoicing, CreditsService credits) {
        this.context = Objects.requireNonNull(context);
        this.customers = Objects.requireNonNull(customers);
        this.vatChecks = new VatChecks(context, invoicing, credits);
    }

    @Override
    public Company register(NewCompany company) {
        context.validator().check(company);
        Instant now = context.now();
        CompanyId id = CompanyId.random();
        Company saved = context.write(Who.PLATFORM, now, changes -> insert(changes, now, id, null, id, company));
        return vatChecks.afterWrite(saved, Who.PLATFORM);
    }

    @Override
    public Company registerChild(Actor actor, CompanyId parentId, NewCompany company) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(parentId, "parentId");
        context.validator().check(company);
        Instant now = context.now();
        CompanyId id = CompanyId.random();
        Company saved = context.write(Who.of(actor), now, changes -> {
            Company parent = manageable(actor, parentId);
            return insert(changes, now, id, parent.id(), parent.rootId(), company);
        });
        return vatChecks.afterWrite(saved, Who.of(actor));
    }

    @Override
    public Company find(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> context.access().reach(actor, companyId));
    }

    @Override
    public List<Company> tree(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().companies().findSubtree(companyId);
        });
    }

    @Override
    public Company changeMainEmail(Actor actor, CompanyId companyId, String mainEmail) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        context.validator().check(new MainEmail(mainEmail));
        EmailAddress email = EmailAddress.of(mainEmail.trim());
        Instant now = context.now();
        return keptInStepWithProvider(context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company saved = context.storage().companies().update(company.withMainEmail(email));
            changes.record(new MainEmailChanged(changes.newId(), now, companyId));
            return saved;
        }));
    }

    @Override
    public Company updateBillingDetails(Actor actor, CompanyId companyId, BillingDetails details) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        context.validator().check(details);
        BillingDetails normalized = details.normalized();
        Instant now = context.now();
        Company saved = keptInStepWithProvider(context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company updated = context.storage().companies().update(company.withBillingDetails(normalized));
            changes.record(new BillingDetailsChanged(changes.newId(), now, companyId));
            return updated;
        }));
        return vatChecks.afterWrite(saved, Who.of(actor));
    }

    @Override
    public Company checkVatNumber(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Company company = context.read(() -> manageable(actor, companyId));
        return vatChecks.now(company, Who.of(actor));
    }

    /** Asks the register again about the company's number when it has not answered yet: the billing run's. */
    Company recheck(Company company) {
        return vatChecks.ifUnconfirmed(company, Who.BILLING_RUN);
    }

    @Override
    public Company move(Actor actor, CompanyId companyId, CompanyId newParentId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(newParentId, "newParentId");
        Instant now = context.now();
        return context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company parent = manageable(actor, newParentId);
            if (context.storage().companies().isSameOrDescendant(company.id(), parent.id())) {
                throw new RefusedException(new Refusal(RefusalCode.HIERARCHY_CYCLE, "Moving " + company.name()
                        + " under " + parent.name() + " would make it its own ancestor."));
            }
            if (parent.id().equals(company.parentId())) {
                return company;
            }
            Company saved = context.storage().companies().update(company.withParent(parent.id()));
            changes.record(new CompanyMoved(changes.newId(), now, companyId, company.parentId(), parent.id()));
            return payersAfterMove(saved, parent, changes);
        });
    }

    /**
     * Has every company of the moved subtree whose payer is no longer one of its ancestors pay for
     * itself: a payer inside the subtree moved with it, one above it must be an ancestor of the
     * new parent.
     *
     * @return the moved company as stored now
     */
    private Company payersAfterMove(Company moved, Company newParent, Changes changes) {
        List<Company> subtree = context.storage().companies().findSubtree(moved.id());
        Set<CompanyId> inside = new HashSet<>();
        subtree.forEach(company -> inside.add(company.id()));
        Map<CompanyId, Boolean> stillAbove = new HashMap<>();
        Company result = moved;
        for (Company company : subtree) {
            CompanyId payer = company.payerId();
            boolean keeps = payer == null || inside.contains(payer) || stillAbove.computeIfAbsent(payer,
                    above -> context.storage().companies().isSameOrDescendant(above, newParent.id()));
            if (keeps) {
                continue;
            }
            Company saved = context.storage().companies().update(company.withPayer(null));
            changes.record(new PayerChanged(changes.newId(), changes.now(), company.id(), payer, company.id(),
                    PayerChanged.Why.MOVED));
            if (company.id().equals(moved.id())) {
                result = saved;
            }
        }
        return result;
    }

    @Override
    public Company setPayer(Actor actor, CompanyId companyId, CompanyId payerId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(payerId, "payerId");
        Instant now = context.now();
        return context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company payer = payerId.equals(companyId) ? company : manageable(actor, payerId);
            if (company.payer().equals(payer.id())) {
                return company;
            }
            if (!payer.id().equals(company.id())) {
                if (!context.storage().companies().isSameOrDescendant(payer.id(), company.id())) {
                    throw refused(RefusalCode.PAYER_NOT_AN_ANCESTOR, payer.name() + " is not a parent company of "
                            + company.name() + " at any level, so it cannot pay for it.");
                }
                if (payer.isPaidForByAnother()) {
                    throw refused(RefusalCode.PAYER_PAID_FOR_BY_ANOTHER, "Another company pays for " + payer.name()
                            + "; choose that company to pay for " + company.name() + ".");
                }
                boolean paysForOthers = context.storage().companies().findSubtree(company.id()).stream()
                        .anyMatch(other -> company.id().equals(other.payerId()));
                if (paysForOthers) {
                    throw refused(RefusalCode.PAYS_FOR_OTHERS, company.name() + " pays for other companies, so"
                            + " another company cannot pay for it.");
                }
                // The payer's row is written too: a concurrent change of its own payer is then a lost
                // race, tried again from a fresh read, and no payer ends up paid for by another.
                context.storage().companies().update(payer);
            }
            Company saved = context.storage().companies().update(company.withPayer(payer.id()));
            changes.record(new PayerChanged(changes.newId(), now, companyId, company.payer(), saved.payer(),
                    PayerChanged.Why.SET));
            return saved;
        });
    }

    @Override
    public Company setBillingDay(Actor actor, CompanyId companyId, int dayOfMonth) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        if (dayOfMonth < BillingDay.FIRST || dayOfMonth > BillingDay.LAST) {
            throw new InvalidInputException(List.of(new Violation("billingDay", "must be a day of the month from "
                    + BillingDay.FIRST + " to " + BillingDay.LAST + ", not " + dayOfMonth)));
        }
        return changeBillingDay(actor, companyId, BillingDay.of(dayOfMonth));
    }

    @Override
    public Company clearBillingDay(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return changeBillingDay(actor, companyId, null);
    }

    private Company changeBillingDay(Actor actor, CompanyId companyId, BillingDay day) {
        Instant now = context.now();
        return context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            if (Objects.equals(company.billingDay(), day)) {
                return company;
            }
            if (day != null && company.isPaidForByAnother()) {
                throw refused(RefusalCode.PAID_FOR_BY_ANOTHER, "Another company pays for " + company.name()
                        + ", so its subscriptions are billed on that company's billing day.");
            }
            Company saved = context.storage().companies().update(company.withBillingDay(day));
            changes.record(new BillingDayChanged(changes.newId(), now, companyId,
                    company.billingDay() == null ? null : company.billingDay().dayOfMonth(),
                    day == null ? null : day.dayOfMonth()));
            return saved;
        });
    }

    @Override
    public Payer payer(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> {
            Company company = context.access().reach(actor, companyId);
            if (!company.isPaidForByAnother()) {
                return new Payer(company.id(), company.name(), true);
            }
            Company payer = context.storage().companies().findById(company.payerId()).orElseThrow(() ->
                    new StorageException("accounts.payer", "the payer of company " + companyId
                            + ", which the storage does not hold", null));
            return new Payer(payer.id(), payer.name(), false);
        });
    }

    private static RefusedException refused(RefusalCode code, String message) {
        return new RefusedException(new Refusal(code, message));
    }

    /**
     * Brings the company's customer at the payment provider in step with the details just saved,
     * when it has one (name, email, address and VAT number appear on the provider's receipts and
     * tax records). A provider failure is logged, not thrown: the change is saved, and the next
     * change of details tries again.
     */
    private Company keptInStepWithProvider(Company saved) {
        try {
            customers.syncIfKnown(saved);
        } catch (RuntimeException e) {
            LOG.warn("Could not bring the payment provider's customer of company {} in step ({})", saved.id(),
                    e.toString());
        }
        return saved;
    }


    private Company manageable(Actor actor, CompanyId companyId) {
        Company company = context.access().reach(actor, companyId);
        context.access().partnerRefusal(actor, company).ifPresent(refusal -> {
            throw new RefusedException(refusal);
        });
        return company;
    }

    private Company insert(org.billingsdk.core.internal.Changes changes, Instant now, CompanyId id,
            CompanyId parentId, CompanyId rootId, NewCompany input) {
        BillingDetails details = input.billingDetails() == null ? null : input.billingDetails().normalized();
        Company company = new Company(id, input.name().trim(), parentId, rootId,
                EmailAddress.of(input.mainEmail().trim()), details, input.billingMode(), now, 0);
        Company saved = context.storage().companies().insert(company);
        changes.record(new CompanyRegistered(changes.newId(), now, id, parentId, saved.name()));
        return saved;
    }

    /** The input of {@link #changeMainEmail}, for validation. */
    private record MainEmail(@NotBlank @Email @Size(max = 254) @PlainText(formatCharacters = false) String mainEmail) {
    }
}
