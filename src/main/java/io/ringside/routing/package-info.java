/**
 * Who gets a call: the owner of the calling client when they can take it, otherwise the
 * head of sales, with the reason as a value that is recorded and shown.
 */
@NullMarked
package io.ringside.routing;

import org.jspecify.annotations.NullMarked;
