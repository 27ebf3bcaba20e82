package io.pqws.client;

import java.util.Locale;

/**
 * A report for people: a heading line, then one {@code label value} line each, the values aligned in one column.
 *
 * <p>Why a class: {@code connect} and {@code probe} print their reports this way, each with its own label width;
 * the layout is written once here.
 */
final class AlignedText {

    private final StringBuilder text = new StringBuilder();
    private final String lineFormat;

    /** A report under {@code heading} whose labels are padded to {@code labelWidth} characters. */
    AlignedText(String heading, int labelWidth) {
        text.append(heading).append('\n');
        lineFormat = "  %-" + labelWidth + "s %s";
    }

    AlignedText line(String label, String value) {
        text.append(String.format(Locale.ROOT, lineFormat, label, value)).append('\n');
        return this;
    }

    /** The heading and the lines, without a line break after the last. */
    @Override
    public String toString() {
        return text.substring(0, text.length() - 1);
    }
}
