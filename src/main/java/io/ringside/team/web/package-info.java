/** The team's REST API. */
package io.ringside.team.web;
