package io.pqws.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * One subjectAltName of a server certificate: a DNS name or an IP address, held in a canonical form.
 *
 * <p>Why canonical: the tool decides whether an existing server certificate still fits by comparing its names with
 * the requested ones, and {@code ::1}, {@code 0:0:0:0:0:0:0:1} and {@code LOCALHOST} must compare equal to what the
 * JDK reads back from a certificate.
 */
record SubjectAltName(Kind kind, String value) {

    /** The two kinds a TLS server certificate needs; the numbers are the GeneralName tags RFC 5280 gives them. */
    enum Kind {
        DNS(GeneralName.dNSName),
        IP(GeneralName.iPAddress);

        private final int tag;

        Kind(int tag) {
            this.tag = tag;
        }
    }

    /** An LDH host name, optionally with a leading wildcard label; at most 253 characters (checked separately). */
    private static final Pattern DNS_NAME =
            Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /** The names every server certificate carries, so that {@code wss://localhost} and both loopbacks verify. */
    static final List<SubjectAltName> LOOPBACK =
            List.of(parse("DNS:localhost"), parse("IP:127.0.0.1"), parse("IP:::1"));

    /**
     * Parses {@code DNS:name}, {@code IP:address}, or a bare value (an IP literal if it is one, else a DNS name).
     *
     * @throws IllegalArgumentException if the value is neither a valid DNS name nor an IP literal
     */
    static SubjectAltName parse(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.startsWith("DNS:")) {
            return dns(text.substring(4));
        }
        if (upper.startsWith("IP:")) {
            return ip(text.substring(3));
        }
        return IPAddress.isValid(text) ? ip(text) : dns(text);
    }

    /** The DNS and IP names of an existing certificate (none if it has no subjectAltName extension). */
    static Set<SubjectAltName> of(X509Certificate certificate) throws CertificateParsingException {
        Set<SubjectAltName> names = new LinkedHashSet<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int tag = (Integer) entry.get(0);
                String value = String.valueOf(entry.get(1));
                if (tag == Kind.DNS.tag) {
                    names.add(dns(value));
                } else if (tag == Kind.IP.tag) {
                    names.add(ip(value));
                }
            }
        }
        return names;
    }

    /** This name as a Bouncy Castle GeneralName; an IP address is encoded as its 4 or 16 address bytes. */
    GeneralName toGeneralName() {
        return kind == Kind.IP
                ? new GeneralName(kind.tag, new DEROctetString(literal(value).getAddress()))
                : new GeneralName(kind.tag, value);
    }

    @Override
    public String toString() {
        return kind + ":" + value;
    }

    private static SubjectAltName dns(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.length() > 253 || !DNS_NAME.matcher(lower).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid DNS name");
        }
        return new SubjectAltName(Kind.DNS, lower);
    }

    private static SubjectAltName ip(String address) {
        if (!IPAddress.isValid(address)) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address");
        }
        return new SubjectAltName(Kind.IP, literal(address).getHostAddress());
    }

    /** An IP literal as an address; {@link IPAddress#isValid} has been checked, so no name lookup can happen. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address", e);
        }
    }
}
