package org.billingsdk.documents;

import org.billingsdk.core.contract.InvoiceRendererContract;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.port.InvoiceRenderer;

/** The PDF renderer against the renderer contract, its text read back with PDFBox's text extractor. */
class PdfInvoiceRendererContractTest extends InvoiceRendererContract {

    @Override
    protected InvoiceRenderer renderer() {
        return PdfInvoiceRenderer.with(TestFonts.complete());
    }

    @Override
    protected String textOf(InvoiceDocument document) {
        return PdfText.of(document);
    }
}
