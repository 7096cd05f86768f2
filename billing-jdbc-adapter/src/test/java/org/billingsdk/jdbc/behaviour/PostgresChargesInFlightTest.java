package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.payment.ChargesInFlightTest;
import org.billingsdk.core.port.Storage;

/**
 * {@link ChargesInFlightTest} (charges in flight, their pace, a charge past its time-out, an
 * interrupt while charging) on the JDBC storage on PostgreSQL.
 */
public class PostgresChargesInFlightTest extends ChargesInFlightTest {

    @Override
    protected Storage newStorage() {
        return Storages.postgres();
    }
}
