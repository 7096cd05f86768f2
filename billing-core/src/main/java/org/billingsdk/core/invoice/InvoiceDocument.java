package org.billingsdk.core.invoice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rendered invoice, ready to download; immutable.
 *
 * @param fileName a file name such as {@code INV-2026-000042.html}
 * @param contentType its media type, such as {@code text/html; charset=UTF-8}
 * @param content the document's bytes
 */
public record InvoiceDocument(String fileName, String contentType, byte[] content) {

    /**
     * Checks that every component is given and copies the content.
     *
     * @param fileName not {@code null}
     * @param contentType not {@code null}
     * @param content not {@code null}; copied, so later changes to the array do not show
     * @throws NullPointerException if a component is {@code null}
     */
    public InvoiceDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        content = content.clone();
    }

    /**
     * The document's bytes.
     *
     * @return a copy of them, which the caller may change
     */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * The content as UTF-8 text, for text formats.
     *
     * @return the content decoded as UTF-8; malformed bytes become replacement characters
     */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InvoiceDocument document && fileName.equals(document.fileName)
                && contentType.equals(document.contentType) && Arrays.equals(content, document.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "InvoiceDocument[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
    }
}
