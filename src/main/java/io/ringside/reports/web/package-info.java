/** The reports' REST API. */
@NullMarked
package io.ringside.reports.web;

import org.jspecify.annotations.NullMarked;
