package org.billingsdk.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures every log record of the adapter (slf4j, routed to java.util.logging in the tests) and
 * of stripe-java (java.util.logging) while open, as text: message, parameters and the whole
 * chain of any exception.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private static final String[] LOGGERS = {"org.billingsdk", "com.stripe", ""};

    private final List<String> lines = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
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
        return capture;
    }

    @Override
    public synchronized void publish(LogRecord record) {
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
        lines.add(text.toString());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        for (int i = 0; i < LOGGERS.length; i++) {
            if (!LOGGERS[i].isEmpty()) {
                Logger.getLogger(LOGGERS[i]).setLevel(previous.get(i));
            }
        }
    }
}
