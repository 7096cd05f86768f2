package org.billingsdk.jdbc.behaviour;

import org.billingsdk.core.payment.PaymentMethodsTest;
import org.billingsdk.core.port.Storage;

/** {@link PaymentMethodsTest} (payment methods) on the JDBC storage on H2. */
public class H2PaymentMethodsTest extends PaymentMethodsTest {

    @Override
    protected Storage newStorage() {
        return Storages.h2();
    }
}
