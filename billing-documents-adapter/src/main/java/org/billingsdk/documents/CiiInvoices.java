package org.billingsdk.documents;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.money.MonetaryAmount;
import org.billingsdk.core.company.Address;
import org.billingsdk.core.credit.CreditNote;
import org.billingsdk.core.credit.CreditNoteLine;
import org.billingsdk.core.invoice.Invoice;
import org.billingsdk.core.invoice.InvoiceLine;
import org.billingsdk.core.invoice.Party;
import org.billingsdk.core.tax.TaxLine;
import org.billingsdk.core.tax.VatBreakdown;
import org.billingsdk.core.tax.VatTreatment;
import un.unece.uncefact.data.standard.crossindustryinvoice._100.CrossIndustryInvoiceType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.CountryIDType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.CurrencyCodeType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.DocumentCodeType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.FormattedDateTimeType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.PaymentMeansCodeType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.TaxCategoryCodeType;
import un.unece.uncefact.data.standard.qualifieddatatype._100.TaxTypeCodeType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.DocumentContextParameterType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.DocumentLineDocumentType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.ExchangedDocumentContextType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.ExchangedDocumentType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeAgreementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeDeliveryType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.HeaderTradeSettlementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.LineTradeAgreementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.LineTradeDeliveryType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.LineTradeSettlementType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.NoteType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.ReferencedDocumentType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.SpecifiedPeriodType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.SupplyChainTradeLineItemType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.SupplyChainTradeTransactionType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TaxRegistrationType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeAddressType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeContactType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePartyType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePaymentTermsType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradePriceType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeProductType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeSettlementHeaderMonetarySummationType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeSettlementLineMonetarySummationType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeSettlementPaymentMeansType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.TradeTaxType;
import un.unece.uncefact.data.standard.reusableaggregatebusinessinformationentity._100.UniversalCommunicationType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.AmountType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.CodeType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.DateTimeType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.IDType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.PercentType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.QuantityType;
import un.unece.uncefact.data.standard.unqualifieddatatype._100.TextType;

/**
 * Translates an issued invoice or credit note into an EN 16931 Cross Industry Invoice (UN/CEFACT
 * CII D16B), with the SDK's own figures: each line's net amount and each VAT rate's amount as the
 * invoice holds them (VAT rounded once per line), never computed again. Stateless.
 */
final class CiiInvoices {

    /** The specification identifier (BT-24) of EN 16931 itself. */
    static final String EN16931 = "urn:cen.eu:en16931:2017";
    /** The specification identifier (BT-24) of XRechnung 3.0, a CIUS of EN 16931. */
    static final String XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";

    /** The business process (BT-23) of a bill: Peppol BIS Billing 3.0's. */
    static final String BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    /** Unit code (UN/ECE Recommendation 20) for one item: a seat, a subscription. */
    private static final String ONE = "C62";
    /** Payment means (UNCL 4461): not defined here, the payment method is the customer's at the provider. */
    private static final String MEANS_NOT_DEFINED = "1";

    private CiiInvoices() {
    }

    /**
     * The invoice as CII; {@code specification} is BT-24 ({@link #EN16931} or {@link #XRECHNUNG});
     * {@code contact} the seller's (BG-6), or {@code null} for none.
     */
    static CrossIndustryInvoiceType of(Invoice invoice, String specification, SellerContact contact) {
        CrossIndustryInvoiceType cii = new CrossIndustryInvoiceType();
        cii.setExchangedDocumentContext(context(specification));
        cii.setExchangedDocument(document(invoice.number().toString(), "380", invoice.issuedAt(),
                notes(invoice.vatBreakdown())));
        SupplyChainTradeTransactionType transaction = new SupplyChainTradeTransactionType();
        int number = 1;
        for (InvoiceLine line : invoice.lines()) {
            String name = line.companyId() != null && !line.companyId().equals(invoice.companyId())
                    ? line.description() + " (for " + line.companyName() + ")" : line.description();
            transaction.getIncludedSupplyChainTradeLineItem().add(item(number++, name, line.quantity(),
                    line.unitPrice(), line.amount(), line.tax(), line.periodStart(), line.periodEnd()));
        }
        transaction.setApplicableHeaderTradeAgreement(agreement(invoice.seller(), invoice.buyer(),
                invoice.number().toString(), contact));
        transaction.setApplicableHeaderTradeDelivery(new HeaderTradeDeliveryType());
        HeaderTradeSettlementType settlement = settlement(invoice.total(), invoice.vatBreakdown());
        TradePaymentTermsType terms = new TradePaymentTermsType();
        terms.setDueDateDateTime(dateTime(invoice.dueAt()));
        settlement.getSpecifiedTradePaymentTerms().add(terms);
        // Paid amount (BT-113): whatever settled the total already (the credit balance, payments,
        // credit notes on the amount due), so that the amount due (BT-115) is the invoice's.
        settlement.setSpecifiedTradeSettlementHeaderMonetarySummation(summation(invoice.subtotal(),
                invoice.taxTotal(), invoice.total(), invoice.total().subtract(invoice.amountDue()),
                invoice.amountDue()));
        transaction.setApplicableHeaderTradeSettlement(settlement);
        cii.setSupplyChainTradeTransaction(transaction);
        return cii;
    }

