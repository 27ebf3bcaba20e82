package io.pqws.cluster;

/** One instance's following of one log; closing it stops the deliveries. */
public interface Following extends AutoCloseable {

    @Override
    void close();
}
