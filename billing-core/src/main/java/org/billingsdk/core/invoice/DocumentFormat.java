package org.billingsdk.core.invoice;

/**
 * The formats an invoice or credit note can be downloaded in, each rendered by the
 * {@link org.billingsdk.core.port.InvoiceRenderer} the host registered for it
 * ({@code Billing.Builder.renderer(DocumentFormat, InvoiceRenderer)}). {@link #HTML} is registered
 * by default; the others come from an adapter such as {@code billing-documents-adapter}.
 */
public enum DocumentFormat {

    /** A self-contained HTML page, for the browser ({@code text/html}). */
    HTML,

    /** A PDF for people to read and print ({@code application/pdf}). */
    PDF,

    /**
     * A Factur-X / ZUGFeRD invoice: a PDF/A-3 for people with its EN 16931 CII XML embedded for
     * machines ({@code application/pdf}).
     */
    FACTUR_X,

    /** An EN 16931 e-invoice in UN/CEFACT Cross Industry Invoice XML ({@code application/xml}). */
    CII,

    /** An EN 16931 e-invoice in OASIS UBL 2.1 XML ({@code application/xml}). */
    UBL,

    /**
     * An EN 16931 e-invoice in UBL 2.1 with the German XRechnung customization, which German
     * public buyers require ({@code application/xml}).
     */
    XRECHNUNG
}