    /** The credit note as CII (type 381), referring to the invoice it corrects (BT-25, BT-26). */
    static CrossIndustryInvoiceType of(CreditNote note, Invoice invoice, String specification,
            SellerContact contact) {
        CrossIndustryInvoiceType cii = new CrossIndustryInvoiceType();
        cii.setExchangedDocumentContext(context(specification));
        List<String> notes = new ArrayList<>(notes(note.vatBreakdown()));
        notes.add("Reason: " + note.reason().text() + "; credit " + note.destination().text() + ".");
        if (note.memo() != null) {
            notes.add(note.memo());
        }
        cii.setExchangedDocument(document(note.number().toString(), "381", note.issuedAt(), notes));
        SupplyChainTradeTransactionType transaction = new SupplyChainTradeTransactionType();
        int number = 1;
        for (CreditNoteLine line : note.lines()) {
            InvoiceLine original = invoice.lines().get(line.invoiceLine());
            transaction.getIncludedSupplyChainTradeLineItem().add(item(number++, line.description(), 1,
                    line.amount(), line.amount(), line.tax(), original.periodStart(), original.periodEnd()));
        }
        transaction.setApplicableHeaderTradeAgreement(agreement(note.seller(), note.buyer(),
                note.invoiceNumber().toString(), contact));
        transaction.setApplicableHeaderTradeDelivery(new HeaderTradeDeliveryType());
        HeaderTradeSettlementType settlement = settlement(note.total(), note.vatBreakdown());
        ReferencedDocumentType corrected = new ReferencedDocumentType();
        corrected.setIssuerAssignedID(id(note.invoiceNumber().toString()));
        FormattedDateTimeType issued = new FormattedDateTimeType();
        FormattedDateTimeType.DateTimeString day = new FormattedDateTimeType.DateTimeString();
        day.setValue(DAY.format(invoice.issuedAt()));
        day.setFormat("102");
        issued.setDateTimeString(day);
        corrected.setFormattedIssueDateTime(issued);
        settlement.setInvoiceReferencedDocument(corrected);
        settlement.setSpecifiedTradeSettlementHeaderMonetarySummation(summation(note.subtotal(), note.taxTotal(),
                note.total(), note.total().multiply(0), note.total()));
        transaction.setApplicableHeaderTradeSettlement(settlement);
        cii.setSupplyChainTradeTransaction(transaction);
        return cii;
    }

    private static ExchangedDocumentContextType context(String specification) {
        ExchangedDocumentContextType context = new ExchangedDocumentContextType();
        // Business process (BT-23): billing, as Peppol names it; XRechnung requires it.
        DocumentContextParameterType process = new DocumentContextParameterType();
        process.setID(BILLING);
        context.getBusinessProcessSpecifiedDocumentContextParameter().add(process);
        DocumentContextParameterType guideline = new DocumentContextParameterType();
        guideline.setID(specification);
        context.getGuidelineSpecifiedDocumentContextParameter().add(guideline);
        return context;
    }

    private static ExchangedDocumentType document(String number, String typeCode, Instant issuedAt,
            List<String> notes) {
        ExchangedDocumentType document = new ExchangedDocumentType();
        document.setID(id(number));
        document.setTypeCode(new DocumentCodeType(typeCode));
        document.setIssueDateTime(dateTime(issuedAt));
        for (String text : notes) {
            NoteType note = new NoteType();
            note.getContent().add(new TextType(text));
            document.getIncludedNote().add(note);
        }
        return document;
    }

    /** The distinct VAT notes (the reverse-charge note), as the documents print them. */
    private static List<String> notes(List<VatBreakdown> vat) {
        return vat.stream().map(VatBreakdown::note).filter(note -> !note.isEmpty()).distinct().toList();
    }

