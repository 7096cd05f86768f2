/**
 * {@link org.billingsdk.core.memory.InMemoryStorage}: a thread-safe storage in memory for tests,
 * examples and quick starts.
 */
package org.billingsdk.core.memory;
