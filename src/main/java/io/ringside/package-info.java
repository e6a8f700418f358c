/** Ringside, a reactive CRM: the application's entry point and the clock it runs on. */
@NullMarked
package io.ringside;

import org.jspecify.annotations.NullMarked;
