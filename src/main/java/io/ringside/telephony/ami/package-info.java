/**
 * The Asterisk side of telephony: Asterisk-Java's typed manager events mapped back to plain AMI events.
 */
package io.ringside.telephony.ami;
