/**
 * Storage on PostgreSQL and H2 in plain JDBC over a {@code DataSource} the host provides:
 * {@link org.billingsdk.jdbc.JdbcStorage}. The schema ships as Flyway migrations under
 * {@code db/migration/billing}.
 */
package org.billingsdk.jdbc;