    private static SupplyChainTradeLineItemType item(int number, String name, int quantity, MonetaryAmount unitPrice,
            MonetaryAmount amount, TaxLine tax, Instant from, Instant to) {
        SupplyChainTradeLineItemType item = new SupplyChainTradeLineItemType();
        DocumentLineDocumentType line = new DocumentLineDocumentType();
        line.setLineID(id(String.valueOf(number)));
        item.setAssociatedDocumentLineDocument(line);
        TradeProductType product = new TradeProductType();
        product.getName().add(new TextType(name));
        item.setSpecifiedTradeProduct(product);
        LineTradeAgreementType agreement = new LineTradeAgreementType();
        TradePriceType price = new TradePriceType();
        price.getChargeAmount().add(amount(unitPrice));
        agreement.setNetPriceProductTradePrice(price);
        item.setSpecifiedLineTradeAgreement(agreement);
        LineTradeDeliveryType delivery = new LineTradeDeliveryType();
        QuantityType billed = new QuantityType(BigDecimal.valueOf(quantity));
        billed.setUnitCode(ONE);
        delivery.setBilledQuantity(billed);
        item.setSpecifiedLineTradeDelivery(delivery);
        LineTradeSettlementType settlement = new LineTradeSettlementType();
        TradeTaxType lineTax = new TradeTaxType();
        lineTax.setTypeCode(new TaxTypeCodeType("VAT"));
        lineTax.setCategoryCode(new TaxCategoryCodeType(category(tax.treatment(), tax.ratePercent())));
        lineTax.setRateApplicablePercent(new PercentType(tax.ratePercent()));
        settlement.getApplicableTradeTax().add(lineTax);
        SpecifiedPeriodType period = new SpecifiedPeriodType();
        period.setStartDateTime(dateTime(from));
        // The service ends at the start of the period's last instant's day: its last day is the day before.
        period.setEndDateTime(dateTime(to.minusSeconds(1)));
        settlement.setBillingSpecifiedPeriod(period);
        TradeSettlementLineMonetarySummationType total = new TradeSettlementLineMonetarySummationType();
        total.getLineTotalAmount().add(amount(amount));
        settlement.setSpecifiedTradeSettlementLineMonetarySummation(total);
        item.setSpecifiedLineTradeSettlement(settlement);
        return item;
    }

    private static HeaderTradeAgreementType agreement(Party seller, Party buyer, String buyerReference,
            SellerContact contact) {
        HeaderTradeAgreementType agreement = new HeaderTradeAgreementType();
        // Buyer reference (BT-10): the SDK keeps none of the buyer's; the invoice number stands for it.
        agreement.setBuyerReference(new TextType(buyerReference));
        TradePartyType sellerParty = party(seller);
        if (contact != null) {
            TradeContactType person = new TradeContactType();
            person.setPersonName(contact.name());
            UniversalCommunicationType telephone = new UniversalCommunicationType();
            telephone.setCompleteNumber(new TextType(contact.telephone()));
            person.setTelephoneUniversalCommunication(telephone);
            UniversalCommunicationType email = new UniversalCommunicationType();
            email.setURIID(new IDType(contact.email().value()));
            person.setEmailURIUniversalCommunication(email);
            sellerParty.getDefinedTradeContact().add(person);
        }
        agreement.setSellerTradeParty(sellerParty);
        agreement.setBuyerTradeParty(party(buyer));
        return agreement;
    }

    private static TradePartyType party(Party party) {
        TradePartyType trade = new TradePartyType();
        trade.setName(new TextType(party.name()));
        Address address = party.address();
        TradeAddressType postal = new TradeAddressType();
        if (address != null) {
            if (address.postalCode() != null) {
                postal.setPostcodeCode(new CodeType(address.postalCode()));
            }
            postal.setLineOne(new TextType(address.line1()));
            if (address.line2() != null) {
                postal.setLineTwo(new TextType(address.line2()));
            }
            postal.setCityName(new TextType(address.city()));
            postal.setCountryID(new CountryIDType(address.country()));
            if (address.region() != null) {
                postal.getCountrySubDivisionName().add(new TextType(address.region()));
            }
        }
        trade.setPostalTradeAddress(postal);
        if (party.email() != null) {
            UniversalCommunicationType email = new UniversalCommunicationType();
            IDType uri = new IDType(party.email().value());
            uri.setSchemeID("EM");
            email.setURIID(uri);
            trade.getURIUniversalCommunication().add(email);
        }
        if (party.vatNumber() != null) {
            TaxRegistrationType vat = new TaxRegistrationType();
            IDType number = new IDType(party.vatNumber().value());
            number.setSchemeID("VA");
            vat.setID(number);
            trade.getSpecifiedTaxRegistration().add(vat);
        }
        return trade;
    }

