/**
 * Call recordings: the audio the PBX recorded of each answered call (MixMonitor, into the
 * file the call's record names), played from a folder or proxied from a web server, to
 * the client's owner, the head of sales, supervisors and the admin only.
 */
@NullMarked
package io.ringside.recordings;

import org.jspecify.annotations.NullMarked;
