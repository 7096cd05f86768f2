package org.billingsdk.core.testing;

import org.billingsdk.core.memory.InMemoryStorage;
import org.billingsdk.core.port.Storage;
import org.junit.jupiter.api.BeforeEach;

/**
 * A behaviour test through {@code Billing} that runs on every storage: in memory here, and again on
 * PostgreSQL and H2 where the JDBC adapter's suite extends it and overrides {@link #newStorage()}.
 * Each test gets a fresh {@link #fixture} on a new, empty storage, before the subclass's own
 * {@code @BeforeEach}.
 */
public abstract class OnEveryStorage {

    /** The fixture of the running test, on a new, empty storage. */
    protected BillingFixture fixture;

    /**
     * A new, empty storage for each fixture this test builds: in memory here.
     *
     * @return the storage
     */
    protected Storage newStorage() {
        return InMemoryStorage.create();
    }

    @BeforeEach
    final void buildFixtureOnANewStorage() {
        fixture = BillingFixture.on(newStorage());
    }
}
