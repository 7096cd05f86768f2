/**
 * billing-core's behaviour tests (written against the in-memory storage) run unchanged on the JDBC
 * storage, on PostgreSQL and on H2: each class here extends one of them and only answers its
 * {@code newStorage()} with a {@link org.billingsdk.jdbc.JdbcStorage} on an emptied test database.
 */
package org.billingsdk.jdbc.behaviour;
