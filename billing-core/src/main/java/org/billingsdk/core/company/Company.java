package org.billingsdk.core.company;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A company: a customer of the platform, possibly the child of another; immutable and thread-safe.
 * Changes make a new instance; storage keeps the {@link #version() version} to refuse lost updates.
 *
 * @param id its identifier
 * @param name the name the portal shows
 * @param parentId the parent company, or {@code null} for the root of a tree
 * @param rootId the root of its tree (itself when it has no parent): the tenant it belongs to
 * @param mainEmail the mandatory account email
 * @param billingDetails billing email, VAT number and addresses, or {@code null} until given
 * @param billingMode direct or partner-managed
 * @param payerId the ancestor that pays for its subscriptions, or {@code null} when it pays for
 *     itself (the default); see {@link #payer()}
 * @param billingDay the day of the month it is billed on, as a payer, for the subscriptions it pays
 *     (see {@link BillingDay}), or {@code null} for none: each subscription is then billed on its own
 *     anniversary. Only the payer's counts: a company another pays for is billed on its payer's day
 * @param vatCheck what the register (VIES) last answered about the VAT number of its billing
 *     details, or {@code null} when it has not been asked (no verifier is configured, or there is no
 *     EU number); it always concerns the current number: other billing details drop it
 * @param createdAt when it was registered
 * @param version the storage version, 0 for a company not stored yet
 */
public record Company(
        CompanyId id,
        String name,
        CompanyId parentId,
        CompanyId rootId,
        EmailAddress mainEmail,
        BillingDetails billingDetails,
        BillingMode billingMode,
        CompanyId payerId,
        BillingDay billingDay,
        VatCheck vatCheck,
        Instant createdAt,
        long version) {

    /**
     * Checks the components; the content of the name and of the billing details is validated by the
     * operations, not here.
     *
     * @param id not null
     * @param name not null
     * @param parentId {@code null} for a root; never the company's own id
     * @param rootId not null; the company's own id when it has no parent
     * @param mainEmail not null
     * @param billingDetails {@code null} until given
     * @param billingMode not null
     * @param payerId {@code null} for itself; its own id is kept as {@code null}. That it is an
     *     ancestor is the operations' rule ({@code Accounts.setPayer}), which know the tree
     * @param billingDay {@code null} for none
     * @param vatCheck {@code null} for none
     * @param createdAt not null
     * @param version the storage version, 0 before it is stored
     * @throws IllegalArgumentException if a company without a parent is not its own root, is its
     *     own parent, has a payer without having a parent, or has a VAT check of another number than
     *     its billing details hold
     */
    public Company {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rootId, "rootId");
        Objects.requireNonNull(mainEmail, "mainEmail");
        Objects.requireNonNull(billingMode, "billingMode");
        Objects.requireNonNull(createdAt, "createdAt");
        if (parentId == null && !rootId.equals(id)) {
            throw new IllegalArgumentException("a company without a parent is its own root");
        }
        if (id.equals(parentId)) {
            throw new IllegalArgumentException("a company cannot be its own parent");
        }
        if (id.equals(payerId)) {
            payerId = null;
        }
        if (payerId != null && parentId == null) {
            throw new IllegalArgumentException("only a company with a parent can be paid for by another");
        }
        if (vatCheck != null && !concerns(vatCheck, billingDetails)) {
            throw new IllegalArgumentException("the VAT check must concern the VAT number of the billing details");
        }
    }

    /**
     * A company without a VAT check: {@link #Company(CompanyId, String, CompanyId, CompanyId,
     * EmailAddress, BillingDetails, BillingMode, CompanyId, BillingDay, VatCheck, Instant, long)}
     * without one.
     *
     * @param id not null
     * @param name not null
     * @param parentId {@code null} for a root
     * @param rootId not null
     * @param mainEmail not null
     * @param billingDetails {@code null} until given
     * @param billingMode not null
     * @param payerId {@code null} for itself
     * @param billingDay {@code null} for none
     * @param createdAt not null
     * @param version the storage version
     */
    public Company(CompanyId id, String name, CompanyId parentId, CompanyId rootId, EmailAddress mainEmail,
            BillingDetails billingDetails, BillingMode billingMode, CompanyId payerId, BillingDay billingDay,
            Instant createdAt, long version) {
        this(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, payerId, billingDay, null,
                createdAt, version);
    }

    /**
     * A company without a billing day: {@link #Company(CompanyId, String, CompanyId, CompanyId,
     * EmailAddress, BillingDetails, BillingMode, CompanyId, BillingDay, VatCheck, Instant, long)}
     * without one or a VAT check.
     *
     * @param id not null
     * @param name not null
     * @param parentId {@code null} for a root
     * @param rootId not null
     * @param mainEmail not null
     * @param billingDetails {@code null} until given
     * @param billingMode not null
     * @param payerId {@code null} for itself
     * @param createdAt not null
     * @param version the storage version
     */
    public Company(CompanyId id, String name, CompanyId parentId, CompanyId rootId, EmailAddress mainEmail,
            BillingDetails billingDetails, BillingMode billingMode, CompanyId payerId, Instant createdAt,
            long version) {
        this(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, payerId, null, null, createdAt,
                version);
    }

    /**
     * A company that pays for itself, without a billing day: {@link #Company(CompanyId, String,
     * CompanyId, CompanyId, EmailAddress, BillingDetails, BillingMode, CompanyId, BillingDay, VatCheck,
     * Instant, long)} without a payer, a billing day or a VAT check.
     *
     * @param id not null
     * @param name not null
     * @param parentId {@code null} for a root
     * @param rootId not null
     * @param mainEmail not null
     * @param billingDetails {@code null} until given
     * @param billingMode not null
     * @param createdAt not null
     * @param version the storage version
     */
    public Company(CompanyId id, String name, CompanyId parentId, CompanyId rootId, EmailAddress mainEmail,
            BillingDetails billingDetails, BillingMode billingMode, Instant createdAt, long version) {
        this(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, null, null, null, createdAt,
                version);
    }

    /**
     * {@return who pays for the company's subscriptions: the ancestor it names, or itself} Its
     * invoices are issued to that company: to its billing details, with the VAT its country and VAT
     * number decide, charged to its payment methods, in its billing history.
     */
    public CompanyId payer() {
        return payerId == null ? id : payerId;
    }

    /** {@return whether another company pays for this one's subscriptions} */
    public boolean isPaidForByAnother() {
        return payerId != null;
    }

    /**
     * The same company with another payer.
     *
     * @param newPayer an ancestor, or the company itself (or {@code null}) for none
     * @return a copy with this change, at the same version
     */
    public Company withPayer(CompanyId newPayer) {
        return new Company(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, newPayer, billingDay,
                vatCheck, createdAt, version);
    }

    /**
     * The same company billed on another day as a payer.
     *
     * @param day the new billing day, or {@code null} for none
     * @return a copy with this change, at the same version
     */
    public Company withBillingDay(BillingDay day) {
        return new Company(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, payerId, day, vatCheck,
                createdAt, version);
    }

    /** {@return the parent company, or empty for the root of a tree} */
    public Optional<CompanyId> parent() {
        return Optional.ofNullable(parentId);
    }

    /** {@return the billing details, or empty until they are given} */
    public Optional<BillingDetails> billing() {
        return Optional.ofNullable(billingDetails);
    }

    /**
     * Where billing communications go: the billing email, or the main email when none is set.
     *
     * @return the billing email, or the main email when the company has no billing details or they
     *     have no billing email
     * @throws IllegalArgumentException if the billing email is no email address; never for details
     *     given through the operations, which validate them
     */
    public EmailAddress effectiveBillingEmail() {
        return billingDetails == null ? mainEmail : billingDetails.email().orElse(mainEmail);
    }

    /** {@return whether a partner runs the billing, so that the portal refuses to manage it} */
    public boolean isPartnerManaged() {
        return billingMode == BillingMode.PARTNER_MANAGED;
    }

    /**
     * The same company with another main email.
     *
     * @param email the new main email; not null
     * @return a copy with this change, at the same version
     * @throws NullPointerException if {@code email} is null
     */
    public Company withMainEmail(EmailAddress email) {
        return new Company(id, name, parentId, rootId, email, billingDetails, billingMode, payerId, billingDay,
                vatCheck, createdAt, version);
    }

    /**
     * The same company with other billing details. Its VAT check stays if the details keep the
     * VAT number it concerns, and goes otherwise.
     *
     * @param details the new details, already validated and normalized; {@code null} for none
     * @return a copy with this change, at the same version
     */
    public Company withBillingDetails(BillingDetails details) {
        return new Company(id, name, parentId, rootId, mainEmail, details, billingMode, payerId, billingDay,
                vatCheck != null && concerns(vatCheck, details) ? vatCheck : null, createdAt, version);
    }

    /**
     * The same company with what the register answered about its VAT number.
     *
     * @param check the answer about the number its billing details hold; {@code null} for none
     * @return a copy with this change, at the same version
     * @throws IllegalArgumentException if the check concerns another number
     */
    public Company withVatCheck(VatCheck check) {
        return new Company(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, payerId, billingDay,
                check, createdAt, version);
    }

    /**
     * The same company with the register's latest answer about its VAT number, when it tells
     * something new: an unavailable register does not replace an answer it gave before about the same
     * number (valid or invalid), which stays the evidence, nor an earlier "unavailable" (whose date
     * tells since when the number waits); an answer dated before the one kept does not replace it.
     *
     * @param answer what the register answered, or that it did not, about the current number
     * @return a copy with the check that now stands, at the same version; this company itself when
     *     the answer changes nothing
     * @throws IllegalArgumentException if the answer concerns another number
     */
    public Company answered(VatCheck answer) {
        boolean keep = vatCheck != null && (answer.isUnavailable()
                || answer.checkedAt().isBefore(vatCheck.checkedAt()));
        return keep ? this : withVatCheck(answer);
    }

    /** {@return the VAT number of its billing details, or empty when there is none} */
    public Optional<VatNumber> vatNumber() {
        return billingDetails == null ? Optional.empty() : billingDetails.vat();
    }

    private static boolean concerns(VatCheck check, BillingDetails details) {
        return details != null && details.vat().filter(check.number()::equals).isPresent();
    }

    /**
     * The same company under another parent of the same tree; its root stays.
     *
     * @param newParent the new parent, in the same tree and not a descendant; not null
     * @return a copy with this change, at the same version
     * @throws IllegalArgumentException if {@code newParent} is the company itself
     */
    public Company withParent(CompanyId newParent) {
        return new Company(id, name, newParent, rootId, mainEmail, billingDetails, billingMode, payerId,
                billingDay, vatCheck, createdAt, version);
    }

    /**
     * The same company with another name.
     *
     * @param newName the new name, already validated; not null
     * @return a copy with this change, at the same version
     */
    public Company withName(String newName) {
        return new Company(id, newName, parentId, rootId, mainEmail, billingDetails, billingMode, payerId,
                billingDay, vatCheck, createdAt, version);
    }

    /**
     * The same company at another storage version; used by stores.
     *
     * @param newVersion the version the store now holds
     * @return a copy at that version
     */
    public Company withVersion(long newVersion) {
        return new Company(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, payerId,
                billingDay, vatCheck, createdAt, newVersion);
    }
}
