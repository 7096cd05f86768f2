package org.billingsdk.core.invoice;

import java.util.Objects;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.EmailAddress;
import org.billingsdk.core.company.VatNumber;

/**
 * A seller or a buyer as an invoice prints them, frozen at issue; immutable.
 *
 * @param name legal name
 * @param email where the invoice goes (the buyer's billing email), or {@code null} for the seller
 * @param vatNumber the VAT number, or {@code null}
 * @param address the billing address, or {@code null} when the buyer gave none
 */
public record Party(String name, EmailAddress email, VatNumber vatNumber, Address address) {

    /**
     * Checks that the name is given.
     *
     * @param name not {@code null}
     * @param email may be {@code null}
     * @param vatNumber may be {@code null}
     * @param address may be {@code null}
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public Party {
        Objects.requireNonNull(name, "name");
    }
}
