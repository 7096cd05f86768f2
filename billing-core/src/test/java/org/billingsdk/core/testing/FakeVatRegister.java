package org.billingsdk.core.testing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.billingsdk.core.company.VatCheck;
import org.billingsdk.core.company.VatNumber;
import org.billingsdk.core.port.VatNumberVerifier;

/**
 * A VAT register for tests: each number answers as it was told (valid with a name and an
 * address, invalid, or unavailable with an error code), unknown numbers are invalid, and the
 * register can be made to throw. Consultation numbers count up; every question is recorded.
 * Thread-safe.
 */
public final class FakeVatRegister implements VatNumberVerifier {

    /** How the register answers about a number. */
    public enum Answer { VALID, INVALID, UNAVAILABLE, THROWS }

    private volatile Clock clock = Clock.systemUTC();
    private final Map<VatNumber, Answer> answers = new ConcurrentHashMap<>();
    private final List<VatNumber> asked = new CopyOnWriteArrayList<>();
    private final List<VatNumber> requesters = new CopyOnWriteArrayList<>();
    private final AtomicInteger consultations = new AtomicInteger();

    /** Answers dated by {@code clock} from now on (the system's clock until told). */
    public FakeVatRegister clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** From now on, {@code number} answers {@code answer}. */
    public FakeVatRegister answers(String number, Answer answer) {
        answers.put(VatNumber.of(number), answer);
        return this;
    }

    /** The numbers asked about, in order. */
    public List<VatNumber> asked() {
        return List.copyOf(asked);
    }

    /** The requesters sent with the questions, in order. */
    public List<VatNumber> requesters() {
        return List.copyOf(requesters);
    }

    @Override
    public VatCheck check(VatNumber number, VatNumber requester) {
        asked.add(number);
        requesters.add(requester);
        return switch (answers.getOrDefault(number, Answer.INVALID)) {
            case VALID -> VatCheck.valid(number, clock.instant(), "WAPI" + consultations.incrementAndGet(),
                    "Registered " + number, "Street 1, City");
            case INVALID -> VatCheck.invalid(number, clock.instant(), "WAPI" + consultations.incrementAndGet());
            case UNAVAILABLE -> VatCheck.unavailable(number, clock.instant(), "MS_UNAVAILABLE");
            case THROWS -> throw new IllegalStateException("register broken");
        };
    }
}
