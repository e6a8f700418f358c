/**
 * The PBX side: every call Asterisk handles, followed from its AMI events as a pure state machine keyed by the
 * call's Linkedid, and the FastAGI entry point where the dialplan asks Ringside for routes.
 */
package io.ringside.telephony;
