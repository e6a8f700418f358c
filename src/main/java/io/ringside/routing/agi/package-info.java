/**
 * The FastAGI server that answers Asterisk's routing requests, and what guards it against
 * peers it must not serve.
 */
@NullMarked
package io.ringside.routing.agi;

import org.jspecify.annotations.NullMarked;
