/** The team: employees, their roles, and who may change whom. */
@NullMarked
package io.ringside.team;

import org.jspecify.annotations.NullMarked;
