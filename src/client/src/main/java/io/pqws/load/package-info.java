/**
 * Load and soak tools: many authenticated wss sessions from one JVM ({@link io.pqws.load.LoadClient}), chat traffic
 * with per-sender sequence numbers checked by every receiver ({@link io.pqws.load.DeliveryLedger}), the soak run
 * behind {@code pqws-client soak} and the soak integration test, and the server's heap after a full GC
 * ({@link io.pqws.load.ServerHeap}). Client-side only: never part of the WAR.
 */
package io.pqws.load;
