package org.billingsdk.core.internal;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.company.Accounts;
import org.billingsdk.core.company.Actor;
import org.billingsdk.core.company.BillingDetails;
import org.billingsdk.core.company.Company;
import org.billingsdk.core.company.CompanyId;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.NewCompany;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.CompanyMoved;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.MainEmailChanged;
import org.billingsdk.core.validation.PlainText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The implementation of {@link Accounts}. */
public final class AccountsService implements Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(AccountsService.class);

    private final Context context;
    private final Customers customers;

    public AccountsService(Context context, Customers customers) {
        this.context = Objects.requireNonNull(context);
        this.customers = Objects.requireNonNull(customers);
    }

    @Override
    public Company register(NewCompany company) {
        context.validator().check(company);
        Instant now = context.now();
        CompanyId id = CompanyId.random();
        return context.write(Who.PLATFORM, now, changes -> insert(changes, now, id, null, id, company));
    }

    @Override
    public Company registerChild(Actor actor, CompanyId parentId, NewCompany company) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(parentId, "parentId");
        context.validator().check(company);
        Instant now = context.now();
        CompanyId id = CompanyId.random();
        return context.write(Who.of(actor), now, changes -> {
            Company parent = manageable(actor, parentId);
            return insert(changes, now, id, parent.id(), parent.rootId(), company);
        });
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
        return keptInStepWithProvider(context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company saved = context.storage().companies().update(company.withBillingDetails(normalized));
            changes.record(new BillingDetailsChanged(changes.newId(), now, companyId));
            return saved;
        }));
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
            return saved;
        });
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
