/**
 * Storage on PostgreSQL and H2 over a {@code DataSource} the host provides. This module is being
 * built: until it lands, use {@code org.billingsdk.core.memory.InMemoryStorage}.
 */
package org.billingsdk.jdbc;
