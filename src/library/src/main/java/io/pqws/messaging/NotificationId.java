package io.pqws.messaging;

/**
 * A notification id, {@code <run>-<seq>}: the server run (its start time in base 36) and a sequence number that
 * increases across all notifications of the run.
 *
 * <p>Why the run: sequence numbers start again after a restart, so a client's last seen id from an earlier run must
 * not be mistaken for one of this run; with the run in the id the server recognises it and says so.
 */
record NotificationId(String run, long seq) {

    static NotificationId parse(String text) {
        int dash = text == null ? -1 : text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1 || text.length() > 40) {
            throw new IllegalArgumentException("is not a notification id (run-sequence)");
        }
        String run = text.substring(0, dash);
        if (!run.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            throw new IllegalArgumentException("is not a notification id (run-sequence)");
        }
        try {
            long seq = Long.parseLong(text.substring(dash + 1));
            if (seq < 0) {
                throw new IllegalArgumentException("is not a notification id (run-sequence)");
            }
            return new NotificationId(run, seq);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a notification id (run-sequence)");
        }
    }

    @Override
    public String toString() {
        return run + "-" + seq;
    }
}
