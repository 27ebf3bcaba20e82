package io.pqws.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark case of the report: its measurements, the ratios between them, and what the reader must know to
 * trust them (setup, noise, what was not measured and why).
 */
public final class Section {

    private final String id;
    private final String title;
    private final List<Series> series = new ArrayList<>();
    private final List<Ratio> ratios = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Section(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** A short identifier, used for file names and JSON keys ({@code handshake}, {@code echo}, ...). */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Series series(String name, String unit) {
        Series created = new Series(name, unit);
        series.add(created);
        return created;
    }

    public List<Series> series() {
        return List.copyOf(series);
    }

    public void ratio(Ratio ratio) {
        ratios.add(ratio);
    }

    public List<Ratio> ratios() {
        return List.copyOf(ratios);
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
