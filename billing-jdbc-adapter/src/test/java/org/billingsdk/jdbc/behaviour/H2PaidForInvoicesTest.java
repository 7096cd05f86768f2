package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.company.PaidForInvoicesTest;
import org.billingsdk.core.port.Storage;

/** {@link PaidForInvoicesTest} (periods invoiced to the company's payer) on the JDBC storage on H2. */
public class H2PaidForInvoicesTest extends PaidForInvoicesTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
