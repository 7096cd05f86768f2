package org.billingsdk.stripe;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures, while open, what logging writes: every java.util.logging record (stripe-java's, and
 * the adapter's where slf4j is routed to java.util.logging, as in this module's tests) at every
 * level of the SDK's and stripe-java's loggers, as text (message, parameters and the whole chain
 * of any exception); and everything written to {@code System.err}, where slf4j-simple writes its
 * lines and stack traces (as in the examples module). Thread-safe.
 *
 * <p>Published in this module's test jar for suites that look for secrets in the logs of the
 * assembled SDK.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"org.billingsdk", "com.stripe", ""};

    private final List<String> records = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Level> previous = new ArrayList<>();
    private final PrintStream originalErr = System.err;
    private final PrintStream teeErr;
    private final boolean passThrough;
    private boolean open = true;

    private LogCapture(boolean passThrough) {
        this.passThrough = passThrough;
        this.teeErr = new PrintStream(new Tee(), true, StandardCharsets.UTF_8);
    }

    /** Starts capturing; what is written to {@code System.err} still reaches it. */
    public static LogCapture start() {
        return start(true);
    }

    /**
     * Starts capturing and keeps what is written to {@code System.err} while open from reaching
     * it: for a long suite whose expected warnings would drown the build's output. The lines are
     * captured all the same.
     */
    public static LogCapture startQuietly() {
        return start(false);
    }

    private static LogCapture start(boolean passThrough) {
        LogCapture capture = new LogCapture(passThrough);
        capture.setLevel(Level.ALL);
        // The root logger's console handler takes System.err when it is made: make it now, before
        // System.err is replaced, so that its records are not captured twice.
        Logger.getLogger("").getHandlers();
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            capture.previous.add(logger.getLevel());
            if (!name.isEmpty()) {
                logger.setLevel(Level.ALL);
            }
            if (name.isEmpty()) {
                logger.addHandler(capture);
            }
        }
        System.setErr(capture.teeErr);
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!open) {
            return;
        }
        StringBuilder text = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": "
                + record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(" | ").append(parameter);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            text.append(" | ").append(t);
        }
        records.add(text.toString());
    }

    /** The captured lines: the java.util.logging records, then the lines written to {@code System.err}. */
    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>(records);
        String written = err.toString(StandardCharsets.UTF_8);
        if (!written.isEmpty()) {
            lines.addAll(List.of(written.split("\\R")));
        }
        return lines;
    }

    /** Everything captured, one line after another. */
    public synchronized String all() {
        return String.join("\n", lines());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        synchronized (this) {
            open = false;
        }
        if (System.err == teeErr) {
            System.setErr(originalErr);
        }
        Logger.getLogger("").removeHandler(this);
        for (int i = 0; i < LOGGERS.length; i++) {
            if (!LOGGERS[i].isEmpty()) {
                Logger.getLogger(LOGGERS[i]).setLevel(previous.get(i));
            }
        }
    }

    /** Keeps what is written while the capture is open; passes it on when asked to, and after. */
    private final class Tee extends OutputStream {

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            boolean kept;
            synchronized (LogCapture.this) {
                kept = open;
                if (kept) {
                    err.write(bytes, offset, length);
                }
            }
            if (!kept || passThrough) {
                originalErr.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            originalErr.flush();
        }
    }
}
