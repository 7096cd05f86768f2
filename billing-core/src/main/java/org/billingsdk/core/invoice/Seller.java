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
 * @param creditNoteSeriesPrefix the credit-note number series starts with this and the year, such as
 *     {@code CN-2026}: a series of its own, as EU law numbers credit notes like invoices
 */
public record Seller(String name, Address address, VatNumber vatNumber, String invoiceSeriesPrefix,
        String creditNoteSeriesPrefix) {

    /** The credit-note series prefix of a seller that names none: {@value}. */
    public static final String CREDIT_NOTE_PREFIX = "CN";

    /**
     * Checks the seller.
     *
     * @param name not {@code null}
     * @param address not {@code null}, in an EU member state
     * @param vatNumber not {@code null}
     * @param invoiceSeriesPrefix 1 to 20 upper-case letters or digits
     * @param creditNoteSeriesPrefix 1 to 20 upper-case letters or digits, not the invoice prefix
     * @throws IllegalArgumentException if a prefix is out of form, the two are the same, or the
     *     address is outside the EU
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
        Objects.requireNonNull(creditNoteSeriesPrefix, "creditNoteSeriesPrefix");
        if (!creditNoteSeriesPrefix.matches("[A-Z0-9]{1,20}")) {
            throw new IllegalArgumentException("a credit-note series prefix is 1 to 20 upper-case letters or digits");
        }
        if (creditNoteSeriesPrefix.equals(invoiceSeriesPrefix)) {
            throw new IllegalArgumentException("credit notes are numbered in a series of their own: their prefix "
                    + "is not the invoices' prefix " + invoiceSeriesPrefix);
        }
        if (!CountryCode.of(address.country()).isEuMemberState()) {
            throw new IllegalArgumentException("the seller must be established in an EU member state");
        }
    }

    /**
     * A seller whose credit notes are numbered in the series {@value #CREDIT_NOTE_PREFIX}{@code -<year>}.
     *
     * @param name not {@code null}
     * @param address not {@code null}, in an EU member state
     * @param vatNumber not {@code null}
     * @param invoiceSeriesPrefix 1 to 20 upper-case letters or digits, not {@value #CREDIT_NOTE_PREFIX}
     * @throws IllegalArgumentException if the prefix is out of form or {@value #CREDIT_NOTE_PREFIX},
     *     or the address is outside the EU
     * @throws NullPointerException if a component is {@code null}
     */
    public Seller(String name, Address address, VatNumber vatNumber, String invoiceSeriesPrefix) {
        this(name, address, vatNumber, invoiceSeriesPrefix, CREDIT_NOTE_PREFIX);
    }

    /**
     * A seller whose invoice series start with {@code INV} and credit-note series with
     * {@value #CREDIT_NOTE_PREFIX}.
     *
     * @param name the legal name, as printed
     * @param address the registered address in an EU member state; normalized first
     * @param vatNumber the seller's VAT number
     * @return the seller
     * @throws IllegalArgumentException if the address is outside the EU
     */
    public static Seller of(String name, Address address, VatNumber vatNumber) {
        return new Seller(name, address.normalized(), vatNumber, "INV", CREDIT_NOTE_PREFIX);
    }

    /**
     * The seller's country, which decides the VAT treatment of each sale.
     *
     * @return the country of the registered address
     */
    public CountryCode country() {
        return CountryCode.of(address.country());
    }

    /**
     * The credit-note series of a year.
     *
     * @param year the year of issue (UTC)
     * @return {@code creditNoteSeriesPrefix}, a dash and the year, such as {@code CN-2026}
     */
    public String creditNoteSeries(int year) {
        return creditNoteSeriesPrefix + "-" + year;
    }

    /**
     * The invoice series of a year.
     *
     * @param year the year of issue (UTC)
     * @return {@code invoiceSeriesPrefix}, a dash and the year, such as {@code INV-2026}
     */
    public String invoiceSeries(int year) {
        return invoiceSeriesPrefix + "-" + year;
    }

    Party asParty() {
        return new Party(name, null, vatNumber, address);
    }
}
