package org.billingsdk.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billingsdk.core.invoice.InvoiceDocument;

/** The text of a PDF as PDFBox's text extractor reads it, in reading order. */
final class PdfText {

    private PdfText() {
    }

    static String of(InvoiceDocument document) {
        try (PDDocument pdf = Loader.loadPDF(document.content())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int pages(InvoiceDocument document) {
        try (PDDocument pdf = Loader.loadPDF(document.content())) {
            return pdf.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
