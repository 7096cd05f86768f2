package org.billingsdk.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.billingsdk.core.invoice.InvoiceDocument;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * Mustang's validator (org.mustangproject:validator), which runs the official EN 16931 schematron
 * for CII and UBL, and the XRechnung one for documents that claim XRechnung, offline; on a PDF,
 * veraPDF's PDF/A rules and the schematron on the embedded XML.
 */
final class En16931Validator {

    private static final Pattern ERROR = Pattern.compile("<error[^>]*>(.*?)</error>", Pattern.DOTALL);

    /** What the validator said of a document. */
    record Report(String xml) {
        boolean valid() {
            return xml.contains("<summary status=\"valid\"/>") && !xml.contains("status=\"invalid\"");
        }

        List<String> errors() {
            List<String> errors = new ArrayList<>();
            Matcher matcher = ERROR.matcher(xml);
            while (matcher.find()) {
                errors.add(matcher.group(1).strip());
            }
            return errors;
        }

        /**
         * What veraPDF said of a PDF: its PDF/A flavour and "compliant" or "not compliant", such as
         * "3u compliant"; empty for an XML document.
         */
        String pdfA() {
            Matcher matcher = Pattern.compile("flavour=(\\w+), .*?isCompliant=(\\w+)").matcher(xml);
            return matcher.find() ? matcher.group(1) + ("true".equals(matcher.group(2)) ? " compliant" : " not compliant")
                    : "";
        }

        /** The rules that ran, as the validator counts them. */
        int rulesFired() {
            Matcher matcher = Pattern.compile("<fired>(\\d+)</fired>").matcher(xml);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        }
    }

    private En16931Validator() {
    }

    static synchronized Report validate(InvoiceDocument document) {
        return validate(document.content(), document.fileName());
    }

    static synchronized Report validate(byte[] xml, String name) {
        try {
            Path file = Files.createTempDirectory("en16931").resolve(name.replace('/', '_'));
            Files.write(file, xml);
            return new Report(new ZUGFeRDValidator().validate(file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
