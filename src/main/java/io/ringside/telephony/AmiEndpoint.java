package io.ringside.telephony;

/**
 * Where the Asterisk Manager Interface is. Without a bean of this type Ringside uses
 * {@code ringside.pbx.ami.*}; the PBX simulator provides one pointing at itself.
 */
public record AmiEndpoint(String host, int port, String username, String password) {
}
