package org.billingsdk.core.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.billingsdk.core.port.InvoiceNumbering;

final class InMemoryInvoiceNumbering implements InvoiceNumbering {

    private final InMemoryStorage storage;
    private final Map<String, Long> lastBySeries = new ConcurrentHashMap<>();

    InMemoryInvoiceNumbering(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public long next(String series) {
        return storage.write(() -> lastBySeries.merge(series, 1L, Long::sum),
                taken -> lastBySeries.put(series, taken - 1));
    }
}
