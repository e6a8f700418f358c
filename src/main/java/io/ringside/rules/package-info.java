/**
 * The rules of work per client tier: callback deadline, script, priority, routing chain.
 */
@NullMarked
package io.ringside.rules;

import org.jspecify.annotations.NullMarked;
