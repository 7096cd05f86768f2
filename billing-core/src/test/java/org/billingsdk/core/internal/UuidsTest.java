package org.billingsdk.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The event ids {@link Uuids#unique()} makes: well-formed random UUIDs, never the same twice, on any thread. */
class UuidsTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 50_000;

    @Test
    void uniqueIdsAreVersionFourUuidsOfTheStandardVariant() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = Uuids.unique();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        }
    }

    @Test
    void idsMadeOnSeveralThreadsAtOnceAreAllDistinct() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<UUID>>> batches = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                batches.add(pool.submit(() -> {
                    List<UUID> ids = new ArrayList<>(PER_THREAD);
                    for (int i = 0; i < PER_THREAD; i++) {
                        ids.add(Uuids.unique());
                    }
                    return ids;
                }));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> batch : batches) {
                all.addAll(batch.get());
            }
            assertThat(all).hasSize(THREADS * PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }
}
