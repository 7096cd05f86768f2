package org.billingsdk.documents;

import java.util.Objects;
import org.billingsdk.core.company.EmailAddress;

/**
 * Who at the seller answers about an invoice (EN 16931 BG-6): XRechnung requires all three fields
 * on every invoice ({@link EInvoiceRenderer#xrechnung(SellerContact)}).
 *
 * @param name a person or a department, such as "Accounts receivable"
 * @param telephone a telephone number, as printed
 * @param email an email address
 */
public record SellerContact(String name, String telephone, EmailAddress email) {

    /**
     * @param name not blank
     * @param telephone not blank
     * @param email not null
     * @throws IllegalArgumentException if the name or the telephone is blank
     */
    public SellerContact {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(telephone, "telephone");
        Objects.requireNonNull(email, "email");
        if (name.isBlank() || telephone.isBlank()) {
            throw new IllegalArgumentException("a seller contact has a name and a telephone number");
        }
    }
}
