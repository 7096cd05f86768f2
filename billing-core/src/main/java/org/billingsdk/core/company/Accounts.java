package org.billingsdk.core.company;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.billingsdk.core.Actor;
import org.billingsdk.core.NotFoundException;
import org.billingsdk.core.Refusal;
import org.billingsdk.core.RefusalCode;
import org.billingsdk.core.RefusedException;
import org.billingsdk.core.audit.AuditRecord;
import org.billingsdk.core.event.BillingDetailsChanged;
import org.billingsdk.core.event.CompanyMoved;
import org.billingsdk.core.event.CompanyRegistered;
import org.billingsdk.core.event.MainEmailChanged;
import org.billingsdk.core.internal.Context;
import org.billingsdk.core.internal.Customers;
import org.billingsdk.core.internal.Who;
import org.billingsdk.core.validation.PlainText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Companies, their hierarchy and their account and billing details: the portal's "Account
 * Details" and "Billing &amp; Shipping Addresses". Obtained from {@code Billing.accounts()};
 * thread-safe.
 *
 * <p>Every operation that takes an {@link Actor} applies the access rule: the actor reaches its
 * own company and its descendants, and anything else is answered with
 * {@link NotFoundException}, exactly as for a company that does not exist. A company whose billing
 * is run by a partner is refused with {@link RefusedException} ({@code PARTNER_MANAGED}). Invalid
 * input is refused with {@link org.billingsdk.core.InvalidInputException} naming every violation,
 * before anything is stored.
 */
public final class Accounts {

    private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

    private final Context context;
    private final Customers customers;

    /**
     * For {@code Billing}; hosts obtain this from {@code Billing.accounts()}.
     *
     * @param context what the operations share (internal)
     * @param customers the companies' customers at the payment provider (internal)
     */
    public Accounts(Context context, Customers customers) {
        this.context = Objects.requireNonNull(context);
        this.customers = Objects.requireNonNull(customers);
    }

    /**
     * Registers a company at the root of a new tree: a host operation, recorded as done by the
     * platform.
     *
     * @param company the name, main email, optional billing details and billing mode; names and
     *     emails are stored trimmed, billing details normalized
     * @return the company as stored, with a new id
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code company}
     */
    public Company register(NewCompany company) {
        context.validator().check(company);
        Instant now = context.now();
        CompanyId id = CompanyId.random();
        return context.write(Who.PLATFORM, now, changes -> insert(changes, now, id, null, id, company));
    }

    /**
     * Registers a child company under {@code parentId}, which the actor must reach.
     *
     * @param actor who registers it; not null
     * @param parentId the parent, in the actor's reach; not null
     * @param company the name, main email, optional billing details and billing mode
     * @return the company as stored, in the parent's tree
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code company}
     * @throws NotFoundException if the parent does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or the parent is
     *     partner-managed
     */
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

    /**
     * A company the actor reaches.
     *
     * @param actor who asks; not null
     * @param companyId the company; not null
     * @return the company as stored
     * @throws NotFoundException if it does not exist or is out of the actor's reach
     */
    public Company find(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> context.access().reach(actor, companyId));
    }

    /**
     * A company and all its descendants, the company first.
     *
     * @param actor who asks; not null
     * @param companyId the top of the subtree; not null
     * @return the company and its descendants at any depth
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     */
    public List<Company> tree(Actor actor, CompanyId companyId) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().companies().findSubtree(companyId);
        });
    }

    /**
     * Changes the mandatory main email, used for account verification and communication. The
     * payment provider's customer, if the company has one, is updated too; a failure there is
     * logged and the change kept.
     *
     * @param actor who changes it; not null
     * @param companyId the company; not null
     * @param mainEmail an email address of at most 254 characters; stored trimmed
     * @return the company as stored after the change
     * @throws org.billingsdk.core.InvalidInputException if the email is blank, malformed or too long
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
    public Company changeMainEmail(Actor actor, CompanyId companyId, String mainEmail) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        context.validator().check(new MainEmail(mainEmail));
        String email = mainEmail.trim();
        Instant now = context.now();
        return keptInStepWithProvider(context.write(Who.of(actor), now, changes -> {
            Company company = manageable(actor, companyId);
            Company saved = context.storage().companies().update(company.withMainEmail(email));
            changes.record(new MainEmailChanged(changes.newId(), now, companyId));
            return saved;
        }));
    }

    /**
     * Replaces the billing details: billing email, VAT number, billing and shipping addresses. The
     * payment provider's customer, if the company has one, is updated too; a failure there is
     * logged and the change kept.
     *
     * @param actor who changes them; not null
     * @param companyId the company; not null
     * @param details the new details, all of them; stored {@link BillingDetails#normalized() normalized}
     * @return the company as stored after the change
     * @throws org.billingsdk.core.InvalidInputException naming every problem with {@code details}
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code PARTNER_MANAGED} if the actor's company or this one is
     *     partner-managed
     */
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

    /**
     * Moves a company, with its descendants, under another parent of the same tree; the actor must
     * reach both. Moving a company under its current parent changes nothing.
     *
     * @param actor who moves it; not null
     * @param companyId the company to move; not null
     * @param newParentId the new parent; not null
     * @return the company as stored after the move
     * @throws NotFoundException if either company does not exist or is out of the actor's reach
     * @throws RefusedException with {@code HIERARCHY_CYCLE} if the new parent is the company or one
     *     of its descendants, or with {@code PARTNER_MANAGED} if a company involved is partner-managed
     */
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
     * The latest audit records about a company the actor reaches, newest first.
     *
     * @param actor who asks; not null
     * @param companyId the company; not null
     * @param limit how many records at most, 1 to 1000
     * @return at most {@code limit} records about this company only, not its descendants
     * @throws IllegalArgumentException if the limit is out of range
     * @throws NotFoundException if the company does not exist or is out of the actor's reach
     */
    public List<AuditRecord> auditTrail(Actor actor, CompanyId companyId, int limit) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(companyId, "companyId");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return context.read(() -> {
            context.access().reach(actor, companyId);
            return context.storage().audit().findByCompany(companyId, limit);
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
        Company company = new Company(id, input.name().trim(), parentId, rootId, input.mainEmail().trim(), details,
                input.billingMode(), now, 0);
        Company saved = context.storage().companies().insert(company);
        changes.record(new CompanyRegistered(changes.newId(), now, id, parentId, saved.name()));
        return saved;
    }

    /** The input of {@link #changeMainEmail}, for validation. */
    private record MainEmail(@NotBlank @Email @Size(max = 254) @PlainText(formatCharacters = false) String mainEmail) {
    }
}
