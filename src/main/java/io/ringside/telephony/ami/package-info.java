/**
 * The Asterisk side of telephony: Asterisk-Java's typed manager events mapped back to
 * plain AMI events.
 */
@NullMarked
package io.ringside.telephony.ami;

import org.jspecify.annotations.NullMarked;