    private static HeaderTradeSettlementType settlement(MonetaryAmount total, List<VatBreakdown> vat) {
        HeaderTradeSettlementType settlement = new HeaderTradeSettlementType();
        settlement.setInvoiceCurrencyCode(new CurrencyCodeType(total.getCurrency().getCurrencyCode()));
        TradeSettlementPaymentMeansType means = new TradeSettlementPaymentMeansType();
        means.setTypeCode(new PaymentMeansCodeType(MEANS_NOT_DEFINED));
        settlement.getSpecifiedTradeSettlementPaymentMeans().add(means);
        for (VatBreakdown rate : vat) {
            TradeTaxType tax = new TradeTaxType();
            tax.getCalculatedAmount().add(amount(rate.taxAmount()));
            tax.setTypeCode(new TaxTypeCodeType("VAT"));
            String category = category(rate.treatment(), rate.ratePercent());
            if (!category.equals("S")) {
                tax.setExemptionReason(new TextType(exemption(rate)));
            }
            tax.getBasisAmount().add(amount(rate.taxableAmount()));
            tax.setCategoryCode(new TaxCategoryCodeType(category));
            tax.setRateApplicablePercent(new PercentType(rate.ratePercent()));
            settlement.getApplicableTradeTax().add(tax);
        }
        return settlement;
    }

    private static TradeSettlementHeaderMonetarySummationType summation(MonetaryAmount net, MonetaryAmount vat,
            MonetaryAmount total, MonetaryAmount paid, MonetaryAmount due) {
        TradeSettlementHeaderMonetarySummationType summation = new TradeSettlementHeaderMonetarySummationType();
        summation.getLineTotalAmount().add(amount(net));
        summation.getTaxBasisTotalAmount().add(amount(net));
        AmountType tax = amount(vat);
        tax.setCurrencyID(vat.getCurrency().getCurrencyCode());
        summation.getTaxTotalAmount().add(tax);
        summation.getGrandTotalAmount().add(amount(total));
        if (!paid.isZero()) {
            summation.getTotalPrepaidAmount().add(amount(paid));
        }
        summation.getDuePayableAmount().add(amount(due));
        return summation;
    }

    /**
     * The VAT category (UNCL 5305) of a treatment: standard rate ({@code S}), zero rate ({@code Z}),
     * reverse charge ({@code AE}) or export outside the EU ({@code G}).
     */
    static String category(VatTreatment treatment, BigDecimal ratePercent) {
        return switch (treatment) {
            case REVERSE_CHARGE -> "AE";
            case OUTSIDE_EU -> "G";
            case DOMESTIC, DESTINATION_RATE -> ratePercent.signum() == 0 ? "Z" : "S";
        };
    }

    private static String exemption(VatBreakdown rate) {
        return switch (rate.treatment()) {
            case REVERSE_CHARGE -> rate.note().isEmpty() ? "Reverse charge" : rate.note();
            case OUTSIDE_EU -> rate.note().isEmpty() ? "Export outside the EU" : rate.note();
            default -> rate.note().isEmpty() ? "Zero rated" : rate.note();
        };
    }

    private static AmountType amount(MonetaryAmount amount) {
        int digits = amount.getCurrency().getDefaultFractionDigits();
        BigDecimal value = amount.getNumber().numberValueExact(BigDecimal.class);
        // The SDK's amounts are rounded to the currency's digits already; the scale only shows them.
        return new AmountType(value.scale() > digits ? value.setScale(digits, RoundingMode.UNNECESSARY)
                : value.setScale(Math.max(digits, 0), RoundingMode.UNNECESSARY));
    }

    private static IDType id(String value) {
        return new IDType(value);
    }

    private static DateTimeType dateTime(Instant instant) {
        DateTimeType dateTime = new DateTimeType();
        DateTimeType.DateTimeString text = new DateTimeType.DateTimeString();
        text.setValue(DAY.format(instant));
        text.setFormat("102");
        dateTime.setDateTimeString(text);
        return dateTime;
    }
}
