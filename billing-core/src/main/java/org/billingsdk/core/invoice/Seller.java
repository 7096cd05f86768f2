package org.billingsdk.core.invoice;

import java.util.Objects;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.company.CountryCode;
import org.billingsdk.core.company.VatNumber;

/**
 * Who sells: printed on every invoice; its country decides the VAT treatment. Immutable.
 *
 * @param name legal name
 * @param address registered address; its country is the seller's country, an EU member state
 * @param vatNumber the seller's VAT number
 * @param invoiceSeriesPrefix the invoice number series starts with this and the year, such as
 *     {@code ACME-2026}
 */
public record Seller(String name, Address address, VatNumber vatNumber, String invoiceSeriesPrefix) {

    /**
     * Checks the seller.
     *
     * @param name not {@code null}
     * @param address not {@code null}, in an EU member state
     * @param vatNumber not {@code null}
     * @param invoiceSeriesPrefix 1 to 20 upper-case letters or digits
     * @throws IllegalArgumentException if the prefix is out of form or the address outside the EU
     * @throws NullPointerException if a component is {@code null}
     */
    public Seller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(vatNumber, "vatNumber");
        Objects.requireNonNull(invoiceSeriesPrefix, "invoiceSeriesPrefix");
        if (!invoiceSeriesPrefix.matches("[A-Z0-9]{1,20}")) {
            throw new IllegalArgumentException("an invoice series prefix is 1 to 20 upper-case letters or digits");
        }
        if (!CountryCode.of(address.country()).isEuMemberState()) {
            throw new IllegalArgumentException("the seller must be established in an EU member state");
        }
    }

    /**
     * A seller whose invoice series start with {@code INV}.
     *
     * @param name the legal name, as printed
     * @param address the registered address in an EU member state; normalized first
     * @param vatNumber the seller's VAT number
     * @return the seller
     * @throws IllegalArgumentException if the address is outside the EU
     */
    public static Seller of(String name, Address address, VatNumber vatNumber) {
        return new Seller(name, address.normalized(), vatNumber, "INV");
    }

    /**
     * The seller's country, which decides the VAT treatment of each sale.
     *
     * @return the country of the registered address
     */
    public CountryCode country() {
        return CountryCode.of(address.country());
    }

    Party asParty() {
        return new Party(name, null, vatNumber, address);
    }
}
