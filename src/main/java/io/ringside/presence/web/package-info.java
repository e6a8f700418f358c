/** The REST API of presence: an employee reads and sets their own availability. */
@NullMarked
package io.ringside.presence.web;

import org.jspecify.annotations.NullMarked;
