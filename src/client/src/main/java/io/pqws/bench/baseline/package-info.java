/**
 * What a Jakarta developer writes without pqws, for the benchmark's fan-out case to measure pqws against in the same
 * run, on the same container: {@link io.pqws.bench.baseline.NaiveRoomEndpoint} (the loop the platform invites) and
 * {@link io.pqws.bench.baseline.RawRoomEndpoint} (the WebSocket implementation's own limit). The benchmark packs these
 * classes into a WAR of their own ({@code io.pqws.bench.BaselineWar}); they are never part of {@code pqws.war}.
 */
package io.pqws.bench.baseline;
