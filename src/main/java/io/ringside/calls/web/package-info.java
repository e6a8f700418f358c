/** Callbacks owed for missed calls and click-to-call over REST. */
@NullMarked
package io.ringside.calls.web;

import org.jspecify.annotations.NullMarked;
