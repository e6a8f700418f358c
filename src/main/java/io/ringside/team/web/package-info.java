/** The team's REST API. */
@NullMarked
package io.ringside.team.web;

import org.jspecify.annotations.NullMarked;
