package org.billingsdk.core.invoice;

import java.util.Objects;
import java.util.UUID;
import org.billingsdk.core.internal.Uuids;

/** Identifies an invoice, drafts included (a draft has no number yet); immutable. */
public record InvoiceId(UUID value) implements Comparable<InvoiceId> {

    public InvoiceId {
        Objects.requireNonNull(value, "invoice id");
    }

    public static InvoiceId random() {
        return new InvoiceId(UUID.randomUUID());
    }

    /** @throws IllegalArgumentException unless {@code value} is a UUID in its text form */
    public static InvoiceId of(String value) {
        return new InvoiceId(UUID.fromString(value));
    }

    /** Ordered as the UUID's text form is (and as PostgreSQL orders {@code uuid}). */
    @Override
    public int compareTo(InvoiceId other) {
        return Uuids.compareAsText(value, other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
