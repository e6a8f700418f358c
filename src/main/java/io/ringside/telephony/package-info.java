/**
 * The call model: AMI events in, past-tense call and device events out, by a pure reducer keyed by Linkedid.
 */
package io.ringside.telephony;
