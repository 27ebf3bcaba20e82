package io.pqws.jsse;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;

/** Registers one of this jar's MXBeans with the platform MBean server, or says in one warning why it could not. */
final class PlatformMBean {

    private static final Logger LOG = Logger.getLogger(PlatformMBean.class.getName());

    private PlatformMBean() {
    }

    /** @param what what goes unreported without the bean, for the warning */
    static void register(Object bean, String objectName, String what) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, new ObjectName(objectName));
        } catch (InstanceAlreadyExistsException e) {
            LOG.warning(objectName + " is already registered (a second copy of pqws-jsse.jar?); " + what
                    + " of this copy are not published");
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot publish " + objectName + "; " + what + " will not be reported", e);
        }
    }
}
