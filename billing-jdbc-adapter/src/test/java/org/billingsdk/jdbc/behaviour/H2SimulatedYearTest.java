package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.invoice.SimulatedYearTest;
import org.billingsdk.core.port.Storage;

/** {@link SimulatedYearTest} (a simulated year of billing) on the JDBC storage on H2. */
public class H2SimulatedYearTest extends SimulatedYearTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
