package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.company.ConsolidatedInvoicesTest;
import org.billingsdk.core.port.Storage;

/** {@link ConsolidatedInvoicesTest} (one consolidated invoice per payer and billing day) on the JDBC storage on H2. */
public class H2ConsolidatedInvoicesTest extends ConsolidatedInvoicesTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
