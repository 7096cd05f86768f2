package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.invoice.InvoiceVatTest;
import org.billingsdk.core.port.Storage;

/** {@link InvoiceVatTest} (VAT on issued invoices) on the JDBC storage on H2. */
public class H2InvoiceVatTest extends InvoiceVatTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
