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
 * @param mainEmail mandatory account email, validated
 * @param billingDetails billing email, VAT number and addresses, or {@code null} until given
 * @param billingMode direct or partner-managed
 * @param createdAt when it was registered
 * @param version the storage version, 0 for a company not stored yet
 */
public record Company(
        CompanyId id,
        String name,
        CompanyId parentId,
        CompanyId rootId,
        String mainEmail,
        BillingDetails billingDetails,
        BillingMode billingMode,
        Instant createdAt,
        long version) {

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
    }

    public Optional<CompanyId> parent() {
        return Optional.ofNullable(parentId);
    }

    public Optional<BillingDetails> billing() {
        return Optional.ofNullable(billingDetails);
    }

    /** Where billing communications go: the billing email, or the main email when none is set. */
    public String effectiveBillingEmail() {
        return billingDetails != null && billingDetails.billingEmail() != null
                ? billingDetails.billingEmail()
                : mainEmail;
    }

    public boolean isPartnerManaged() {
        return billingMode == BillingMode.PARTNER_MANAGED;
    }

    public Company withMainEmail(String email) {
        return new Company(id, name, parentId, rootId, email, billingDetails, billingMode, createdAt, version);
    }

    public Company withBillingDetails(BillingDetails details) {
        return new Company(id, name, parentId, rootId, mainEmail, details, billingMode, createdAt, version);
    }

    public Company withParent(CompanyId newParent) {
        return new Company(id, name, newParent, rootId, mainEmail, billingDetails, billingMode, createdAt, version);
    }

    public Company withName(String newName) {
        return new Company(id, newName, parentId, rootId, mainEmail, billingDetails, billingMode, createdAt, version);
    }

    /** The same company at another storage version; used by stores. */
    public Company withVersion(long newVersion) {
        return new Company(id, name, parentId, rootId, mainEmail, billingDetails, billingMode, createdAt, newVersion);
    }
}
