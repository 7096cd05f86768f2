package org.billingsdk.core.internal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.billingsdk.core.InvalidInputException;
import org.billingsdk.core.Violation;
import org.billingsdk.core.invoice.DocumentFormat;
import org.billingsdk.core.port.InvoiceRenderer;

/** The renderer of documents asked for without a format, and the renderer of each format registered. */
public final class Renderers {

    private final InvoiceRenderer unspecified;
    private final Map<DocumentFormat, InvoiceRenderer> byFormat;

    /**
     * @param unspecified renders documents asked for without a format
     * @param byFormat the renderer of each format registered; copied
     */
    public Renderers(InvoiceRenderer unspecified, Map<DocumentFormat, InvoiceRenderer> byFormat) {
        this.unspecified = Objects.requireNonNull(unspecified);
        this.byFormat = new EnumMap<>(byFormat);
    }

    /** {@return the formats with a renderer, in the enum's order, unmodifiable} */
    public Set<DocumentFormat> formats() {
        return Collections.unmodifiableSet(EnumSet.copyOf(byFormat.keySet()));
    }

    /** The renderer of documents asked for without a format. */
    InvoiceRenderer unspecified() {
        return unspecified;
    }

    /**
     * The renderer of {@code format}.
     *
     * @throws NullPointerException if {@code format} is null
     * @throws InvalidInputException naming {@code format} if no renderer is registered for it
     */
    InvoiceRenderer of(DocumentFormat format) {
        Objects.requireNonNull(format, "format");
        InvoiceRenderer renderer = byFormat.get(format);
        if (renderer == null) {
            throw new InvalidInputException(List.of(new Violation("format", "no renderer is registered for "
                    + format + "; registered: " + byFormat.keySet())));
        }
        return renderer;
    }
}
