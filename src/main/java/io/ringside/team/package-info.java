/** The team: employees, their roles, and who may change whom. */
package io.ringside.team;
