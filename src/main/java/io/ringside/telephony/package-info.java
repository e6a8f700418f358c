/**
 * The PBX side: every call Asterisk handles, followed from its AMI events as a pure state
 * machine keyed by the call's Linkedid ({@link io.ringside.telephony.CallTracker}), and
 * the events it tells the rest of Ringside.
 */
@NullMarked
package io.ringside.telephony;

import org.jspecify.annotations.NullMarked;
