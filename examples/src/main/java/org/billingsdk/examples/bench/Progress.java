package org.billingsdk.examples.bench;

import java.util.function.Consumer;
import org.billingsdk.core.BillingRunReport;

/** Prints a line each time another tenth of the subscriptions has been examined. */
final class Progress implements Consumer<BillingRunReport> {
    private final int total;
    private final long begin = System.nanoTime();
    private int printedTenths;

    Progress(int total) {
        this.total = total;
    }

    @Override
    public void accept(BillingRunReport soFar) {
        int tenths = (int) (10L * soFar.subscriptionsExamined() / Math.max(1, total));
        if (tenths > printedTenths) {
            printedTenths = tenths;
            System.out.printf("  ... %,d of %,d subscriptions, %,d invoiced, %.1f s%n", soFar.subscriptionsExamined(),
                    total, soFar.invoicesIssued(), (System.nanoTime() - begin) / 1e9);
        }
    }
}
