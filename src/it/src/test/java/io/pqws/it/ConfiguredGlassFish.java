package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fresh GlassFish 7 domain configured by {@code configure-pq.sh} for the leg's profile, with the built WAR deployed,
 * and its way back: {@code restore.sh}, then a comparison with the domain as it was before
 * ({@link GlassFishDomainState}). Every GlassFish leg starts and ends its domain this way.
 */
final class ConfiguredGlassFish {

    private final AsadminDomain domain;
    private final GlassFishDomainState unconfigured;

    private ConfiguredGlassFish(AsadminDomain domain, GlassFishDomainState unconfigured) {
        this.domain = domain;
        this.unconfigured = unconfigured;
    }

    /**
     * Creates the domain, lets it deploy and undeploy the WAR once unconfigured (see {@link GlassFishDomainState#of}),
     * records that state, configures the domain for {@code profile} and deploys the WAR. A domain that fails on the way
     * is stopped and deleted again.
     */
    static ConfiguredGlassFish start(String profile) throws Exception {
        assertEquals(profile, PqwsServer.profile(), "the failsafe execution's profile");
        AsadminDomain domain = AsadminDomain.glassFish();
        try {
            domain.deployBuiltWar();
            domain.undeploy();
            GlassFishDomainState unconfigured = GlassFishDomainState.of(domain);
            domain.configure();
            assertTrue(GlassFishDomainState.of(domain).configuredForPqws(),
                    "control: the comparison sees what configure-pq.sh changed");
            domain.deployBuiltWar();
            return new ConfiguredGlassFish(domain, unconfigured);
        } catch (Exception | AssertionError e) {
            try {
                domain.stopAndDelete();
            } catch (Exception cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    AsadminDomain domain() {
        return domain;
    }

    /** Restores, stops the domain (which may write domain.xml once more), compares what is on disk then, deletes it. */
    void restoreCompareAndDelete() throws Exception {
        try {
            domain.undeployAndRestore();
            domain.stop();
            unconfigured.assertGivenBackIn(domain);
        } finally {
            domain.stopAndDelete();
        }
    }
}
