package org.billingsdk.core.history;

import java.nio.charset.StandardCharsets;
import org.billingsdk.core.contract.InvoiceRendererContract;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.billingsdk.core.port.InvoiceRenderer;

/** The HTML renderer against the renderer contract: its text is the page with its tags removed and entities read. */
class HtmlInvoiceRendererContractTest extends InvoiceRendererContract {

    @Override
    protected InvoiceRenderer renderer() {
        return new HtmlInvoiceRenderer();
    }

    @Override
    protected String textOf(InvoiceDocument document) {
        String html = new String(document.content(), StandardCharsets.UTF_8);
        return html.replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
