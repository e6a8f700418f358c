/**
 * Call recordings over REST: the audio of a call, with HTTP ranges, and a client's list.
 */
@NullMarked
package io.ringside.recordings.web;

import org.jspecify.annotations.NullMarked;
